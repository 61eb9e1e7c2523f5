import fs from "node:fs";
import path from "node:path";
import { composeServices } from "@apollo/composition";
import {
  Kind,
  type ObjectTypeDefinitionNode,
  type UnionTypeDefinitionNode,
  isObjectType,
  isUnionType,
  parse,
  print,
} from "graphql";
import { KINDS } from "../../src/model/kinds";
import { buildGraphQLSchema, emittedSdl, sdlOf } from "../../src/schema";
import { FEDERATION_SPEC, buildSubgraph, subgraphOf, subgraphSdlFileOf } from "../../src/subgraph";

const committed = (name: string) => fs.readFileSync(path.join(__dirname, "../../schema", name), "utf8");

describe("the committed subgraph SDL", () => {
  it("is exactly what the type-graphql classes build as a subgraph (run `npm run schema` after changing them)", async () => {
    const built = subgraphSdlFileOf(await buildSubgraph());

    expect(committed("subgraph.graphql")).toBe(built);
  });

  it("links Federation 2 and keys every entity type, and no other, by id", () => {
    const document = parse(committed("subgraph.graphql"));
    const objects = document.definitions.filter(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION,
    );
    const keys = Object.fromEntries(
      objects.flatMap((type) => {
        const found = (type.directives ?? []).filter((d) => d.name.value === "key").map((d) => print(d));
        return found.length ? [[type.name.value, found]] : [];
      }),
    );
    const entityUnion = document.definitions.find(
      (d): d is UnionTypeDefinitionNode =>
        d.kind === Kind.UNION_TYPE_DEFINITION && d.name.value === "_Entity",
    );

    const entityTypes = [...KINDS, "Source"].sort();
    expect(committed("subgraph.graphql")).toContain(`@link(url: "${FEDERATION_SPEC}", import: ["@key"])`);
    expect(Object.keys(keys).sort()).toEqual(entityTypes);
    for (const found of Object.values(keys)) expect(found).toEqual(['@key(fields: "id")']);
    expect(entityUnion?.types?.map((t) => t.name.value).sort()).toEqual(entityTypes);
  });

  it("composes, as committed, with a subgraph that adds a field to State", () => {
    const people = parse(`
      extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key"])
      type State @key(fields: "id") { id: ID! population: Int }
    `);

    const result = composeServices([
      { name: "bali", typeDefs: parse(committed("subgraph.graphql")) },
      { name: "people", typeDefs: people },
    ]);

    expect(result.errors).toBeUndefined();
    const supergraph = result.schema!.toGraphQLJSSchema();
    const state = supergraph.getType("State");
    expect(isObjectType(state) && Object.keys(state.getFields())).toEqual(
      expect.arrayContaining(["id", "name", "coChairOf", "memberOf", "population"]),
    );
    expect(Object.keys(supergraph.getQueryType()!.getFields())).not.toContain("_entities");
  });
});

describe("the subgraph schema", () => {
  it("keeps every type of the built schema as it is, and adds _entities and _service to Query only", async () => {
    const plain = await buildGraphQLSchema();
    const before = sdlOf(plain);

    const { schema } = subgraphOf(plain);

    for (const [name, type] of Object.entries(plain.getTypeMap())) {
      if (name !== "Query") expect(schema.getType(name)).toBe(type);
    }
    const queryFields = (s: typeof plain) => Object.keys(s.getQueryType()!.getFields()).sort();
    expect(queryFields(schema)).toEqual([...queryFields(plain), "_entities", "_service"].sort());
    expect(
      Object.keys(schema.getTypeMap()).filter((name) => !plain.getType(name) && !name.startsWith("__")),
    ).toEqual(expect.arrayContaining(["_Entity", "_Any", "_Service"]));
    const entity = schema.getType("_Entity");
    expect(
      isUnionType(entity) && entity.getTypes().every((t) => isObjectType(t) && plain.getType(t.name) === t),
    ).toBe(true);
    // The plain schema is untouched: schema/schema.graphql stays what it was.
    expect(sdlOf(plain)).toBe(before);
    expect(before).toBe(await emittedSdl());
    expect(plain.getQueryType()!.getFields()._entities).toBeUndefined();
  });
});
