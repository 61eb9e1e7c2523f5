import fs from "node:fs";
import path from "node:path";
import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { parseApiKeys } from "../../src/auth/api-keys";
import { SEED_DIR } from "../../src/runtime";
import { VersionRepository } from "../../src/repository/version.repository";
import { readSeed } from "../../src/seed/read-seed";
import { splitLines } from "../../src/seed/source-texts";
import { countSeed } from "../../src/seed/validate";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { TEST_SOURCES_DIR, seedTestDatabase } from "../support/seed";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

const examples = fs.readFileSync(path.join(__dirname, "../../schema/examples.graphql"), "utf8");
const operations = parse(examples).definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
);
const operationNames = operations.map((d) => d.name!.value);
const subscriptionNames = new Set(
  operations.filter((d) => d.operation === "subscription").map((d) => d.name!.value),
);
const operationTexts = new Map(
  operations.map((d) => [d.name!.value, examples.slice(d.loc!.start, d.loc!.end)]),
);

const ids = (list: { node: { id: string } }[]) => list.map((e) => e.node.id).sort();
const citations = (edge: { sources: { citation: string }[] }) => edge.sources.map((s) => s.citation);

let db: TestDatabase;

/** What each example must answer, checked against the seeded graph. */
/** The lines of a source document, read from the folder the tests load the text from. */
const documentLines = (id: string): string[] => {
  const file = fs.readdirSync(TEST_SOURCES_DIR).find((f) => f.startsWith(`${id}_`))!;
  return splitLines(fs.readFileSync(path.join(TEST_SOURCES_DIR, file), "utf8"));
};

const EXPECTED: Record<string, (data: Answer) => void | Promise<void>> = {
  CitedPassagesAboutTheAhg(data) {
    expect(data.body.sources.length).toBeGreaterThan(1);
    for (const s of data.body.sources) {
      const [, from, to] = /^\d{3}:(\d+)-(\d+)$/.exec(s.citation)!;
      expect(s.text).toBe(
        documentLines(s.source.id)
          .slice(Number(from) - 1, Number(to))
          .join("\n"),
      );
    }
  },
  AhgMembersWhoCoChairAWorkingGroup(data) {
    expect(data.states.totalCount).toBe(4);
    expect(data.states.edges.map((e: Answer) => e.node.name)).toEqual([
      "Australia",
      "Indonesia",
      "New Zealand",
      "Sri Lanka",
    ]);
    for (const { node } of data.states.edges) {
      const groups = node.coChairOf.filter((c: Answer) => c.node.type === "WORKING_GROUP");
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) expect(citations(g)).toEqual([expect.stringMatching(/^003:11[07]-11[07]$/)]);
    }
  },
  AhgMembersWhoCoChairAWorkingGroupOfTheAhg(data) {
    // From the seed (relationships-structure.json): the working groups that OPERATE_UNDER
    // ad-hoc-group are the technical experts', trafficking in persons and disruption groups;
    // AU and ID co-chair the second, NZ and LK the third, and no one the first (RILON, which AU
    // and LK co-chair, is a network). All four are MEMBER_OF the AHG
    // (relationships-membership.json).
    expect(data.states.totalCount).toBe(4);
    expect(ids(data.states.edges)).toEqual(["AU", "ID", "LK", "NZ"]);
    const ofTheAhg = ["working-group-on-disruption", "working-group-on-trafficking-in-persons"];
    for (const { node } of data.states.edges) {
      const chaired = node.coChairOf.map((c: Answer) => c.node.id);
      expect(chaired.some((id: string) => ofTheAhg.includes(id))).toBe(true);
    }
  },
  CoChairsOfEachBody(data) {
    const byBody = Object.fromEntries(
      data.bodies.edges.map((e: Answer) => [e.node.id, ids(e.node.coChairs)]),
    );
    expect(byBody).toEqual({
      "bali-process": ["AU", "ID"],
      gabf: ["andrew-forrest", "eddy-sariaatmadja"],
      rilon: ["AU", "LK"],
      "working-group-on-disruption": ["LK", "NZ"],
      "working-group-on-trafficking-in-persons": ["AU", "ID"],
    });
  },
  MeetingsInBangkok(data) {
    expect(data.entity.id).toBe("bangkok");
    expect(ids(data.entity.meetings)).toEqual([
      "gabf-south-east-asia-consultation-bangkok-2018",
      "jpa3-debrief-workshop",
      "rbdes-workshop-2017",
      "task-force-meeting-2017-01",
      "tenth-ahg-senior-officials-meeting",
    ]);
  },
  MeetingsIn2017(data) {
    expect(data.meetings.totalCount).toBe(13);
    const dates = data.meetings.edges.map((e: Answer) => e.node.startDate);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d: string) => d.startsWith("2017"))).toBe(true);
    expect(data.meetings.edges[0].node.id).toBe("task-force-meeting-2017-01");
  },
  AdoptedAtTheSixthMinisterialConference(data) {
    expect(data.meeting.startDate).toBe("2016-03-23");
    const declaration = data.meeting.documents.find((d: Answer) => d.node.id === "bali-declaration-2016");
    expect(declaration).toMatchObject({ action: "endorsed", node: { type: "DECLARATION" } });
    expect(citations(declaration)).toContain("000:11-11");
  },
  WhoReportsToWhom(data) {
    const lines = Object.fromEntries(
      data.bodies.edges.map((e: Answer) => [
        e.node.id,
        e.node.reportsTo.map((r: Answer) => `${r.node.id}:${r.frequency}`).sort(),
      ]),
    );
    expect(lines["working-group-on-trafficking-in-persons"]).toEqual(["ad-hoc-group:annual"]);
    expect(lines["working-group-on-disruption"]).toEqual(["ad-hoc-group:annual"]);
    expect(lines["ad-hoc-group"]).toEqual(["bali-process:null", "co-chairs:null", "steering-group:null"]);
    expect(lines.rso).toContain("co-chairs:biannual");
  },
  SourcesSayingMyanmarIsInTheAhg(data) {
    const ahg = data.state.memberOf.find((m: Answer) => m.node.id === "ad-hoc-group");
    expect(citations(ahg)).toEqual(["003:66-66", "003:76-76", "004:11-11"]);
    expect(ahg.sources.map((s: Answer) => s.source.id)).toEqual(["003", "003", "004"]);
    expect(ahg.sources[1]).toMatchObject({ firstLine: 76, lastLine: 76 });
  },
  MinisterialConferences(data) {
    const nodes = data.meetings.edges.map((e: Answer) => e.node);
    expect(nodes.map((n: Answer) => n.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(nodes.every((n: Answer) => n.heldIn.some((h: Answer) => h.node.id === "bali"))).toBe(true);
    const seventh = nodes[6];
    expect(
      seventh.claims
        .filter((c: Answer) => c.property === "date")
        .map((c: Answer) => c.value)
        .sort(),
    ).toEqual(["2018-08", "2018-08-06/2018-08-07", "2018-08-07"]);
  },
  MeetingsInAugust2018(data) {
    expect(data.meetings.edges.map((e: Answer) => e.node)).toEqual([
      { id: "senior-officials-meeting-2018", startDate: "2018-08", endDate: null, datePrecision: "MONTH" },
      { id: "gabf-2018", startDate: "2018-08-06", endDate: "2018-08-07", datePrecision: "DAY" },
      {
        id: "seventh-ministerial-conference",
        startDate: "2018-08-06",
        endDate: "2018-08-07",
        datePrecision: "DAY",
      },
    ]);
  },
  BodiesEstablishedFromMid2009ToFebruary2011(data) {
    const nodes = data.bodies.edges.map((e: Answer) => e.node);
    expect(nodes.map((n: Answer) => n.id).sort()).toEqual(["ad-hoc-group", "rcf"]);
    const established = Object.fromEntries(
      nodes.map((n: Answer) => [n.id, n.establishedAt.map((e: Answer) => [e.year, e.node.id])]),
    );
    expect(established).toEqual({
      "ad-hoc-group": [[2009, "third-ministerial-conference"]],
      rcf: [[2011, "fourth-ministerial-conference"]],
    });
  },
  WhatOperatesUnderTheAhg(data) {
    expect(ids(data.adHocGroup.bodies)).toEqual([
      "rilon",
      "task-force-on-planning-and-preparedness",
      "technical-experts-working-group",
      "working-group-on-disruption",
      "working-group-on-trafficking-in-persons",
    ]);
  },
  ObserversOfTheBaliProcess(data) {
    const observers = ids(data.baliProcess.members);
    expect(observers).toHaveLength(17);
    expect(observers).toEqual(
      expect.arrayContaining(["NL", "RU", "ZA", "GB", "ilo", "interpol", "world-bank"]),
    );
  },
  ConflictsBetweenSources(data) {
    expect(data.conflicts).toHaveLength(20);
    const objectives = data.conflicts.find(
      (c: Answer) => c.subject.id === "bali-process" && c.property === "coreObjectiveCount",
    );
    expect([...objectives.values].sort()).toEqual(["10", "11", "6"]);
    const ilo = data.conflicts.find((c: Answer) => c.subject.id === "ilo");
    expect(ilo.values).toEqual(expect.arrayContaining(["member", "observer organisation"]));
  },
  FindByMisspelling(data) {
    expect(data.newZeland).toEqual({ id: "NZ", name: "New Zealand" });
    expect(data.kampuchea).toEqual({ id: "KH", name: "Cambodia" });
    expect(data.search[0].entity).toEqual({ id: "SB", name: "Solomon Islands" });
  },
  SearchAnyWordRanked(data) {
    const [first, ...rest] = data.search;
    expect(first.entity).toEqual({ id: "SB", name: "Solomon Islands" });
    // The others hold "Islands" only: one word of three, below the first.
    for (const hit of rest) expect(hit.score).toBeLessThan(first.score);
    expect(rest.map((h: Answer) => h.entity.id)).toContain("pif-secretariat");
    expect(data.prefix).toEqual({ id: "ID", name: "Indonesia" });
    expect(data.oneCommonWord).toBeNull();
  },
  NeighbourhoodOfNewZealand(data) {
    const { nodes, edges, truncated } = data.neighbourhood;
    expect(truncated).toBe(false);
    expect(nodes[0].id).toBe("NZ");
    expect(nodes.map((n: Answer) => n.id)).toEqual(
      expect.arrayContaining([
        "ad-hoc-group",
        "bali-process",
        "steering-group",
        "working-group-on-disruption",
      ]),
    );
    for (const edge of edges) expect([edge.source, edge.target]).toContain("NZ");
  },
  PathFromNewZealandToTheRso(data) {
    const { paths } = data.paths;
    expect(paths.length).toBeGreaterThan(0);
    expect(paths[0].length).toBe(2);
    for (const p of paths) expect([p.nodeIds[0], p.nodeIds[p.nodeIds.length - 1]]).toEqual(["NZ", "rso"]);
    const lengths = paths.map((p: Answer) => p.length);
    expect(lengths).toEqual([...lengths].sort());
  },
  PathsBetweenNamedEntities(data) {
    const { paths, graph } = data.paths;
    const kinds = new Map(graph.nodes.map((n: Answer) => [n.id, n.kind]));
    expect(paths).toHaveLength(5);
    const lengths = paths.map((p: Answer) => p.length);
    expect(lengths).toEqual([...lengths].sort());
    expect(new Set(paths.map((p: Answer) => p.edgeIds.join(" "))).size).toBe(5);
    for (const p of paths) {
      expect([p.nodeIds[0], p.nodeIds[p.nodeIds.length - 1]]).toEqual(["NZ", "rso"]);
      expect(new Set(p.nodeIds).size).toBe(p.nodeIds.length);
      for (const id of p.nodeIds.slice(1, -1)) expect(kinds.get(id)).not.toBe("MEETING");
    }
  },
  NeighbourhoodByName(data) {
    const { nodes, edges } = data.neighbourhood;
    expect(nodes[0]).toEqual({ id: "ad-hoc-group", kind: "BODY", name: "Ad Hoc Group" });
    expect(nodes.map((n: Answer) => n.id)).toEqual(expect.arrayContaining(["NZ", "AU", "bali-process"]));
    for (const edge of edges) expect([edge.source, edge.target]).toContain("ad-hoc-group");
  },
  MembersOfANamedBody(data) {
    expect(data.states.totalCount).toBe(16);
    expect(ids(data.states.edges)).toEqual(expect.arrayContaining(["AU", "ID", "NZ", "LK"]));
  },
  CoreObjectives(data) {
    const numbers = data.baliProcess.objectives
      .map((o: Answer) => o.node.number)
      .filter((n: number | null) => n !== null);
    expect(numbers.sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  },
  SteeringGroup(data) {
    expect(ids(data.steeringGroup.members)).toEqual(["AU", "ID", "NZ", "TH"]);
    const nz = data.steeringGroup.members.find((m: Answer) => m.node.id === "NZ");
    expect(citations(nz)).toEqual(["001:75-76", "003:33-33"]);
    const sizes = data.steeringGroup.claims.filter((c: Answer) => c.property === "memberCount");
    expect(sizes.map((c: Answer) => c.value).sort()).toEqual(["1", "4"]);
  },
  GraphStatistics(data) {
    const expected = countSeed(readSeed(SEED_DIR()));
    const byKind = Object.fromEntries(data.stats.entitiesByKind.map((k: Answer) => [k.key, k.count]));
    for (const [kind, n] of Object.entries(expected.byKind)) expect(byKind[kind]).toBe(n);
    expect(data.stats.meetingsPerYear.find((y: Answer) => y.key === "2017").count).toBe(13);
  },
  DocumentsThatNameNewZealand(data) {
    // From seed/mentions.json: 001, 003 and 004 name New Zealand; 001 line 26 spells it "New Zeland".
    const committed = readSeed(SEED_DIR()).mentions.filter((m) => m.entity === "NZ");
    expect(data.state.mentionedIn.totalCount).toBe(committed.length);
    expect(data.state.mentionedIn.edges.map((e: Answer) => [e.node.source.id, e.node.lines])).toEqual(
      committed.map((m) => [m.source, m.lines]),
    );
    const in001 = data.state.mentionedIn.edges[0].node;
    expect(in001.passages.find((p: Answer) => p.number === 26).text).toMatch(/New Zeland/);
  },
  EntitiesNamedInADocument(data) {
    const committed = readSeed(SEED_DIR()).mentions.filter((m) => m.source === "004");
    expect(data.entity.mentions.totalCount).toBe(committed.length);
    expect(data.entity.mentions.pageInfo.hasNextPage).toBe(committed.length > 20);
    const firstLines = data.entity.mentions.edges.map((e: Answer) => e.node.lines[0]);
    expect(firstLines).toEqual([...firstLines].sort((a: number, b: number) => a - b));
    expect(firstLines[0]).toBe(Math.min(...committed.map((m) => m.lines[0]!)));
  },
  NeighbourhoodWithCoMentions(data) {
    const ids = new Set(data.neighbourhood.nodes.map((n: Answer) => n.id));
    expect(data.neighbourhood.coMentions.length).toBeGreaterThan(0);
    for (const pair of data.neighbourhood.coMentions) {
      expect(ids.has(pair.source) && ids.has(pair.target)).toBe(true);
      expect(pair.source < pair.target).toBe(true);
      expect(pair.documents).toBeGreaterThan(0);
    }
    // The AHG and Australia are both named on lines of several documents.
    const ahgAu = data.neighbourhood.coMentions.find(
      (p: Answer) => p.source === "AU" && p.target === "ad-hoc-group",
    );
    expect(ahgAu.documents).toBeGreaterThanOrEqual(2);
  },
  FollowChangesToNewZealand(data) {
    // The change the test makes through the API: an update of New Zealand's description.
    expect(data.graphChanged).toMatchObject({
      action: "UPDATE_ENTITY",
      targetType: "Entity",
      targetId: "NZ",
      entityIds: ["NZ"],
      relationshipIds: [],
      kinds: ["STATE"],
      types: [],
    });
    expect(data.graphChanged.version).toBeGreaterThan(1);
  },
  async GraphVersion(data) {
    // The seed import raised it at least once.
    expect(data.graphVersion).toBeGreaterThanOrEqual(1);
    expect(data.graphVersion).toBe((await new VersionRepository(db.executor).current()).version);
  },
};

describe("the example operations in schema/examples.graphql", () => {
  let server: TestServer;

  const KEY = "examples-test-secret-0123456789";
  let changed = false;

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor, { apiKeys: parseApiKeys(`examples:${KEY}`) });
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
    if (changed) await seedTestDatabase();
  });

  /**
   * A subscription example over graphql-ws, as a client sends it: its first change, made here
   * through the API once the subscription is in place.
   */
  async function firstChange(operationName: string) {
    const client = createClient({
      url: `${server.app.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      const { graphVersion } = (await server.post("{ graphVersion }")).body.data as { graphVersion: number };
      // From the version read now, so that the change below arrives however soon it is made.
      const text = operationTexts
        .get(operationName)!
        .replace("graphChanged(", `graphChanged(since: ${graphVersion}, `);
      const answer = new Promise<{ data?: unknown; errors?: unknown }>((resolve, reject) => {
        client.subscribe(
          { query: text, operationName },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      changed = true;
      const written = await server.post(
        `mutation { updateEntity(id: "NZ", input: { description: "A member state." },
          provenance: { sources: [{ sourceId: "003", firstLine: 33, lastLine: 33 }] }) { entity { id } } }`,
        {},
        { authorization: `Bearer ${KEY}` },
      );
      expect(written.body.errors).toBeUndefined();
      return await answer;
    } finally {
      await client.dispose();
    }
  }

  it("number at least 13, and each has an expected answer here", () => {
    expect(operationNames.length).toBeGreaterThanOrEqual(13);
    expect(Object.keys(EXPECTED).sort()).toEqual([...operationNames].sort());
  });

  it.each(operationNames)("%s answers as expected", async (operationName) => {
    // Each operation alone, as a client (or the playground) sends it.
    const body = subscriptionNames.has(operationName)
      ? await firstChange(operationName)
      : (await server.execute(operationTexts.get(operationName)!, {}, operationName)).body;

    expect(body.errors).toBeUndefined();
    await EXPECTED[operationName]!(body.data);
  });
});
