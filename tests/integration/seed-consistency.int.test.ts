import { type TestDatabase, openTestDatabase } from "../support/database";
import { seedDatabase } from "../support/seed";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

/** The graph after the data fixes the consistency report led to (seed/README.md, "One thing named two ways"). */
describe("the seeded graph after the consistency fixes", () => {
  let db: TestDatabase;
  let server: TestServer;

  async function ok(query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const { body } = await server.execute(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  beforeAll(async () => {
    db = openTestDatabase();
    await seedDatabase(db.executor);
    server = await startTestServer(db.executor);
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("counts 45 member states, the total 001 and 003 state, with New Caledonia's membership cited by both namings", async () => {
    const data = await ok(
      `{ baliProcess { members(role: "member") { node { ... on State { id } } sources { citation } } } }`,
    );
    const states = data.baliProcess.members.filter(
      (m: Answer) => m.node.id !== undefined && /^[A-Z]{2}$/.test(m.node.id),
    );
    expect(states).toHaveLength(45);
    const ids = states.map((m: Answer) => m.node.id);
    expect(ids).not.toContain("FR");
    const nc = states.find((m: Answer) => m.node.id === "NC");
    expect(nc.sources.map((s: Answer) => s.citation)).toEqual(
      expect.arrayContaining(["001:32-32", "004:14-14"]),
    );

    const stated = await ok(
      `{ claims(subject: "bali-process", property: "memberStateCount") { value qualifier sources { citation } } }`,
    );
    const exact = stated.claims.filter((c: Answer) => c.qualifier === null).map((c: Answer) => c.value);
    expect(exact).toContain(String(states.length));
  });

  it("keeps each source's naming of that membership as a conflict", async () => {
    const data = await ok(`{ conflicts(subject: "NC") { property values claims { sources { citation } } } }`);
    expect(data.conflicts).toHaveLength(1);
    expect(data.conflicts[0].property).toBe("memberListedAs");
    expect([...data.conflicts[0].values].sort()).toEqual(["France", "New Caledonia (France)"]);
  });

  it("resolves the May 2015 meeting by either source's name to one meeting, with both cities and dates as conflicts", async () => {
    const query = `query ($name: String!) { meeting(name: $name) { id startDate aliases { name sources { citation } } heldIn { node { ... on Entity { id } } sources { citation } } } }`;
    const by001 = await ok(query, { name: "Senior Officials Meeting (May 2015, Wellington)" });
    const by003 = await ok(query, { name: "Ninth meeting of Ad Hoc Officials Group" });
    expect(by001.meeting.id).toBe("ninth-ahg-senior-officials-meeting");
    expect(by003.meeting.id).toBe("ninth-ahg-senior-officials-meeting");
    expect(by001.meeting.startDate).toBe("2015-05");
    const alias = by001.meeting.aliases.find(
      (a: Answer) => a.name === "Senior Officials Meeting (May 2015, Wellington)",
    );
    expect(alias.sources.map((s: Answer) => s.citation)).toEqual(["001:141-141"]);
    const places = Object.fromEntries(
      by001.meeting.heldIn.map((h: Answer) => [h.node.id, h.sources.map((s: Answer) => s.citation)]),
    );
    expect(places).toEqual({ wellington: ["001:141-141"], auckland: ["003:188-188"] });

    const gone = await ok(`{ entity(id: "senior-officials-meeting-2015") { id } }`);
    expect(gone.entity).toBeNull();

    const conflicts = await ok(
      `{ conflicts(subject: "ninth-ahg-senior-officials-meeting") { property values } }`,
    );
    const byProperty = Object.fromEntries(
      conflicts.conflicts.map((c: Answer) => [c.property, [...c.values].sort()]),
    );
    expect(byProperty).toEqual({ city: ["Auckland", "Wellington"], date: ["2015-05", "2015-05-06"] });
  });
});
