import { parseApiKeys } from "../../src/auth/api-keys";
import type { Executor } from "../../src/db/executor";
import { recountWhereMissing } from "../../src/db/relationship-counts";
import { toParameter } from "../../src/db/values";
import { KINDS } from "../../src/model/kinds";
import { RELATIONSHIP_TYPES } from "../../src/model/relationships";
import {
  type CountDirection,
  countProperty,
  indexedCounts,
  keptCounts,
} from "../../src/model/relationship-counts";
import {
  type ListReads,
  ListRepository,
  type PageSpec,
  type SortSpec,
} from "../../src/repository/list.repository";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { seedTestDatabase } from "../support/seed";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers and plans are walked as JSON */
type Answer = any;

const KEY = "curator-secret-0123456789abcdef";
const AUTH = { authorization: `Bearer ${KEY}` };
const CITE = `{ sources: [{ sourceId: "003", firstLine: 33, lastLine: 33 }] }`;
const TYPES = Object.keys(RELATIONSHIP_TYPES);

/**
 * Every entity's relationships counted by plain Cypher, one COUNT per type and direction
 * (the type compared as a value, not written into the pattern), keyed by the kept property.
 * A document's MENTIONS are where it names an entity, not facts: no count includes them.
 */
async function countedByCypher(executor: Executor): Promise<Map<string, Record<string, number>>> {
  const rows = await executor.read<{ id: string; total: number[]; byType: number[][] }>(
    `MATCH (n:Entity)
     RETURN n.id AS id,
            [COUNT { (n)-[:!MENTIONS]->() }, COUNT { (n)<-[:!MENTIONS]-() }, COUNT { (n)-[:!MENTIONS]-() }] AS total,
            [t IN $types | [COUNT { (n)-[r]->() WHERE type(r) = t }, COUNT { (n)<-[r]-() WHERE type(r) = t },
                            COUNT { (n)-[r]-() WHERE type(r) = t }]] AS byType`,
    { types: TYPES },
  );
  const directions: CountDirection[] = ["OUT", "IN", "BOTH"];
  return new Map(
    rows.map(({ id, total, byType }) => {
      const counts: Record<string, number> = {};
      directions.forEach((direction, d) => {
        counts[countProperty(null, direction)] = total[d]!;
        TYPES.forEach((type, t) => (counts[countProperty(type, direction)] = byType[t]![d]!));
      });
      return [id, counts];
    }),
  );
}

/** The counts kept on every entity node. */
async function kept(executor: Executor): Promise<Map<string, Record<string, unknown>>> {
  const properties = keptCounts().map((k) => k.property);
  const rows = await executor.read<{ id: string; counts: unknown[] }>(
    "MATCH (n:Entity) RETURN n.id AS id, [k IN $properties | n[k]] AS counts",
    { properties },
  );
  return new Map(
    rows.map(({ id, counts }) => [id, Object.fromEntries(properties.map((p, i) => [p, counts[i]]))]),
  );
}

async function expectCountsKept(executor: Executor): Promise<void> {
  const expected = await countedByCypher(executor);
  const actual = await kept(executor);
  expect(actual.size).toBe(expected.size);
  const canonical = (counts: Record<string, unknown> | undefined) =>
    JSON.stringify(Object.entries(counts ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  // Only the nodes that differ are printed when the check fails.
  const wrong = [...expected].filter(([id, counts]) => canonical(actual.get(id)) !== canonical(counts));
  expect(wrong.map(([id, counts]) => ({ id, kept: actual.get(id), counted: counts }))).toEqual([]);
}

describe("relationship counts kept on the entity nodes", () => {
  let db: TestDatabase;
  let server: TestServer;

  const ok = async (query: string, variables?: Record<string, unknown>): Promise<Answer> => {
    const { status, body } = await server.post(query, variables, AUTH);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    db = openTestDatabase();
    await seedTestDatabase();
    server = await startTestServer(db.executor, { apiKeys: parseApiKeys(`curator:${KEY}`) });
  });

  afterAll(async () => {
    await server.stop();
    await seedTestDatabase();
    await db.close();
  });

  it("equal plain Cypher counts on every entity after the seed import", async () => {
    await expectCountsKept(db.executor);
    // The data set has relationships of every kind of count: the check is not of zeros.
    const [row] = await db.executor.read(
      `MATCH (n:Entity) RETURN max(n.${countProperty(null, "BOTH")}) AS most, count(n) AS entities`,
    );
    expect(row!.most).toBeGreaterThan(10);
  });

  it("are written at start-up on entities that lack them (a graph loaded before they were kept)", async () => {
    await db.executor.write(
      `MATCH (n:Entity) WHERE n.id IN ["bali-process", "AU", "ad-hoc-group"] OR n:Meeting
       REMOVE n.${countProperty(null, "BOTH")}, n.${countProperty("HELD_IN", "OUT")}`,
    );
    const [{ lacking }] = (await db.executor.read(
      `MATCH (n:Entity) WHERE n.${countProperty(null, "BOTH")} IS NULL RETURN count(n) AS lacking`,
    )) as [{ lacking: number }];

    // A transaction per 7 entities, as a large graph is counted.
    expect(await recountWhereMissing(db.executor, 7)).toBe(lacking);
    expect(await recountWhereMissing(db.executor, 7)).toBe(0);
    await expectCountsKept(db.executor);
  });

  it("are internal: no entity field shows them, and the API's answers do not hold them", async () => {
    const data = await ok(
      `{ body(id: "bali-process") { id name } __type(name: "Body") { fields { name } } }`,
    );
    const fields = data.__type.fields.map((f: Answer) => f.name);
    expect(fields.filter((f: string) => f.startsWith("_") || /count/i.test(f))).toEqual([]);
    const graph = await ok(
      `{ neighbourhood(id: "bali-process", depth: 1, limit: 50) { nodes { id } edges { id properties } } }`,
    );
    expect(JSON.stringify(graph)).not.toMatch(/_rel/);
  });

  describe("kept by every curation write, in its transaction", () => {
    it("creating an entity and relationships to it, a claim, a self-referencing relationship", async () => {
      await ok(`mutation {
        a: createEntity(input: { kind: BODY, name: "Counting Test Group", type: "group" }, provenance: ${CITE}) { entity { id } }
        b: createRelationship(input: { type: MEMBER_OF, from: "NZ", to: "counting-test-group", properties: { role: "member" } }, provenance: ${CITE}) { relationship { id } }
        c: createRelationship(input: { type: MEMBER_OF, from: "AU", to: "counting-test-group", properties: { role: "observer" } }, provenance: ${CITE}) { relationship { id } }
        d: createRelationship(input: { type: OPERATES_UNDER, from: "counting-test-group", to: "bali-process" }, provenance: ${CITE}) { relationship { id } }
        g: createRelationship(input: { type: INITIATIVE_OF, from: "counting-test-group", to: "counting-test-group" }, provenance: ${CITE}) { relationship { id } }
        e: addClaim(input: { id: "counting-test-claim", subject: "counting-test-group", property: "meetings", value: 3 }, provenance: ${CITE}) { claim { id } }
        f: createEntity(input: { kind: BODY, name: "Counting Empty Group", type: "group" }, provenance: { newSources: [{ title: "Counting notes", reference: "https://example.org/counting" }] }) { entity { id } }
      }`);
      const [row] = await db.executor.read(
        `MATCH (n:Entity {id: "counting-test-group"}) RETURN n.${countProperty("MEMBER_OF", "IN")} AS members,
           n.${countProperty(null, "BOTH")} AS all, n.${countProperty("OPERATES_UNDER", "OUT")} AS under`,
      );

      // The relationship to itself counts once among all (as `(n)--()` matches it once).
      expect(row).toEqual({ members: 2, all: 5, under: 1 });
      await expectCountsKept(db.executor);
    });

    it("updating an entity and a relationship keeps the counts", async () => {
      await ok(`mutation {
        updateEntity(id: "counting-test-group", input: { description: "Counted." }, provenance: ${CITE}) { entity { id } }
        updateRelationship(id: "AU-MEMBER_OF-counting-test-group-observer", properties: { role: "member" }, provenance: ${CITE}) { relationship { id } }
      }`);

      await expectCountsKept(db.executor);
    });

    it("deleting a relationship and retracting a claim", async () => {
      await ok(`mutation {
        a: deleteRelationship(id: "NZ-MEMBER_OF-counting-test-group-member", provenance: ${CITE}) { audit { id } }
        b: retractClaim(id: "counting-test-claim", provenance: ${CITE}) { audit { id } }
      }`);
      const [row] = await db.executor.read(
        `MATCH (n:Entity {id: "counting-test-group"}) RETURN n.${countProperty("MEMBER_OF", "IN")} AS members, n.${countProperty(null, "BOTH")} AS all`,
      );

      expect(row).toEqual({ members: 1, all: 3 });
      await expectCountsKept(db.executor);
    });

    it("deleting an entity recounts its neighbours (a hub of the data set too)", async () => {
      const [hub] = await db.executor.read(
        `MATCH (n:Body) WHERE n.id <> "bali-process" RETURN n.id AS id ORDER BY COUNT { (n)--(:Entity) } DESC, n.id LIMIT 1`,
      );
      await ok(
        `mutation($hub: ID!) {
          a: deleteEntity(id: "counting-test-group", provenance: ${CITE}) { audit { id } }
          b: deleteEntity(id: $hub, provenance: ${CITE}) { audit { id } }
        }`,
        { hub: hub!.id },
      );

      await expectCountsKept(db.executor);
    });

    it("a refused write leaves the counts as they were", async () => {
      const before = await kept(db.executor);
      const { body } = await server.post(
        `mutation { createRelationship(input: { type: MEMBER_OF, from: "NZ", to: "no-such-entity" }, provenance: ${CITE}) { relationship { id } } }`,
        undefined,
        AUTH,
      );

      expect(body.errors?.[0]?.extensions?.code).toBeDefined();
      expect(await kept(db.executor)).toEqual(before);
    });
  });

  describe("sorting by a count", () => {
    beforeAll(async () => {
      await seedTestDatabase();
    });

    const pattern = (type: string | null, direction: CountDirection) => {
      const t = type ? `:${type}` : ":!MENTIONS";
      return direction === "OUT" ? `(n)-[${t}]->()` : direction === "IN" ? `(n)<-[${t}]-()` : `(n)-[${t}]-()`;
    };

    /** Every page of a list through the API, `first` at a time. */
    async function allPages(root: string, orderBy: string, first: number): Promise<string[]> {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const data: Answer = await ok(
          `query($after: String) { ${root}(first: ${first}, after: $after, orderBy: ${orderBy}) {
            edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        ids.push(...data[root].edges.map((e: Answer) => e.node.id));
        if (!data[root].pageInfo.hasNextPage) return ids;
        after = data[root].pageInfo.endCursor;
      }
    }

    it.each([
      ["bodies", "Body", "MEMBER_OF", "IN", "DESC"],
      ["bodies", "Body", "MEMBER_OF", null, "ASC"],
      ["states", "State", null, null, "DESC"],
      ["states", "State", "CO_CHAIRS", "OUT", "ASC"],
      ["meetings", "Meeting", "HELD_IN", "OUT", "DESC"],
      ["documents", "Document", "ADOPTED_AT", "OUT", "DESC"],
      ["organisations", "Organisation", "PARTICIPATED_IN", "OUT", "DESC"],
    ] as const)(
      "%s by %s %s %s (%s) answers as counting every node, ties by id, page after page",
      async (root, label, type, direction, order) => {
        const reference = await db.executor.read<{ id: string }>(
          `MATCH (n:${label}) WITH n, COUNT { ${pattern(type, direction ?? "BOTH")} } AS c
           RETURN n.id AS id ORDER BY c ${order}, n.id ${order}`,
        );
        const orderBy = `{ field: RELATIONSHIP_COUNT, direction: ${order}${type ? `, relationshipType: ${type}` : ""}${
          direction ? `, relationshipDirection: ${direction}` : ""
        } }`;

        expect(await allPages(root, orderBy, 7)).toEqual(reference.map((r) => r.id));
      },
    );

    it("index every count a kind's relationship fields walk, and every kind's totals", async () => {
      const indexes = await db.executor.read<{ labels: string[]; properties: string[] }>(
        `SHOW INDEXES YIELD type, labelsOrTypes AS labels, properties, state WHERE type = "RANGE" AND state = "ONLINE"
         RETURN labels, properties`,
      );
      const online = new Set(indexes.map((i) => `${i.labels.join()}.${i.properties.join()}`));

      expect(indexedCounts().filter(({ label, property }) => !online.has(`${label}.${property}`))).toEqual(
        [],
      );
      for (const kind of KINDS) expect(online.has(`${kind}.${countProperty(null, "BOTH")}`)).toBe(true);
      expect(online.has(`Body.${countProperty("MEMBER_OF", "IN")}`)).toBe(true);
    });

    /** A list's page, and the operators (with rows) of its own statement run once more under PROFILE. */
    async function profiledList(label: string, sort: SortSpec, page: PageSpec, reads: ListReads = {}) {
      let statement: { cypher: string; params: Record<string, unknown> } | null = null;
      const capturing = {
        read: async (cypher: string, params: Record<string, unknown>) => {
          statement = { cypher, params };
          return db.executor.read(cypher, params);
        },
      } as unknown as Executor;
      const listed = await new ListRepository(capturing).list(label, null, sort, page, reads);
      const session = db.driver.session({ database: process.env.NEO4J_TEST_DATABASE ?? "neo4j" });
      let result;
      try {
        const { cypher, params } = statement!;
        result = await session.run(`PROFILE ${cypher}`, toParameter(params) as Record<string, unknown>);
      } finally {
        await session.close();
      }
      const operators: { name: string; rows: number }[] = [];
      const walk = (plan: Answer) => {
        operators.push({ name: String(plan.operatorType).split("@")[0]!, rows: Number(plan.rows) });
        for (const child of plan.children ?? []) walk(child);
      };
      walk(result.summary.profile);
      return { page: listed, operators };
    }

    it("count an unfiltered list from the count store, beside the page read from the count's index", async () => {
      const { page, operators } = await profiledList(
        "State",
        {
          field: "RELATIONSHIP_COUNT",
          direction: "DESC",
          relationshipType: null,
          relationshipDirection: null,
        },
        { first: 5 },
        { withTotal: true },
      );
      const [{ states }] = (await db.executor.read("MATCH (n:State) RETURN count(n) AS states")) as [
        { states: number },
      ];

      expect(page.total).toBe(states);
      expect(operators.map((o) => o.name)).toEqual(
        expect.arrayContaining(["NodeCountFromCountStore", "NodeIndexScan"]),
      );
      expect(operators.filter((o) => o.name.startsWith("NodeByLabelScan"))).toEqual([]);
    });

    it("read the top k from the count's index: about k nodes, not every body", async () => {
      const k = 3;
      const sort: SortSpec = {
        field: "RELATIONSHIP_COUNT",
        direction: "DESC",
        relationshipType: "MEMBER_OF",
        relationshipDirection: "IN",
      };
      const { page, operators } = await profiledList("Body", sort, { first: k });
      const counts = await db.executor.read<{ c: number; bodies: number }>(
        `MATCH (n:Body) WITH COUNT { (n)<-[:MEMBER_OF]-() } AS c ORDER BY c DESC
         WITH collect(c) AS cs RETURN cs[${k}] AS c, size(cs) AS bodies`,
      );
      const { c: boundary, bodies } = counts[0]!;
      // Ties at the k+1-th count are read whole (the page is ordered by id within a count).
      const [{ reachable }] = (await db.executor.read(
        "MATCH (n:Body) WHERE COUNT { (n)<-[:MEMBER_OF]-() } >= $boundary RETURN count(n) AS reachable",
        { boundary },
      )) as [{ reachable: number }];
      const scan = operators.find((o) => o.name.startsWith("NodeIndex"));

      expect(page.rows.map((r) => r.node.id)[0]).toBe("bali-process");
      expect(
        operators.filter((o) => o.name.startsWith("NodeByLabelScan") || o.name === "AllNodesScan"),
      ).toEqual([]);
      expect(scan).toBeDefined();
      expect(scan!.rows).toBeLessThanOrEqual(reachable + 1);
      expect(scan!.rows).toBeLessThan(bodies);
    });
  });
});
