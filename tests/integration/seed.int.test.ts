import { SEED_DIR } from "../../src/runtime";
import { countGraph, importSeed } from "../../src/seed/importer";
import { readSeed } from "../../src/seed/read-seed";
import { type SeedData, countSeed } from "../../src/seed/validate";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { seedTestDatabase } from "../support/seed";

describe("importing seed/ into Neo4j", () => {
  let db: TestDatabase;
  let data: SeedData;

  beforeAll(async () => {
    db = openTestDatabase();
    data = readSeed(SEED_DIR());
    await seedTestDatabase();
  });

  afterAll(async () => {
    await seedTestDatabase();
    await db.close();
  });

  it("holds as many nodes per label and relationships per type as the files", async () => {
    const expected = countSeed(data);

    const counts = await countGraph(db.executor);

    for (const [kind, n] of Object.entries(expected.byKind))
      expect([kind, counts.labels[kind]]).toEqual([kind, n]);
    expect(counts.labels.Source).toBe(data.sources.length);
    expect(counts.labels.Entity).toBe(data.entities.length + data.sources.length);
    expect(counts.labels.Claim).toBe(data.claims.length);
    const { CLAIM_ABOUT: about, MENTIONS: mentions, ...relationshipTypes } = counts.relationshipTypes;
    expect(relationshipTypes).toEqual(expected.byRelationshipType);
    expect(about).toBe(data.claims.length);
    expect(mentions).toBe(data.mentions.length);
  });

  it("changes no count when it runs a second time", async () => {
    const before = await countGraph(db.executor);

    await importSeed(db.executor, data, { reset: false, log: () => undefined });

    expect(await countGraph(db.executor)).toEqual(before);
  });

  it("leaves the database as it was when the import fails half way", async () => {
    const before = await countGraph(db.executor);
    const broken: SeedData = {
      ...data,
      entities: [
        ...data.entities,
        { ...data.entities[0]!, id: "zz-new-entity", name: "A new entity" } as never,
      ],
      // Validation would refuse this; the importer must still fail without a trace.
      relationships: [
        ...data.relationships,
        { ...data.relationships[0]!, id: "dangling", to: "no-such-entity" },
      ],
    };

    await expect(importSeed(db.executor, broken, { reset: false, log: () => undefined })).rejects.toThrow(
      /name an entity not in the graph/,
    );

    expect(await countGraph(db.executor)).toEqual(before);
    expect(await db.executor.read("MATCH (n {id: 'zz-new-entity'}) RETURN n")).toEqual([]);
  });

  it("reads back the co-chairs of each working group with their citations", async () => {
    const rows = await db.executor.read(
      `MATCH (s)-[r:CO_CHAIRS]->(b:Body {type: "working-group"})
       RETURN b.id AS body, s.id AS coChair, r.sources AS sources ORDER BY body, coChair`,
    );

    expect(rows).toEqual([
      { body: "working-group-on-disruption", coChair: "LK", sources: ["003:117-117"] },
      { body: "working-group-on-disruption", coChair: "NZ", sources: ["003:117-117"] },
      { body: "working-group-on-trafficking-in-persons", coChair: "AU", sources: ["003:110-110"] },
      { body: "working-group-on-trafficking-in-persons", coChair: "ID", sources: ["003:110-110"] },
    ]);
  });

  it("reads back the AHG members with the sources that list each", async () => {
    const rows = await db.executor.read(
      `MATCH (m)-[r:MEMBER_OF]->(:Body {id: "ad-hoc-group"}) RETURN m.id AS id, r.sources AS sources ORDER BY id`,
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id as string, r.sources as string[]]));

    expect(Object.keys(byId)).toHaveLength(19);
    expect(byId.MM).toEqual(["003:66-66", "003:76-76", "004:11-11"]);
    expect(byId.NZ).toEqual(["001:81-81", "001:82-82", "003:66-66", "003:77-77", "004:11-11"]);
    // Only the encyclopedia article (003) counts UNODC in the AHG.
    expect(byId.unodc).toEqual(["003:66-66", "003:89-89"]);
  });

  it("reads back the date and place of each ministerial conference", async () => {
    const rows = await db.executor.read(
      `MATCH (m:Meeting {type: "ministerial-conference"})-[r:HELD_IN]->(p)
       RETURN m.ordinal AS ordinal, m.startDate AS start, m.endDate AS end, collect(p.id) AS places
       ORDER BY ordinal`,
    );

    expect(rows).toEqual([
      { ordinal: 1, start: "2002-02-26", end: "2002-02-28", places: ["bali"] },
      { ordinal: 2, start: "2003-03-27", end: "2003-03-27", places: ["bali"] },
      { ordinal: 3, start: "2009-04-14", end: "2009-04-15", places: ["bali"] },
      { ordinal: 4, start: "2011-03", end: null, places: ["bali"] },
      { ordinal: 5, start: "2013-04-02", end: "2013-04-02", places: ["bali"] },
      { ordinal: 6, start: "2016-03-23", end: "2016-03-23", places: ["bali"] },
      {
        ordinal: 7,
        start: "2018-08-06",
        end: "2018-08-07",
        places: expect.arrayContaining(["bali", "nusa-dua"]),
      },
    ]);
  });

  it("keeps both dates claimed for the Seventh Ministerial Conference, each with its source", async () => {
    const rows = await db.executor.read(
      `MATCH (c:Claim)-[:CLAIM_ABOUT]->(:Meeting {id: "seventh-ministerial-conference"})
       RETURN c.property AS property, c.value AS value, c.sources AS sources ORDER BY value`,
    );

    expect(rows).toEqual([
      { property: "date", value: "2018-08", sources: ["003:198-198", "003:199-199", "003:208-208"] },
      {
        property: "date",
        value: "2018-08-06/2018-08-07",
        sources: ["003:257-257", "003:262-262", "004:10-10"],
      },
      { property: "date", value: "2018-08-07", sources: ["000:13-13"] },
    ]);
  });
});
