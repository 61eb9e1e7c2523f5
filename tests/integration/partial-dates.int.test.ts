import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

describe("partial dates", () => {
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

  async function ids(query: string, variables?: Record<string, unknown>): Promise<string[]> {
    const { body } = await server.execute(query, variables);
    expect(body.errors).toBeUndefined();
    const list = Object.values(body.data!)[0] as Answer;
    return list.edges.map((e: Answer) => e.node.id).sort();
  }

  /** The same question asked of Neo4j directly: dates stored as the sources give them. */
  async function reference(label: string, from: string, to: string): Promise<string[]> {
    const rows = await db.executor.read(
      `MATCH (n:${label}) WITH n, coalesce(n.startDate, n.date) AS start, coalesce(n.endDate, n.startDate, n.date) AS end
       WHERE start IS NOT NULL
       WITH n, start, end,
            CASE size(start) WHEN 4 THEN start + "-01-01" WHEN 7 THEN start + "-01" ELSE start END AS first,
            CASE size(end) WHEN 4 THEN end + "-12-31" WHEN 7 THEN toString(date(end + "-01") + duration("P1M") - duration("P1D")) ELSE end END AS last
       WHERE last >= $from AND first <= $to
       RETURN n.id AS id ORDER BY id`,
      { from, to },
    );
    return rows.map((r) => r.id as string);
  }

  it.each([
    ["Meeting", "2018-08", "2018-08", "2018-08-01", "2018-08-31"],
    ["Meeting", "2017", "2017", "2017-01-01", "2017-12-31"],
    ["Meeting", "2011-03-29", "2011-03-30", "2011-03-29", "2011-03-30"],
    ["Document", "2018-08-07", "2018-08-07", "2018-08-07", "2018-08-07"],
    ["Meeting", "2002-02-27", "2003", "2002-02-27", "2003-12-31"],
  ])(
    "%s from %s to %s: what may fall in the range, at any precision",
    async (label, from, to, first, last) => {
      const list = label === "Meeting" ? "meetings" : "documents";
      const found = await ids(
        `query ($from: PartialDate, $to: PartialDate) { ${list}(first: 100, filter: { date: { from: $from, to: $to } }) { edges { node { id } } } }`,
        { from, to },
      );
      expect(found).toEqual(await reference(label, first, last));
      expect(found.length).toBeGreaterThan(0);
    },
  );

  it("matches a date known only to the year in any month of it, and says how precise it is", async () => {
    const { body } = await server.execute(
      `{ documents(filter: { date: { from: "2018-08-07", to: "2018-08-07" } }, orderBy: { field: DATE }) { edges { node { id date datePrecision } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const nodes = (body.data as Answer).documents.edges.map((e: Answer) => e.node);
    expect(nodes.filter((n: Answer) => n.datePrecision === "YEAR").map((n: Answer) => n.date)).toEqual(
      expect.arrayContaining(["2018"]),
    );
    expect(nodes).toContainEqual({
      id: "political-declaration-2018",
      date: "2018-08",
      datePrecision: "MONTH",
    });
  });

  it("keeps the most precise date as the fact, and every source's version as a claim", async () => {
    const { body } = await server.execute(
      `{ meeting(id: "seventh-ministerial-conference") { startDate endDate datePrecision claims { property value sources { citation } } } }`,
    );
    const meeting = (body.data as Answer).meeting;
    expect(meeting).toMatchObject({ startDate: "2018-08-06", endDate: "2018-08-07", datePrecision: "DAY" });
    expect(meeting.claims.map((c: Answer) => c.value).sort()).toEqual([
      "2018-08",
      "2018-08-06/2018-08-07",
      "2018-08-07",
    ]);
  });

  it.each([
    ["2018-13", "no month 13"],
    ["2023-02-29", "not a day"],
    ["August 2018", "YYYY"],
  ])("refuses %s as a PartialDate with a coded error", async (value, message) => {
    const { status, body } = await server.post(
      `query ($from: PartialDate) { meetings(filter: { date: { from: $from } }) { totalCount } }`,
      { from: value },
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors?.[0]?.message).toContain(message);
  });
  /** Edges whose partial date (a year as a number, or a date as text) may fall in [first, last]. */
  async function edgeReference(
    label: string,
    type: string,
    property: string,
    first: string,
    last: string,
  ): Promise<string[]> {
    const rows = await db.executor.read(
      `MATCH (n:${label})-[r:${type}]->() WHERE r.${property} IS NOT NULL
       WITH n, toString(r.${property}) AS d
       WITH n, CASE size(d) WHEN 4 THEN d + "-01-01" WHEN 7 THEN d + "-01" ELSE d END AS first,
            CASE size(d) WHEN 4 THEN d + "-12-31" WHEN 7 THEN toString(date(d + "-01") + duration("P1M") - duration("P1D")) ELSE d END AS last
       WHERE last >= $first AND first <= $last
       RETURN DISTINCT n.id AS id ORDER BY id`,
      { first, last },
    );
    return rows.map((r) => r.id as string);
  }

  it.each([
    ["states", "State", "CO_CHAIRS", "since", "2002-06", "2002-06", "2002-06-01", "2002-06-30"],
    ["states", "State", "CO_CHAIRS", "since", "2001-12-31", "2002-01-01", "2001-12-31", "2002-01-01"],
    ["bodies", "Body", "ESTABLISHED_AT", "year", "2009-06", "2011-02", "2009-06-01", "2011-02-28"],
    [
      "organisations",
      "Organisation",
      "PARTICIPATED_IN",
      "year",
      "2018-08-06",
      "2018-08-07",
      "2018-08-06",
      "2018-08-07",
    ],
  ])(
    "%s by an edge's %s %s from %s to %s: what may fall in the range, at any precision",
    async (list, label, type, property, from, to, first, last) => {
      const found = await ids(
        `query ($from: PartialDate, $to: PartialDate) { ${list}(first: 100, filter: { related: [{ type: ${type}, direction: OUT, ${property}: { from: $from, to: $to } }] }) { edges { node { id } } } }`,
        { from, to },
      );
      expect(found).toEqual(await edgeReference(label, type, property, first, last));
      expect(found.length).toBeGreaterThan(0);
    },
  );

  it("takes a year as a number where a PartialDate is expected, and a range before every edge's date matches none", async () => {
    const asNumber = await ids(
      `query ($from: PartialDate) { states(first: 100, filter: { related: [{ type: CO_CHAIRS, direction: OUT, since: { from: $from, to: 2002 } }] }) { edges { node { id } } } }`,
      { from: 2002 },
    );
    expect(asNumber).toEqual(await edgeReference("State", "CO_CHAIRS", "since", "2002-01-01", "2002-12-31"));
    expect(asNumber.length).toBeGreaterThan(0);

    const before = await ids(
      `{ states(first: 100, filter: { related: [{ type: CO_CHAIRS, direction: OUT, since: { to: "2001-12-31" } }] }) { edges { node { id } } } }`,
    );
    expect(before).toEqual([]);
    expect(await edgeReference("State", "CO_CHAIRS", "since", "0001-01-01", "2001-12-31")).toEqual([]);
  });

  it.each([
    ['related: [{ type: CO_CHAIRS, since: { from: "2003", to: "2002-12" } }]', "filter.related[0].since"],
    ['date: { from: "2018-09", to: "2018-08-31" }', "filter.date"],
  ])("refuses a range whose from is after its to (%s)", async (condition, path) => {
    const { body } = await server.execute(`{ states(filter: { ${condition} }) { totalCount } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors?.[0]?.message).toContain(`\`${path}\`: \`from\``);
  });
});
