import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  graphql,
} from "graphql";
import { selectedEdgeProperties, selectedProperties } from "../../src/resolvers/selection";

/**
 * A small schema of the same shape as the API's: an Entity interface, two object types
 * with their own scalars, an edge list with `node`, and fields that resolve from
 * something other than a property (claims, the edge list itself).
 */
function schemaRecording(
  seen: (readonly string[])[],
  edgesSeen?: (readonly string[] | null)[],
  extra: readonly string[] = [],
) {
  const Citation = new GraphQLObjectType({ name: "Citation", fields: { citation: { type: GraphQLString } } });
  const Alias = new GraphQLObjectType({ name: "Alias", fields: { name: { type: GraphQLString } } });
  const entityFields = () => ({
    id: { type: new GraphQLNonNull(GraphQLID) },
    kind: { type: GraphQLString },
    name: { type: GraphQLString },
    description: { type: GraphQLString },
    aliases: { type: new GraphQLList(Alias), resolve: () => [] },
    sources: { type: new GraphQLList(Citation), resolve: () => [] },
    claims: { type: new GraphQLList(Citation), resolve: () => [] },
    related: { type: new GraphQLList(Edge), resolve: edges },
  });
  const Entity: GraphQLInterfaceType = new GraphQLInterfaceType({
    name: "Entity",
    fields: entityFields,
    resolveType: (value: { kind: string }) => value.kind,
  });
  const State = new GraphQLObjectType({
    name: "State",
    interfaces: [Entity],
    fields: () => ({ ...entityFields(), type: { type: GraphQLString } }),
  });
  const Body = new GraphQLObjectType({
    name: "Body",
    interfaces: [Entity],
    fields: () => ({ ...entityFields(), acronym: { type: GraphQLString }, isAhg: { type: GraphQLBoolean } }),
  });
  const Edge: GraphQLObjectType = new GraphQLObjectType({
    name: "Edge",
    fields: () => ({
      id: { type: GraphQLID },
      role: { type: GraphQLString },
      since: { type: GraphQLString },
      properties: { type: GraphQLString },
      sources: { type: new GraphQLList(Citation), resolve: () => [] },
      node: { type: Entity },
    }),
  });
  function edges(
    _parent: unknown,
    _args: unknown,
    context: object,
    info: Parameters<typeof selectedProperties>[0],
  ) {
    seen.push(selectedProperties(info, ["node"], context));
    edgesSeen?.push(selectedEdgeProperties(info, context, extra));
    return [];
  }
  const Query = new GraphQLObjectType({
    name: "Query",
    fields: {
      entity: {
        type: Entity,
        resolve: () => ({ id: "AU", kind: "State" }),
      },
      many: {
        type: new GraphQLList(Entity),
        resolve: () => [
          { id: "AU", kind: "State" },
          { id: "ahg", kind: "Body" },
          { id: "NZ", kind: "State" },
        ],
      },
      related: { type: new GraphQLList(Edge), resolve: edges },
    },
  });
  return new GraphQLSchema({ query: Query, types: [State, Body] });
}

async function propertiesFor(
  source: string,
  variableValues?: Record<string, unknown>,
  contextValue: object = {},
): Promise<(readonly string[])[]> {
  const seen: (readonly string[])[] = [];
  const result = await graphql({ schema: schemaRecording(seen), source, variableValues, contextValue });
  expect(result.errors).toBeUndefined();
  return seen;
}

describe("the properties a selection needs", () => {
  it("are the selected leaf fields, always with id and kind, sorted", async () => {
    expect(await propertiesFor("{ related { role node { name description } } }")).toEqual([
      ["description", "id", "kind", "name"],
    ]);
  });

  it("map aliases and sources to their stored properties, and need nothing for claims or edges", async () => {
    expect(
      await propertiesFor(
        "{ related { node { aliases { name } sources { citation } claims { citation } related { role } } } }",
      ),
    ).toEqual([["aliasData", "id", "kind", "sources"]]);
  });

  it("take fields from fragments on every type, named or inline, and from field aliases", async () => {
    const [properties] = await propertiesFor(`
      fragment B on Body { acronym }
      { related { node { label: name ... on State { type } ...B ... on Entity { description } __typename } } }`);
    expect(properties).toEqual(["acronym", "description", "id", "kind", "name", "type"]);
  });

  it("follow @include and @skip with the request's variables", async () => {
    const query = `query ($more: Boolean!) { related { node { name description @include(if: $more) acronym: id @skip(if: $more) } } }`;
    expect(await propertiesFor(query, { more: true })).toEqual([["description", "id", "kind", "name"]]);
    expect(await propertiesFor(query, { more: false })).toEqual([["id", "kind", "name"]]);
  });

  it("are the same answer for every parent of a level", async () => {
    const seen = await propertiesFor("{ many { related { node { name } } } }");
    expect(seen).toEqual([
      ["id", "kind", "name"],
      ["id", "kind", "name"],
      ["id", "kind", "name"],
    ]);
    // Parents of one concrete type share field nodes, and so the worked-out answer.
    expect(seen[2]).toBe(seen[0]);
  });

  it("keep two selections of one field apart", async () => {
    expect(
      await propertiesFor("{ a: related { node { name } } b: related { node { ... on Body { isAhg } } } }"),
    ).toEqual([
      ["id", "kind", "name"],
      ["id", "isAhg", "kind"],
    ]);
  });

  describe("of a relationship", () => {
    async function edgePropertiesFor(source: string, extra: readonly string[] = []) {
      const edgesSeen: (readonly string[] | null)[] = [];
      const result = await graphql({
        schema: schemaRecording([], edgesSeen, extra),
        source,
        contextValue: {},
      });
      expect(result.errors).toBeUndefined();
      return edgesSeen;
    }

    it("are the selected stored fields, sorted, the id only when selected; type and direction come anyway", async () => {
      expect(await edgePropertiesFor("{ related { id since role node { id } } }")).toEqual([
        ["id", "role", "since"],
      ]);
      expect(await edgePropertiesFor("{ related { id node { name } } }")).toEqual([["id"]]);
      expect(await edgePropertiesFor("{ related { node { name } } }")).toEqual([[]]);
      expect(await edgePropertiesFor("{ related { sources { citation } } }")).toEqual([["sources"]]);
    });

    it("are all of them when the selection asks for `properties`", async () => {
      expect(await edgePropertiesFor("{ related { role properties } }")).toEqual([null]);
    });

    it("include what the field needs for itself, such as the role it filters by", async () => {
      expect(await edgePropertiesFor("{ related { since } }", ["role"])).toEqual([["role", "since"]]);
    });
  });
});
