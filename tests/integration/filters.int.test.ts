import { type FilterSpec, Params, compileFilter, compileMatch } from "../../src/repository/filters";
import { ListRepository } from "../../src/repository/list.repository";
import { KINDS } from "../../src/model/kinds";
import { RELATIONSHIP_TYPES } from "../../src/model/relationships";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

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
      name: "the far entity named by a filter of its own, with more conditions on it",
      label: "State",
      filter: {
        related: [
          {
            type: "CO_CHAIRS",
            direction: "OUT",
            where: { ids: ["working-group-on-disruption", "rilon"], types: ["working-group"] },
          },
        ],
      },
      atLeast: 2,
    },
    {
      name: "a named entity, and a nested condition on another",
      label: "State",
      filter: {
        related: [
          { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" },
          {
            type: "CO_CHAIRS",
            direction: "OUT",
            where: { related: [{ type: "OPERATES_UNDER", direction: "OUT", id: "ad-hoc-group" }] },
          },
        ],
      },
      atLeast: 4,
    },
    {
      name: "only a nested condition names an entity: followed from it, hop by hop",
      label: "State",
      filter: {
        name: "a",
        related: [
          {
            type: "CO_CHAIRS",
            direction: "OUT",
            where: {
              types: ["working-group"],
              related: [
                { type: "REPORTS_TO", direction: "OUT" },
                { type: "OPERATES_UNDER", direction: "OUT", id: "ad-hoc-group" },
              ],
            },
          },
        ],
      },
      atLeast: 2,
    },
    {
      name: "a chain back over the same relationship, as nested subqueries allow",
      label: "Body",
      filter: {
        related: [
          {
            type: "MEMBER_OF",
            direction: "BOTH",
            where: { related: [{ type: "MEMBER_OF", direction: "BOTH", id: "ad-hoc-group" }] },
          },
        ],
      },
      atLeast: 1,
    },
    {
      name: "not anchored on a named entity that must be absent (NONE) or counted",
      label: "State",
      filter: {
        related: [
          { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group", quantifier: "NONE" },
          { type: "MEMBER_OF", direction: "OUT", where: { ids: ["bali-process"] }, count: { min: 1 } },
        ],
      },
      atLeast: 10,
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

  it("read whether an entity has a relationship of a type from its kept count: the same entities as following them", async () => {
    const directions = ["OUT", "IN", "BOTH"] as const;
    let some = 0;
    let none = 0;
    for (const kind of KINDS) {
      const rows = await db.executor.read<{ type: string; direction: string; some: number; all: number }>(
        `UNWIND $types AS type UNWIND $directions AS direction
         CALL (type, direction) {
           MATCH (n:${kind})
           RETURN count(n) AS all,
                  count(CASE WHEN (direction = "OUT" AND EXISTS { (n)-[r]->(:Entity) WHERE type(r) = type })
                                OR (direction = "IN" AND EXISTS { (n)<-[r]-(:Entity) WHERE type(r) = type })
                                OR (direction = "BOTH" AND EXISTS { (n)-[r]-(:Entity) WHERE type(r) = type })
                             THEN 1 END) AS some
         }
         RETURN type, direction, some, all`,
        { types: Object.keys(RELATIONSHIP_TYPES), directions },
      );
      for (const row of rows) {
        const spec = { type: row.type, direction: row.direction as (typeof directions)[number] };
        const counted = {
          some: await lists.count(kind, { related: [spec] }),
          all: await lists.count(kind, { related: [{ ...spec, quantifier: "ALL" }] }),
          none: await lists.count(kind, { related: [{ ...spec, quantifier: "NONE" }] }),
          notRelated: await lists.count(kind, { notRelated: [spec] }),
        };
        expect({ kind, ...spec, ...counted }).toEqual({
          kind,
          ...spec,
          some: row.some,
          all: row.some,
          none: row.all - row.some,
          notRelated: row.all - row.some,
        });
        some += row.some;
        none += row.all - row.some;
      }
    }
    expect(some).toBeGreaterThan(0);
    expect(none).toBeGreaterThan(0);
    // And the ids of one page, not only the counts.
    const cochairs = await listed("State", { related: [{ type: "CO_CHAIRS", direction: "OUT" }] });
    const expected = await db.executor.read<{ id: string }>(
      "MATCH (n:State) WHERE EXISTS { (n)-[:CO_CHAIRS]->(:Entity) } RETURN n.id AS id ORDER BY id",
    );
    expect(cochairs.ids).toEqual(expected.map((r) => r.id));
    expect(cochairs.ids.length).toBeGreaterThan(0);
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

/**
 * A nested relationship condition asks in one request, compiled into one statement, what would
 * otherwise take a request per level. Each case here asks both ways on the seeded graph and
 * holds the two answers equal: the nested filter, and the same question level by level through
 * the flat filters and the relationship fields, combined here.
 */
describe("nested relationship conditions, against the same question asked level by level", () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor);
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  async function ask(query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const { body } = await server.execute(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  /**
   * The ids a root list gives for `filter`, in one statement: the ids a filter names, at any
   * depth, are checked in the page's own statement, so no names are read.
   */
  async function idsOf(root: string, filter: Record<string, unknown>): Promise<string[]> {
    const { body, statements } = await server.execute(
      `query($f: EntityFilter) { ${root}(filter: $f, first: 100) { pageInfo { hasNextPage } edges { node { id } } } }`,
      { f: filter },
    );
    expect(body.errors).toBeUndefined();
    const list = (body.data as any)[root];
    expect(list.pageInfo.hasNextPage).toBe(false);
    const namesRead = statements.filter((s) => s.includes("searchKeys"));
    expect(namesRead).toHaveLength(0);
    expect(statements).toHaveLength(1);
    return list.edges.map((e: any) => e.node.id as string).sort();
  }

  /** Each node of a root list, with a relationship field's edges (selected by `edge`). */
  async function nodesWith(root: string, field: string, edge: string, filter: Record<string, unknown> = {}) {
    const data = await ask(
      `query($f: EntityFilter) { ${root}(filter: $f, first: 100) { edges { node { id ${field} { ${edge} } } } } }`,
      { f: filter },
    );
    return data[root].edges.map((e: any) => e.node) as any[];
  }

  const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
  const ahgMember = { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" };
  const underTheAhg = { type: "OPERATES_UNDER", direction: "OUT", id: "ad-hoc-group" };

  it("SOME, with a filter on the far entity that has a relationship condition of its own", async () => {
    const nested = await idsOf("states", {
      related: [
        ahgMember,
        { type: "CO_CHAIRS", direction: "OUT", where: { types: ["working-group"], related: [underTheAhg] } },
      ],
    });

    // Level by level: the working groups under the AHG; who co-chairs them; which of those are members.
    const groups = await idsOf("bodies", { types: ["working-group"], related: [underTheAhg] });
    const chairs = (
      await nodesWith("bodies", "coChairs", "node { ... on Entity { id } }", { ids: groups })
    ).flatMap((b) => b.coChairs.map((c: any) => c.node.id as string));
    const members = await idsOf("states", { related: [ahgMember] });

    expect(groups.length).toBeGreaterThan(0);
    expect(nested).toEqual(sorted(chairs.filter((id) => members.includes(id))));
    expect(nested.length).toBeGreaterThan(0);
  });

  it("NONE, and notRelated with the same condition", async () => {
    const condition = { type: "CO_CHAIRS", direction: "OUT", where: { related: [underTheAhg] } };
    const nested = await idsOf("states", { related: [ahgMember, { ...condition, quantifier: "NONE" }] });
    const negated = await idsOf("states", { related: [ahgMember], notRelated: [condition] });

    const under = await idsOf("bodies", { related: [underTheAhg] });
    const chairs = (
      await nodesWith("bodies", "coChairs", "node { ... on Entity { id } }", { ids: under })
    ).flatMap((b) => b.coChairs.map((c: any) => c.node.id as string));
    const members = await idsOf("states", { related: [ahgMember] });

    expect(nested).toEqual(members.filter((id) => !chairs.includes(id)));
    expect(negated).toEqual(nested);
    expect(nested.length).toBeGreaterThan(0);
    expect(nested.length).toBeLessThan(members.length);
  });

  it("ALL: every body a state co-chairs operates under the AHG, and there is one", async () => {
    const nested = await idsOf("states", {
      related: [
        { type: "CO_CHAIRS", direction: "OUT", quantifier: "ALL", where: { related: [underTheAhg] } },
      ],
    });

    const under = await idsOf("bodies", { related: [underTheAhg] });
    const states = await nodesWith("states", "coChairOf", "node { id }");
    const expected = states
      .filter((s) => s.coChairOf.length > 0 && s.coChairOf.every((c: any) => under.includes(c.node.id)))
      .map((s) => s.id as string);

    expect(nested).toEqual(sorted(expected));
    expect(nested.length).toBeGreaterThan(0);
    // Some co-chairs also co-chair a body that does not operate under the AHG.
    const some = states.filter((s) => s.coChairOf.some((c: any) => under.includes(c.node.id)));
    expect(some.length).toBeGreaterThan(nested.length);
  });

  it("ALL with an edge property: every membership of the state has the role member", async () => {
    const nested = await idsOf("states", {
      related: [{ type: "MEMBER_OF", direction: "OUT", quantifier: "ALL", role: "member" }],
    });

    const states = await nodesWith("states", "memberOf", "role");
    const expected = states
      .filter((s) => s.memberOf.length > 0 && s.memberOf.every((m: any) => m.role === "member"))
      .map((s) => s.id as string);

    expect(nested).toEqual(sorted(expected));
    expect(nested.length).toBeGreaterThan(0);
    expect(nested.length).toBeLessThan(states.filter((s) => s.memberOf.length > 0).length);
  });

  it("a count of far entities that pass a filter, in a range", async () => {
    const atLeastTwo = await idsOf("states", {
      related: [
        { type: "CO_CHAIRS", direction: "OUT", where: { related: [underTheAhg] }, count: { min: 2 } },
      ],
    });
    const noneOrOne = await idsOf("states", {
      related: [
        ahgMember,
        { type: "CO_CHAIRS", direction: "OUT", where: { related: [underTheAhg] }, count: { max: 1 } },
      ],
    });

    const under = await idsOf("bodies", { related: [underTheAhg] });
    const states = await nodesWith("states", "coChairOf", "node { id }");
    const members = await idsOf("states", { related: [ahgMember] });
    const chaired = (s: any) =>
      new Set(s.coChairOf.map((c: any) => c.node.id).filter((id: string) => under.includes(id))).size;

    expect(atLeastTwo).toEqual(sorted(states.filter((s) => chaired(s) >= 2).map((s) => s.id)));
    expect(atLeastTwo.length).toBeGreaterThan(0);
    expect(noneOrOne).toEqual(
      sorted(states.filter((s) => members.includes(s.id) && chaired(s) <= 1).map((s) => s.id)),
    );
    expect(noneOrOne.length).toBeGreaterThan(atLeastTwo.length);
  });

  it("a count of members of a kind: bodies with between 10 and 40 member states", async () => {
    const nested = await idsOf("bodies", {
      related: [{ type: "MEMBER_OF", direction: "IN", kind: "STATE", count: { min: 10, max: 40 } }],
    });

    const bodies = await nodesWith("bodies", "members", "node { __typename ... on Entity { id } }");
    const states = (b: any) =>
      new Set(b.members.filter((m: any) => m.node.__typename === "State").map((m: any) => m.node.id)).size;

    expect(nested).toEqual(sorted(bodies.filter((b) => states(b) >= 10 && states(b) <= 40).map((b) => b.id)));
    expect(nested.length).toBeGreaterThan(0);
  });

  it("an edge property and a filter on the far entity: documents endorsed at a meeting of 2018", async () => {
    const nested = await idsOf("documents", {
      related: [{ type: "ADOPTED_AT", direction: "OUT", action: "endorsed", where: { year: 2018 } }],
    });

    const meetings = await nodesWith("meetings", "documents", "action node { id }", { year: 2018 });
    const expected = meetings.flatMap((m) =>
      m.documents.filter((d: any) => d.action === "endorsed").map((d: any) => d.node.id as string),
    );

    expect(nested).toEqual(sorted(expected));
    expect(nested.length).toBeGreaterThan(0);
  });

  it("a range of an edge's year, and of its since (stored as text)", async () => {
    const established = await idsOf("bodies", {
      related: [{ type: "ESTABLISHED_AT", direction: "OUT", year: { from: 2009, to: 2013 } }],
    });
    const since = await idsOf("states", {
      related: [{ type: "CO_CHAIRS", direction: "OUT", since: { to: 2005 } }],
    });

    const bodies = await nodesWith("bodies", "establishedAt", "year");
    const states = await nodesWith("states", "coChairOf", "since");

    expect(established).toEqual(
      sorted(
        bodies
          .filter((b) => b.establishedAt.some((e: any) => e.year >= 2009 && e.year <= 2013))
          .map((b) => b.id),
      ),
    );
    expect(established.length).toBeGreaterThan(1);
    expect(since).toEqual(
      sorted(
        states
          .filter((s) =>
            s.coChairOf.some((c: any) => c.since !== null && Number(c.since.slice(0, 4)) <= 2005),
          )
          .map((s) => s.id),
      ),
    );
    expect(since.length).toBeGreaterThan(0);
  });

  it("the sources that state the relationship", async () => {
    const nested = await idsOf("states", { related: [{ ...ahgMember, source: "001" }] });

    const states = await nodesWith("states", "memberOf", "node { id } sources { citation }", {
      related: [ahgMember],
    });
    const expected = states.filter((s) =>
      s.memberOf.some(
        (m: any) => m.node.id === "ad-hoc-group" && m.sources.some((c: any) => c.citation.startsWith("001:")),
      ),
    );

    expect(nested).toEqual(sorted(expected.map((s) => s.id)));
    expect(nested.length).toBeGreaterThan(0);
    expect(nested.length).toBeLessThan(states.length);
  });

  it.each<[string, FilterSpec]>([
    [
      "where: { ids }",
      {
        related: [
          { type: "CO_CHAIRS", direction: "OUT", where: { ids: ["working-group-on-disruption"] } },
          {
            type: "MEMBER_OF",
            direction: "OUT",
            quantifier: "ALL",
            where: { related: [{ type: "OPERATES_UNDER", direction: "IN", id: "rilon" }] },
          },
        ],
      },
    ],
    [
      "an id one level down",
      {
        related: [
          {
            type: "CO_CHAIRS",
            direction: "OUT",
            where: {
              types: ["working-group"],
              related: [{ type: "OPERATES_UNDER", direction: "OUT", id: "ad-hoc-group" }],
            },
          },
        ],
      },
    ],
  ])("are planned from the entity a nested filter names by id: %s", async (_, filter) => {
    const params = new Params();
    const match = compileMatch("State", filter, params);
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
      expect(
        operators.filter((o) => o.startsWith("NodeByLabelScan") || o.startsWith("AllNodesScan")),
      ).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("refuse what they cannot mean, and a nesting past the depth bound, as BAD_USER_INPUT", async () => {
    const refused = async (filter: Record<string, unknown>) => {
      const { body } = await server.execute("query($f: EntityFilter) { states(filter: $f) { totalCount } }", {
        f: filter,
      });
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      return body.errors![0]!;
    };
    const deep = {
      related: [
        {
          type: "CO_CHAIRS",
          where: { related: [{ type: "OPERATES_UNDER", where: { related: [ahgMember] } }] },
        },
      ],
    };

    const tooDeep = await refused(deep);
    expect(tooDeep.extensions).toMatchObject({ bound: "inputDepth", limit: 5 });
    expect(tooDeep.message).toContain("filter.related[0].where.related[0].where.related");
    expect(
      (await refused({ related: [{ type: "CO_CHAIRS", count: { min: 3, max: 1 } }] })).message,
    ).toContain("`min` (3) is above `max` (1)");
    expect(
      (await refused({ related: [{ type: "CO_CHAIRS", quantifier: "NONE", count: { min: 1 } }] })).message,
    ).toContain("goes with quantifier SOME");
    expect(
      (await refused({ related: [{ type: "CO_CHAIRS", count: { max: 100000 } }] })).extensions,
    ).toMatchObject({
      bound: "relatedCount",
    });
  });
});
