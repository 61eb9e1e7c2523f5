import { createLoaders } from "../../src/loaders";
import type { Repositories } from "../../src/repository";
import type { EntityRecord, RelationshipRecord } from "../../src/repository/records";

const entity = (id: string): EntityRecord => ({
  id,
  kind: "State",
  name: id,
  description: null,
  sources: [],
  aliasData: null,
});
const edge = (id: string, to: string): RelationshipRecord => ({
  id,
  type: "MEMBER_OF",
  direction: "OUT",
  properties: { role: "member" },
  sources: ["001:23-23"],
  node: entity(to),
});

/** Repositories whose batch functions record what they were asked. */
function fakeRepositories() {
  const calls: { method: string; args: unknown[] }[] = [];
  const entities = {
    byIds: async (ids: readonly string[]) => {
      calls.push({ method: "byIds", args: [[...ids]] });
      return ids.map((id) => (id === "XX" ? null : entity(id)));
    },
    relationships: async (ids: readonly string[], type: string, direction: string) => {
      calls.push({ method: "relationships", args: [[...ids], type, direction] });
      return new Map([["AU", [edge("e1", "bali-process"), edge("e2", "ad-hoc-group")]]]);
    },
    anyRelationships: async (
      ids: readonly string[],
      types: readonly string[] | null,
      direction: string | null,
    ) => {
      calls.push({ method: "anyRelationships", args: [[...ids], types, direction] });
      return new Map<string, RelationshipRecord[]>();
    },
    claims: async () => new Map(),
  };
  return { repositories: { entities } as unknown as Repositories, calls };
}

describe("per-request loaders", () => {
  it("batch every parent of a level into one call per (type, direction)", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);

    const results = await Promise.all(
      ["AU", "ID", "NZ"].map((id) => loaders.relationships("MEMBER_OF", "OUT").load(id)),
    );

    expect(calls).toEqual([{ method: "relationships", args: [["AU", "ID", "NZ"], "MEMBER_OF", "OUT"] }]);
    expect(results.map((r) => r.map((e) => e.id))).toEqual([["e1", "e2"], [], []]);
  });

  it("keep separate batches for different types or directions", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);

    await Promise.all([
      loaders.relationships("MEMBER_OF", "OUT").load("AU"),
      loaders.relationships("MEMBER_OF", "IN").load("AU"),
      loaders.relationships("CO_CHAIRS", "OUT").load("AU"),
    ]);

    expect(calls.map((c) => c.args.slice(1))).toEqual([
      ["MEMBER_OF", "OUT"],
      ["MEMBER_OF", "IN"],
      ["CO_CHAIRS", "OUT"],
    ]);
  });

  it("return null for an unknown id, in key order", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);

    const found = await loaders.entity.loadMany(["NZ", "XX", "AU"]);

    expect(found.map((e) => (e && !(e instanceof Error) ? e.id : null))).toEqual(["NZ", null, "AU"]);
    expect(calls).toHaveLength(1);
  });

  it("share one generic loader whatever the order the types are given in", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);

    await Promise.all([
      loaders.anyRelationships(["CO_CHAIRS", "MEMBER_OF"], null).load("AU"),
      loaders.anyRelationships(["MEMBER_OF", "CO_CHAIRS"], null).load("NZ"),
    ]);

    expect(calls).toEqual([
      { method: "anyRelationships", args: [["AU", "NZ"], ["CO_CHAIRS", "MEMBER_OF"], null] },
    ]);
  });

  it("cache within a request: the same key is fetched once", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);

    await loaders.entity.load("NZ");
    await loaders.entity.load("NZ");

    expect(calls).toHaveLength(1);
  });
});
