import { createLoaders } from "../../src/loaders";
import type { Repositories } from "../../src/repository";
import type { EntityRecord, Prefetched, ReadAhead, RelationshipRecord } from "../../src/model/records";

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

/** What a read ahead "finds": one relationship to "ad-hoc-group" for each id, per read. */
const found = (ids: readonly string[], ahead: readonly ReadAhead[]): Prefetched[] =>
  ahead.flatMap((read) => ids.map((id) => ({ read, id, records: [edge(`${id}-ahead`, "ad-hoc-group")] })));

const coChairsAhead = (): ReadAhead[] => [
  {
    type: "CO_CHAIRS",
    direction: "OUT",
    projection: { node: ["id", "kind"], edge: [] },
    labels: ["State"],
    next: [],
  },
];

/** Repositories whose batch functions record what they were asked. */
function fakeRepositories() {
  const calls: { method: string; args: unknown[] }[] = [];
  const entities = {
    byIds: async (
      ids: readonly string[],
      _label: string,
      _properties: unknown,
      ahead: readonly ReadAhead[] = [],
    ) => {
      calls.push({ method: "byIds", args: ahead.length ? [[...ids], ahead] : [[...ids]] });
      return { nodes: ids.map((id) => (id === "XX" ? null : entity(id))), prefetched: found(ids, ahead) };
    },
    relationships: async (
      ids: readonly string[],
      type: string,
      direction: string,
      _projection: unknown,
      ahead: readonly ReadAhead[] = [],
    ) => {
      calls.push({
        method: "relationships",
        args: [[...ids], type, direction, ...(ahead.length ? [ahead] : [])],
      });
      return {
        byId: new Map([["AU", [edge("e1", "bali-process"), edge("e2", "ad-hoc-group")]]]),
        prefetched: found(ids, ahead),
      };
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
  const lists = {
    list: async (
      label: string,
      _filter: unknown,
      _sort: unknown,
      _page: unknown,
      reads: { ahead?: ReadAhead[] },
    ) => {
      const ahead = reads.ahead ?? [];
      calls.push({ method: "list", args: [label, ...(ahead.length ? [ahead] : [])] });
      const ids = ["AU", "NZ"];
      return {
        rows: ids.map((id) => ({ node: entity(id), sortKey: id })),
        hasMore: false,
        prefetched: found(ids, ahead),
      };
    },
  };
  return { repositories: { entities, lists } as unknown as Repositories, calls };
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

  it("serve a level read ahead from the loaders it primed, without another call", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);
    const ahead = coChairsAhead();

    const members = await loaders.relationships("MEMBER_OF", "OUT").load({ id: "AU", ahead });
    const below = await Promise.all(
      ["AU", "NZ"].map((id) =>
        loaders.relationships("CO_CHAIRS", "OUT", { node: ["id", "kind"], edge: [] }).load(id),
      ),
    );

    expect(members.map((e) => e.id)).toEqual(["e1", "e2"]);
    expect(below.map((records) => records.map((e) => e.id))).toEqual([["AU-ahead"], []]);
    // NZ was not read ahead: its own call. A different projection is a different read.
    expect(calls.map((c) => c.args[0])).toEqual([["AU"], ["NZ"]]);
    await loaders.relationships("CO_CHAIRS", "OUT", { node: ["id", "kind", "name"], edge: [] }).load("AU");
    expect(calls).toHaveLength(3);
  });

  it("give what a read ahead found at once, without a promise, and nothing for what none read", async () => {
    const { repositories } = fakeRepositories();
    const loaders = createLoaders(repositories);
    const projection = { node: ["id", "kind"], edge: [] };

    expect(loaders.primed("CO_CHAIRS", "OUT", projection, "AU")).toBeUndefined();
    await loaders.entityWith(["id", "kind"]).load({ id: "AU", ahead: coChairsAhead() });

    expect(loaders.primed("CO_CHAIRS", "OUT", projection, "AU")?.map((e) => e.id)).toEqual(["AU-ahead"]);
    expect(loaders.primed("CO_CHAIRS", "OUT", { node: ["id"], edge: [] }, "AU")).toBeUndefined();
    loaders.clearAll();
    expect(loaders.primed("CO_CHAIRS", "OUT", projection, "AU")).toBeUndefined();
  });

  it("fill the relationship loaders from a list page's reads ahead, in the list's one call", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);

    const page = await loaders.list(
      "State",
      null,
      { field: "NAME", direction: "ASC" },
      { first: 2 },
      { ahead: coChairsAhead() },
    );
    const below = await loaders
      .relationships("CO_CHAIRS", "OUT", { node: ["id", "kind"], edge: [] })
      .load("AU");

    expect(page.rows.map((row) => row.node.id)).toEqual(["AU", "NZ"]);
    expect(below.map((e) => e.id)).toEqual(["AU-ahead"]);
    expect(calls.map((c) => c.method)).toEqual(["list"]);
  });

  it("prime from an entity lookup's reads ahead", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);

    await loaders.entityWith(["id", "kind"]).load({ id: "AU", ahead: coChairsAhead() });
    const below = await loaders
      .relationships("CO_CHAIRS", "OUT", { node: ["id", "kind"], edge: [] })
      .load({ id: "AU", ahead: coChairsAhead() });

    expect(below.map((e) => e.id)).toEqual(["AU-ahead"]);
    expect(calls.map((c) => c.method)).toEqual(["byIds"]);
  });

  it("batch keys with equal reads ahead into one call, and other reads into their own", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);
    const other = [{ ...coChairsAhead()[0]!, labels: ["Organisation"] }];

    await Promise.all([
      loaders.relationships("MEMBER_OF", "OUT").load({ id: "AU", ahead: coChairsAhead() }),
      loaders.relationships("MEMBER_OF", "OUT").load({ id: "NZ", ahead: coChairsAhead() }),
      loaders.relationships("MEMBER_OF", "OUT").load({ id: "ID", ahead: other }),
    ]);

    expect(calls.map((c) => c.args[0])).toEqual([["AU", "NZ"], ["ID"]]);
  });

  it("cache within a request: the same key is fetched once", async () => {
    const { repositories, calls } = fakeRepositories();
    const loaders = createLoaders(repositories);

    await loaders.entity.load("NZ");
    await loaders.entity.load("NZ");

    expect(calls).toHaveLength(1);
  });
});
