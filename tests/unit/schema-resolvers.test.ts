import { type GraphQLResolveInfo, execute, isAbstractType, isObjectType, parse } from "graphql";
import type { Loaders } from "../../src/loaders";
import type { EntityRecord, RelationshipRecord } from "../../src/model/records";
import { buildGraphQLSchema } from "../../src/schema";
import { type Context, RelationshipBudget } from "../../src/request/context";

const entity = (id: string, kind: string): EntityRecord => ({
  id,
  kind,
  name: id,
  description: null,
  sources: [],
  aliasData: null,
});
const member = (id: string, kind: string, role: string): RelationshipRecord => ({
  id: `${id}-MEMBER_OF-ahg`,
  type: "MEMBER_OF",
  direction: "IN",
  properties: { role },
  sources: [],
  node: entity(id, kind),
});

describe("the built schema's resolvers", () => {
  it("resolve every interface and union from the value's kind, at once", async () => {
    const schema = await buildGraphQLSchema();
    const abstract = Object.values(schema.getTypeMap()).filter(isAbstractType);

    expect(abstract.map((t) => t.name).sort()).toEqual(["Entity", "Location", "Node", "Participant"]);
    for (const type of abstract) {
      const resolved = type.resolveType!({ kind: "State" }, {}, {} as GraphQLResolveInfo, type);
      expect(resolved).toBe("State");
    }
  });

  it("serve relationship fields from what a read ahead primed, with their role argument", async () => {
    const schema = await buildGraphQLSchema();
    const calls: string[] = [];
    const records = [member("AU", "State", "member"), member("unhcr", "Organisation", "observer")];
    const loaders = {
      entityWith: () => ({
        load: async () => {
          calls.push("entityWith");
          return entity("ahg", "Body");
        },
      }),
      primed: (type: string, direction: string, _projection: unknown, id: string) =>
        type === "MEMBER_OF" && direction === "IN" && id === "ahg" ? records : undefined,
      relationships: () => {
        throw new Error("the primed read should have served the field");
      },
    } as unknown as Loaders;
    const contextValue = {
      loaders,
      lookAhead: 0,
      relationships: new RelationshipBudget(),
    } as unknown as Context;
    // What the field's resolver returns, per parent: an array at once, not a promise of one.
    const body = schema.getType("Body");
    if (!isObjectType(body)) throw new Error("no Body type");
    const members = body.getFields().members!;
    const resolve = members.resolve!;
    const returned: unknown[] = [];
    members.resolve = (...args) => {
      const value = resolve(...args);
      returned.push(value);
      return value;
    };

    const result = await execute({
      schema,
      document:
        parse(`{ body(id: "ahg") { observers: members(role: "observer") { role node { ... on Entity { id } } }
        all: members { node { __typename } } } }`),
      contextValue,
    });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      body: {
        observers: [{ role: "observer", node: { id: "unhcr" } }],
        all: [{ node: { __typename: "State" } }, { node: { __typename: "Organisation" } }],
      },
    });
    expect(calls).toEqual(["entityWith"]);
    expect(returned).toHaveLength(2);
    for (const value of returned) expect(Array.isArray(value)).toBe(true);
  });
});
