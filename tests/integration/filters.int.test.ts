import { type FilterSpec, Params, compileFilter, compileMatch } from "../../src/repository/filters";
import { ListRepository } from "../../src/repository/list.repository";
import { type TestDatabase, openTestDatabase } from "../support/database";

/* eslint-disable @typescript-eslint/no-explicit-any -- plan trees are walked as JSON */

/**
 * A filter that names the entity at the far end of a relationship is matched from that entity;
 * these tests hold it to the same answer as testing every node of the label, on the seed.
 */
describe("relationship filters that name an entity", () => {
  let db: TestDatabase;
  let lists: ListRepository;

  beforeAll(() => {
    db = openTestDatabase();
    lists = new ListRepository(db.executor);
  });

  afterAll(async () => {
    await db.close();
  });

  /** The ids that pass `filter`, each node of `label` tested on its own. */
  async function reference(label: string, filter: FilterSpec): Promise<string[]> {
    const params = new Params();
    const rows = await db.executor.read(
      `MATCH (n:${label}) WHERE ${compileFilter(filter, params)} RETURN n.id AS id ORDER BY id`,
      params.values,
    );
    return rows.map((r) => r.id as string);
  }

  async function listed(label: string, filter: FilterSpec): Promise<{ ids: string[]; total: number }> {
    const page = await lists.list(
      label,
      filter,
      { field: "ID", direction: "ASC" },
      { first: 500 },
      {
        properties: ["id"],
      },
    );
    expect(page.hasMore).toBe(false);
    return {
      ids: page.rows.map((r) => r.node.id as string),
      total: await lists.count(label, filter),
    };
  }

  const cases: { name: string; label: string; filter: FilterSpec; atLeast: number }[] = [
    {
      name: "AHG members that co-chair a working group",
      label: "State",
      filter: {
        related: [
          { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" },
          { type: "CO_CHAIRS", direction: "OUT", nodeType: "working-group" },
        ],
      },
      atLeast: 3,
    },
    {
      name: "the far entity second in the list, with a kind",
      label: "State",
      filter: {
        related: [
          { type: "CO_CHAIRS", direction: "OUT" },
          { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group", kind: "Body" },
        ],
      },
      atLeast: 3,
    },
    {
      name: "either direction",
      label: "Body",
      filter: { related: [{ type: "OPERATES_UNDER", direction: "BOTH", id: "ad-hoc-group" }] },
      atLeast: 3,
    },
    {
      name: "with a role",
      label: "Organisation",
      filter: {
        related: [{ type: "SUPPORTS", direction: "OUT", id: "ad-hoc-group", role: "administrative support" }],
      },
      atLeast: 1,
    },
    {
      name: "incoming",
      label: "Body",
      filter: { related: [{ type: "MEMBER_OF", direction: "IN", id: "AU" }] },
      atLeast: 2,
    },
    {
      name: "with the rest of the filter: names, NOT and notRelated",
      label: "State",
      filter: {
        related: [{ type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" }],
        NOT: { name: "zz-no-such-name" },
        notRelated: [{ type: "CO_CHAIRS", direction: "OUT" }],
      },
      atLeast: 5,
    },
    {
      name: "two named entities",
      label: "State",
      filter: {
        related: [
          { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" },
          { type: "CO_CHAIRS", direction: "OUT", id: "working-group-on-trafficking-in-persons" },
        ],
      },
      atLeast: 2,
    },
    {
      name: "an id that names nothing",
      label: "State",
      filter: { related: [{ type: "MEMBER_OF", direction: "OUT", id: "no-such-entity" }] },
      atLeast: 0,
    },
    {
      name: "a kind the named entity is not",
      label: "State",
      filter: { related: [{ type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group", kind: "Meeting" }] },
      atLeast: 0,
    },
  ];

  it.each(cases)("give the same entities as testing each node: $name", async ({ label, filter, atLeast }) => {
    const expected = await reference(label, filter);
    const { ids, total } = await listed(label, filter);

    expect(ids).toEqual(expected);
    expect(total).toBe(expected.length);
    expect(expected.length).toBeGreaterThanOrEqual(atLeast);
    if (atLeast === 0) expect(expected).toEqual([]);
  });

  it("are planned from the named entity, not from every node of the label", async () => {
    const params = new Params();
    const match = compileMatch(
      "State",
      {
        related: [
          { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" },
          { type: "CO_CHAIRS", direction: "OUT", nodeType: "working-group" },
        ],
      },
      params,
    );
    const session = db.driver.session({ database: process.env.NEO4J_TEST_DATABASE ?? "neo4j" });
    try {
      const result = await session.run(`EXPLAIN ${match} RETURN count(n) AS total`, params.values);
      const operators: string[] = [];
      const walk = (plan: any) => {
        operators.push(String(plan.operatorType).split("@")[0]!);
        for (const child of plan.children ?? []) walk(child);
      };
      walk(result.summary.plan);

      expect(operators).toContain("NodeUniqueIndexSeek");
      expect(operators.filter((o) => o.startsWith("NodeByLabelScan"))).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
