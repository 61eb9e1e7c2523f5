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
});
