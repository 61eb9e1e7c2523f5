import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseApiKeys } from "../../src/auth/api-keys";
import { SEED_DIR } from "../../src/runtime";
import { exportSeed, writeSeedFiles } from "../../src/seed/export";
import { countGraph, importSeed } from "../../src/seed/importer";
import { readSeed } from "../../src/seed/read-seed";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { seedTestDatabase } from "../support/seed";
import { type GraphQLBody, type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

const ALICE = "alice-secret-0123456789abcdef";
const AUTH = { authorization: `Bearer ${ALICE}` };
const CITE_003 = `{ sources: [{ sourceId: "003", firstLine: 33, lastLine: 33 }] }`;

describe("curating the graph through mutations", () => {
  let db: TestDatabase;
  let server: TestServer;

  async function as(headers: Record<string, string>, query: string, variables?: Record<string, unknown>) {
    const { status, body } = await server.post(query, variables, headers);
    expect(status).toBeLessThan(500);
    return body;
  }
  const ok = async (query: string, variables?: Record<string, unknown>): Promise<Answer> => {
    const body = await as(AUTH, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  /** Everything a refusal must leave as it was: counts, and the audit trail's length. */
  const snapshot = async () => ({
    counts: await countGraph(db.executor),
    audit: (await db.executor.read("MATCH (a:AuditEntry) RETURN count(a) AS n"))[0]!.n,
  });

  beforeAll(async () => {
    db = openTestDatabase();
    await seedTestDatabase();
    server = await startTestServer(db.executor, {
      apiKeys: parseApiKeys(`alice:${ALICE},bob:bob-secret-0123456789abcdef`),
    });
  });

  afterAll(async () => {
    await server.stop();
    await seedTestDatabase();
    await db.close();
  });

  describe("happy paths", () => {
    it("creates an entity citing a new source, and audits who, when, what and after", async () => {
      const data = await ok(`mutation {
        createEntity(
          input: { kind: MEETING, name: "Eighth Regional Ministerial Conference", type: "ministerial-conference", ordinal: 8, startDate: "2023-02-10", aliases: [{ name: "Adelaide Conference" }] }
          provenance: { newSources: [{ title: "Co-Chairs' Statement 2023", reference: "https://example.org/2023" }], reason: "new meeting" }
        ) {
          entity { id name ... on Meeting { startDate year ordinal } sources { citation source { title documentKind } } }
          audit { actor action targetType targetId before after reason sources { citation } }
        }
      }`);

      const { entity, audit } = data.createEntity;
      expect(entity).toMatchObject({
        id: "eighth-regional-ministerial-conference",
        startDate: "2023-02-10",
        year: 2023,
        ordinal: 8,
      });
      expect(entity.sources).toEqual([
        { citation: "005", source: { title: "Co-Chairs' Statement 2023", documentKind: "external" } },
      ]);
      expect(audit).toMatchObject({
        actor: "alice",
        action: "CREATE_ENTITY",
        targetType: "Entity",
        before: null,
        reason: "new meeting",
      });
      expect(audit.after).toMatchObject({
        id: entity.id,
        name: "Eighth Regional Ministerial Conference",
        sources: ["005"],
      });
      const found = await ok(`{ entity(name: "Adelaide Conference") { id } }`);
      expect(found.entity.id).toBe(entity.id);
    });

    it("creates a relationship and shows it on both ends", async () => {
      const data = await ok(`mutation {
        createRelationship(input: { type: HELD_IN, from: "eighth-regional-ministerial-conference", to: "AU", properties: { note: "Adelaide" } }, provenance: { sources: [{ sourceId: "005" }] }) {
          relationship { id type source target properties sources { citation } }
        }
      }`);

      expect(data.createRelationship.relationship).toEqual({
        id: "eighth-regional-ministerial-conference-HELD_IN-AU",
        type: "HELD_IN",
        source: "eighth-regional-ministerial-conference",
        target: "AU",
        properties: { note: "Adelaide" },
        sources: [{ citation: "005" }],
      });
      const read = await ok(`{ state(id: "AU") { meetings { node { id } } } }`);
      expect(read.state.meetings.map((m: Answer) => m.node.id)).toContain(
        "eighth-regional-ministerial-conference",
      );
    });

    it("updates an entity's fields, adds the sources given, and records before and after", async () => {
      const data = await ok(`mutation {
        updateEntity(id: "eighth-regional-ministerial-conference", input: { endDate: "2023-02-11", description: "Held in Adelaide." }, provenance: ${CITE_003}) {
          entity { description ... on Meeting { endDate } sources { citation } }
          audit { action before after sources { citation } }
        }
      }`);

      expect(data.updateEntity.entity).toMatchObject({
        description: "Held in Adelaide.",
        endDate: "2023-02-11",
      });
      expect(data.updateEntity.entity.sources.map((s: Answer) => s.citation)).toEqual(["005", "003:33-33"]);
      expect(data.updateEntity.audit.before.endDate).toBeUndefined();
      expect(data.updateEntity.audit.after.endDate).toBe("2023-02-11");
      expect(data.updateEntity.audit.sources).toEqual([{ citation: "003:33-33" }]);
    });

    it("updates a relationship's properties", async () => {
      const data = await ok(`mutation {
        updateRelationship(id: "eighth-regional-ministerial-conference-HELD_IN-AU", properties: { note: "Adelaide, South Australia" }, provenance: ${CITE_003}) {
          relationship { properties sources { citation } }
        }
      }`);

      expect(data.updateRelationship.relationship.properties).toEqual({ note: "Adelaide, South Australia" });
      expect(data.updateRelationship.relationship.sources).toEqual([
        { citation: "005" },
        { citation: "003:33-33" },
      ]);
    });

    it("adds and retracts a claim", async () => {
      const added = await ok(`mutation {
        addClaim(input: { id: "eighth-conference-delegations", subject: "eighth-regional-ministerial-conference", property: "delegationCount", value: 45, qualifier: "about" }, provenance: { sources: [{ sourceId: "005" }] }) {
          claim { id property value qualifier sources { citation } }
        }
      }`);
      expect(added.addClaim.claim).toEqual({
        id: "eighth-conference-delegations",
        property: "delegationCount",
        value: "45",
        qualifier: "about",
        sources: [{ citation: "005" }],
      });

      const retracted = await ok(
        `mutation { retractClaim(id: "eighth-conference-delegations", provenance: ${CITE_003}) { audit { action before } } }`,
      );

      expect(retracted.retractClaim.audit).toMatchObject({
        action: "RETRACT_CLAIM",
        before: { value: 45, qualifier: "about" },
      });
      expect(
        (await ok(`{ claims(subject: "eighth-regional-ministerial-conference") { id } }`)).claims,
      ).toEqual([]);
    });

    it("sees its own writes later in the same request (loader caches are cleared)", async () => {
      const data = await ok(`mutation {
        a: createEntity(input: { kind: BODY, name: "Curation Test Group", type: "group" }, provenance: ${CITE_003}) {
          entity { ... on Body { members { id } } }
        }
        b: createRelationship(input: { type: MEMBER_OF, from: "NZ", to: "curation-test-group", properties: { role: "member" } }, provenance: ${CITE_003}) {
          relationship { id }
        }
        c: updateEntity(id: "curation-test-group", input: { description: "A group for a test." }, provenance: ${CITE_003}) {
          entity { ... on Body { members { node { ... on State { id } } } } }
        }
      }`);

      expect(data.a.entity.members).toEqual([]);
      expect(data.c.entity.members).toEqual([{ node: { id: "NZ" } }]);
    });

    it("deletes a relationship, then an entity with what hangs off it", async () => {
      await ok(
        `mutation { deleteRelationship(id: "eighth-regional-ministerial-conference-HELD_IN-AU", provenance: ${CITE_003}) { audit { action } } }`,
      );
      const data = await ok(
        `mutation { deleteEntity(id: "curation-test-group", provenance: ${CITE_003}) { audit { action before } } }`,
      );

      expect(data.deleteEntity.audit.before).toMatchObject({
        id: "curation-test-group",
        removed: { relationships: 1, claims: 0 },
      });
      expect((await ok(`{ node(id: "curation-test-group") { id } }`)).node).toBeNull();
    });

    it("lists the audit trail newest first, by target and by key name", async () => {
      const data = await ok(`{
        mine: auditTrail(actor: "alice", limit: 100) { action at }
        target: auditTrail(targetId: "eighth-regional-ministerial-conference") { action actor }
      }`);

      const times = data.mine.map((e: Answer) => e.at);
      expect(times).toEqual([...times].sort().reverse());
      expect(data.target.map((e: Answer) => e.action)).toEqual(["UPDATE_ENTITY", "CREATE_ENTITY"]);
    });
  });

  describe("refusals change nothing", () => {
    const createBody = (provenance: string, input = `{ kind: BODY, name: "Refused Body", type: "group" }`) =>
      `mutation { createEntity(input: ${input}, provenance: ${provenance}) { entity { id } } }`;

    it.each([
      ["no token", {}, createBody(CITE_003), "UNAUTHENTICATED"],
      [
        "a wrong token",
        { authorization: "Bearer not-a-key-0123456789" },
        createBody(CITE_003),
        "UNAUTHENTICATED",
      ],
      [
        "a token in the wrong scheme",
        { authorization: `Basic ${ALICE}` },
        createBody(CITE_003),
        "UNAUTHENTICATED",
      ],
      ["no source", AUTH, createBody('{ reason: "trust me" }'), "BAD_USER_INPUT"],
      ["an unknown source", AUTH, createBody(`{ sources: [{ sourceId: "999" }] }`), "BAD_USER_INPUT"],
      [
        "lines outside the document",
        AUTH,
        createBody(`{ sources: [{ sourceId: "000", firstLine: 12, lastLine: 99 }] }`),
        "BAD_USER_INPUT",
      ],
      [
        "an unknown type",
        AUTH,
        createBody(CITE_003, `{ kind: BODY, name: "Refused Body", type: "club" }`),
        "BAD_USER_INPUT",
      ],
      [
        "a bad date",
        AUTH,
        createBody(
          CITE_003,
          `{ kind: MEETING, name: "Refused Meeting", type: "workshop", startDate: "March 2020" }`,
        ),
        "BAD_USER_INPUT",
      ],
      [
        "a state id that is not an ISO code",
        AUTH,
        createBody(CITE_003, `{ kind: STATE, id: "XX", name: "Refusedland", type: "country" }`),
        "BAD_USER_INPUT",
      ],
      [
        "a name that is another entity's alias",
        AUTH,
        createBody(CITE_003, `{ kind: BODY, name: "AHG", type: "group" }`),
        "BAD_USER_INPUT",
      ],
      [
        "a taken id",
        AUTH,
        createBody(CITE_003, `{ kind: BODY, id: "rso", name: "Another RSO", type: "office" }`),
        "BAD_USER_INPUT",
      ],
      [
        "an unknown entity",
        AUTH,
        `mutation { updateEntity(id: "atlantis", input: { name: "X" }, provenance: ${CITE_003}) { audit { id } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "an unknown relationship end",
        AUTH,
        `mutation { createRelationship(input: { type: MEMBER_OF, from: "NZ", to: "atlantis" }, provenance: ${CITE_003}) { audit { id } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "a nested property value",
        AUTH,
        `mutation { createRelationship(input: { type: MEMBER_OF, from: "NZ", to: "rso", properties: { role: { nested: 1 } } }, provenance: ${CITE_003}) { audit { id } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "a claim value that is a list",
        AUTH,
        `mutation { addClaim(input: { subject: "NZ", property: "size", value: [1, 2] }, provenance: ${CITE_003}) { audit { id } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "deleting a source",
        AUTH,
        `mutation { deleteEntity(id: "003", provenance: ${CITE_003}) { audit { id } } }`,
        "BAD_USER_INPUT",
      ],
    ])("%s is refused (%#)", async (_name, headers, mutation, code) => {
      const before = await snapshot();

      const body: GraphQLBody = await as(headers as Record<string, string>, mutation);

      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(body.errors?.[0]?.message).not.toMatch(new RegExp(ALICE));
      expect(await snapshot()).toEqual(before);
    });

    it("names the field and what is allowed", async () => {
      const body = await as(AUTH, createBody(CITE_003, `{ kind: BODY, name: "Refused Body", type: "club" }`));

      expect(body.errors![0]!.extensions!.field).toBe("input.type");
      expect(body.errors![0]!.message).toMatch(/working-group/);
    });
  });

  it("stores names with quotes, backticks, braces and Cypher keywords literally", async () => {
    const hostile = 'O\'Brien "Group" `x`}) DETACH DELETE n // {$param} MATCH (m) RETURN m; \\ ';
    const created = await ok(
      `mutation($name: String!) { createEntity(input: { kind: BODY, name: $name, type: "group" }, provenance: ${CITE_003}) { entity { id name } } }`,
      { name: hostile },
    );

    const { id, name } = created.createEntity.entity;
    expect(name).toBe(hostile);
    const read = await ok(`query($id: ID!) { node(id: $id) { ... on Body { name } } }`, { id });
    expect(read.node.name).toBe(hostile);
    expect((await countGraph(db.executor)).labels.State).toBe(63);
    await ok(`mutation { deleteEntity(id: "${id}", provenance: ${CITE_003}) { audit { id } } }`);
  });

  describe("export", () => {
    it("writes a freshly seeded graph back exactly as seed/ holds it", async () => {
      await seedTestDatabase();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-export-"));

      writeSeedFiles(dir, await exportSeed(db.executor));

      for (const file of fs.readdirSync(SEED_DIR()).filter((f) => f.endsWith(".json"))) {
        expect([file, fs.readFileSync(path.join(dir, file), "utf8")]).toEqual([
          file,
          fs.readFileSync(path.join(SEED_DIR(), file), "utf8"),
        ]);
      }
    });

    it("round-trips curated changes: export, re-seed, same counts and facts", async () => {
      await ok(`mutation {
        e: createEntity(input: { kind: PLACE, name: "Adelaide", type: "city" }, provenance: { newSources: [{ title: "Atlas", reference: "isbn:0000" }] }) { entity { id } }
        r: createRelationship(input: { type: LOCATED_IN, from: "adelaide", to: "AU" }, provenance: ${CITE_003}) { relationship { id } }
        c: addClaim(input: { subject: "adelaide", property: "population", value: 1400000, qualifier: "about" }, provenance: ${CITE_003}) { claim { id } }
        u: updateEntity(id: "NZ", input: { description: "Curated." }, provenance: ${CITE_003}) { entity { id } }
      }`);
      const before = await countGraph(db.executor);
      const exported = await exportSeed(db.executor);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-export-"));
      writeSeedFiles(dir, exported);

      await importSeed(db.executor, readSeed(dir), { reset: true, log: () => undefined });

      const { AuditEntry: _audit, ...after } = (await countGraph(db.executor)).labels;
      const { AuditEntry: _a, ...expected } = before.labels;
      expect(after).toEqual(expected);
      expect((await countGraph(db.executor)).relationshipTypes).toEqual(before.relationshipTypes);
      expect(await exportSeed(db.executor)).toEqual(exported);
      const read = await ok(
        `{ entity(name: "Adelaide") { id claims { value } sources { citation } } state(id: "NZ") { description } }`,
      );
      expect(read.entity).toEqual({
        id: "adelaide",
        claims: [{ value: "1400000" }],
        sources: [{ citation: "005" }],
      });
      expect(read.state.description).toBe("Curated.");
    });
  });
});
