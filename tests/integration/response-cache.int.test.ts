import { createHash } from "node:crypto";
import { parseApiKeys } from "../../src/auth/api-keys";
import { Executor } from "../../src/db/executor";
import { type Logger, silentLogger } from "../../src/log/logger";
import { VersionRepository } from "../../src/repository/version.repository";
import type { CachingOptions } from "../../src/server/caching";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { seedTestDatabase } from "../support/seed";
import { type GraphQLBody, type TestServer, startTestServer } from "../support/server";

const CURATOR = "curator-secret-0123456789abcdef";
const READER = "reader-secret-0123456789abcdef";
const API_KEYS = parseApiKeys(`curator:${CURATOR},reader:${READER}`);
const AS_CURATOR = { authorization: `Bearer ${CURATOR}` };
const AS_READER = { authorization: `Bearer ${READER}` };
const CITE = `{ sources: [{ sourceId: "003", firstLine: 33, lastLine: 33 }] }`;
const PREFLIGHT = { "apollo-require-preflight": "true" };

const RSO = `query Rso($id: ID!) { body(id: $id) { id description } }`;
const describeRso = (text: string) =>
  `mutation { updateEntity(id: "rso", input: { description: ${JSON.stringify(text)} }, provenance: ${CITE}) { audit { version } } }`;

/** An executor on the test database that records every statement it sends, whichever request sent it. */
function countingExecutor(db: TestDatabase): { executor: Executor; statements: string[] } {
  const statements: string[] = [];
  const logger: Logger = {
    ...silentLogger,
    enabled: (level) => level === "debug",
    debug: (message, fields) => {
      if (message === "cypher") statements.push(String(fields?.cypher));
    },
  };
  const executor = new Executor(db.driver, {
    database: process.env.NEO4J_TEST_DATABASE ?? "neo4j",
    txTimeoutMs: 10000,
    logger,
  });
  return { executor, statements };
}

const CACHING: CachingOptions = {
  responseCacheBytes: 8 * 1024 ** 2,
  versionStalenessMs: 0,
  httpMaxAgeSeconds: 30,
};
const isVersionRead = (cypher: string) => cypher.startsWith("OPTIONAL MATCH (v:GraphVersion");

interface Replica {
  server: TestServer;
  statements: string[];
  /** Statements sent while `work` ran. */
  counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
}

async function startReplica(db: TestDatabase, caching: CachingOptions): Promise<Replica> {
  const { executor, statements } = countingExecutor(db);
  const server = await startTestServer(executor, { apiKeys: API_KEYS, caching });
  return {
    server,
    statements,
    async counted(work) {
      const before = statements.length;
      const result = await work();
      return { result, statements: statements.slice(before) };
    },
  };
}

function get(
  replica: Replica,
  params: Record<string, unknown>,
  headers: Record<string, string> = PREFLIGHT,
): Promise<Response> {
  const search = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [
      k,
      typeof v === "string" ? v : JSON.stringify(v),
    ]),
  );
  return fetch(`${replica.server.app.url}/graphql?${search}`, { headers });
}

describe("graph version, response cache and HTTP caching", () => {
  let db: TestDatabase;
  let a: Replica;
  let b: Replica;

  const description = async (replica: Replica, headers: Record<string, string> = {}) => {
    const { body } = await replica.server.post(RSO, { id: "rso" }, headers);
    expect(body.errors).toBeUndefined();
    return (body.data as { body: { description: string } }).body.description;
  };
  const write = async (replica: Replica, text: string): Promise<number> => {
    const { body } = await replica.server.post(describeRso(text), {}, AS_CURATOR);
    expect(body.errors).toBeUndefined();
    return (body.data as { updateEntity: { audit: { version: number } } }).updateEntity.audit.version;
  };

  // The graph is seed/ as the global set-up loaded it; this file puts it back at the end.
  beforeAll(async () => {
    db = openTestDatabase();
    a = await startReplica(db, CACHING);
    b = await startReplica(db, CACHING);
  });

  afterAll(async () => {
    await a?.server.stop();
    await b?.server.stop();
    await seedTestDatabase();
    await db.close();
  }, 180_000);

  describe("the graph version", () => {
    it("is raised by every curation write, in its transaction, and recorded on the audit entry", async () => {
      const versions = new VersionRepository(db.executor);
      const before = (await versions.current()).version;
      const { body } = await a.server.post(`{ graphVersion }`);
      expect(body.data).toEqual({ graphVersion: before });

      const made = await write(a, "Version test one");
      expect(made).toBe(before + 1);
      expect((await versions.current()).version).toBe(before + 1);
      const trail = await a.server.post(
        `{ auditTrail(targetId: "rso", limit: 1) { version } }`,
        {},
        AS_CURATOR,
      );
      expect(trail.body.data).toEqual({ auditTrail: [{ version: before + 1 }] });
    });

    it("is raised by a refused write not at all (the transaction rolls back)", async () => {
      const versions = new VersionRepository(db.executor);
      const before = (await versions.current()).version;
      const { body } = await a.server.post(
        `mutation { updateEntity(id: "atlantis", input: { name: "X" }, provenance: ${CITE}) { audit { id } } }`,
        {},
        AS_CURATOR,
      );
      expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect((await versions.current()).version).toBe(before);
    });

    it("gives concurrent writes distinct versions", async () => {
      const made = await Promise.all([1, 2, 3, 4, 5].map((i) => write(a, `Concurrent ${i}`)));
      expect(new Set(made).size).toBe(5);
      expect(Math.max(...made) - Math.min(...made)).toBe(4);
    });

    it("is raised by a seed import, and kept across its reset", async () => {
      const versions = new VersionRepository(db.executor);
      const before = await versions.current();
      await seedTestDatabase();
      const after = await versions.current();
      expect(after).toEqual({ version: before.version + 1, epoch: before.epoch });
    }, 180_000);
  });

  describe("the response cache", () => {
    it("answers a repeated query from the cache: with staleness 0 the version read is its only statement", async () => {
      const first = await a.counted(() => description(a));
      expect(first.statements.filter((s) => !isVersionRead(s)).length).toBeGreaterThan(0);

      const again = await a.counted(() => description(a));
      expect(again.result).toBe(first.result);
      expect(again.statements).toHaveLength(1);
      expect(isVersionRead(again.statements[0]!)).toBe(true);
    });

    it("with a staleness, answers a repeated query without any statement", async () => {
      const lazy = await startReplica(db, { ...CACHING, versionStalenessMs: 60_000 });
      try {
        const first = await lazy.counted(() => description(lazy));
        const again = await lazy.counted(() => description(lazy));
        expect(again.result).toBe(first.result);
        expect(again.statements).toEqual([]);
        // A write through this process is seen by its next read at once, staleness or not.
        await write(lazy, "Seen at once");
        const after = await lazy.counted(() => description(lazy));
        expect(after.result).toBe("Seen at once");
        expect(after.statements.some(isVersionRead)).toBe(true);
      } finally {
        await lazy.server.stop();
      }
    });

    it("is invalidated by a write through the same server", async () => {
      await description(a);
      await write(a, "Written through A");
      expect(await description(a)).toBe("Written through A");
    });

    it("is invalidated by a write through another server on the same database", async () => {
      const before = await description(a);
      expect(await description(b)).toBe(before);
      await write(b, "Written through B");
      const read = await a.counted(() => description(a));
      expect(read.result).toBe("Written through B");
      expect(read.statements.filter((s) => !isVersionRead(s)).length).toBeGreaterThan(0);
    });

    it("keeps answers apart per API key, and never keeps mutations or answers with errors", async () => {
      await description(a);
      const asReader = await a.counted(() => description(a, AS_READER));
      expect(asReader.statements.filter((s) => !isVersionRead(s)).length).toBeGreaterThan(0);
      const asCurator = await a.counted(() => description(a, AS_CURATOR));
      expect(asCurator.statements.filter((s) => !isVersionRead(s)).length).toBeGreaterThan(0);
      const readerAgain = await a.counted(() => description(a, AS_READER));
      expect(readerAgain.statements).toHaveLength(1);

      // One field answers, the other fails: the answer has errors, so it is not kept.
      const failing = `{ rso: body(id: "rso") { id } nope: node(id: "not a valid id at all") { id } }`;
      const once = await a.counted(() => a.server.post(failing));
      expect(once.result.body.errors?.length).toBeGreaterThan(0);
      expect(once.result.body.data?.rso).toEqual({ id: "rso" });
      const twice = await a.counted(() => a.server.post(failing));
      expect(twice.result.body).toEqual(once.result.body);
      expect(twice.statements.filter((s) => !isVersionRead(s)).length).toBeGreaterThan(0);

      // A mutation is never answered from the cache: the same one twice writes twice.
      const first = await write(a, "Same mutation");
      expect(await write(a, "Same mutation")).toBe(first + 1);
    });

    it("reads the version once for a query it has no answer for", async () => {
      const query = `query Once($id: ID!) { body(id: $id) { id name } }`;
      const first = await a.counted(() => a.server.post(query, { id: "rso" }));
      expect(first.result.body.errors).toBeUndefined();
      expect(first.statements.filter(isVersionRead)).toHaveLength(1);
      expect(first.statements.length).toBeGreaterThan(1);
    });

    it("sends a kept answer with the status, headers and bytes of the answer it keeps", async () => {
      const sha256Hash = createHash("sha256").update(RSO).digest("hex");
      const persisted = { persistedQuery: { version: 1, sha256Hash } };
      await get(a, { query: RSO, extensions: persisted, variables: { id: "rso" } });
      const post = (headers: Record<string, string>, variables = { id: "rso" }) =>
        fetch(`${a.server.app.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ query: RSO, variables }),
        });
      const cases: [string, () => Promise<Response>][] = [
        ["POST", () => post({})],
        [
          "POST, preferring graphql-response+json",
          () => post({ accept: "application/graphql-response+json" }),
        ],
        ["POST with a key", () => post(AS_READER, { id: "ad-hoc-group" })],
        ["GET", () => get(a, { query: RSO, variables: { id: "rso" } })],
        [
          "GET with a key",
          () => get(a, { query: RSO, variables: { id: "rso" } }, { ...PREFLIGHT, ...AS_READER }),
        ],
        ["GET by persisted hash", () => get(a, { extensions: persisted, variables: { id: "rso" } })],
        [
          "GET with x-apollo-operation-name",
          () => get(a, { query: RSO, variables: { id: "rso" } }, { "x-apollo-operation-name": "Rso" }),
        ],
      ];
      const seen = async (response: Response) => {
        const headers = Object.fromEntries(response.headers);
        delete headers.date;
        return { status: response.status, headers, body: await response.text() };
      };
      await a.server.post(`{ graphVersion }`);
      for (const [name, send] of cases) {
        const first = await seen(await send());
        const again = await a.counted(async () => seen(await send()));
        expect({ name, ...again.result }).toEqual({ name, ...first });
        expect({ name, statements: again.statements.length }).toEqual({ name, statements: 1 });
        expect(first.status).toBe(200);
      }
    });

    it("serves variables given in another order from the same entry", async () => {
      const query = `query Two($id: ID!, $other: ID!) { one: body(id: $id) { id } two: body(id: $other) { id } }`;
      await a.server.post(query, { id: "rso", other: "ad-hoc-group" });
      const again = await a.counted(() => a.server.post(query, { other: "ad-hoc-group", id: "rso" }));
      expect(again.statements).toHaveLength(1);
    });
  });

  describe("HTTP caching", () => {
    it("refuses a GET without a preflight header (CSRF prevention) and answers one with it", async () => {
      const bare = await get(a, { query: RSO, variables: { id: "rso" } }, {});
      expect(bare.status).toBe(400);
      expect(await bare.text()).toMatch(/preflight/i);
      // Refused as well when the answer is kept.
      expect((await get(a, { query: RSO, variables: { id: "rso" } })).status).toBe(200);
      const again = await get(a, { query: RSO, variables: { id: "rso" } }, {});
      expect(again.status).toBe(400);
      const simple = await get(a, { query: RSO, variables: { id: "rso" } }, { "content-type": "text/plain" });
      expect(simple.status).toBe(400);
      const notJson = await fetch(`${a.server.app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ query: RSO, variables: { id: "rso" } }),
      });
      expect(notJson.status).toBe(400);

      for (const header of [PREFLIGHT, { "x-apollo-operation-name": "Rso" }]) {
        const answered = await get(a, { query: RSO, variables: { id: "rso" } }, header);
        expect(answered.status).toBe(200);
        expect(((await answered.json()) as GraphQLBody).data).toMatchObject({ body: { id: "rso" } });
      }
    });

    it("tags an anonymous GET answer with an ETag and public Cache-Control; a key makes it private", async () => {
      const anonymous = await get(a, { query: RSO, variables: { id: "rso" } });
      expect(anonymous.headers.get("etag")).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      expect(anonymous.headers.get("cache-control")).toBe("public, max-age=30");
      expect(anonymous.headers.get("vary")).toMatch(/Authorization/);

      const withKey = await get(a, { query: RSO, variables: { id: "rso" } }, { ...PREFLIGHT, ...AS_READER });
      expect(withKey.headers.get("cache-control")).toBe("private, no-store");
      expect(withKey.headers.get("etag")).not.toBe(anonymous.headers.get("etag"));

      const other = await get(a, { query: RSO, variables: { id: "ad-hoc-group" } });
      expect(other.headers.get("etag")).not.toBe(anonymous.headers.get("etag"));

      const { status, headers } = await fetch(`${a.server.app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: RSO, variables: { id: "rso" } }),
      });
      expect(status).toBe(200);
      expect(headers.get("cache-control")).toBe("no-store");
    });

    it("answers a matching If-None-Match with 304 and no body, and a new ETag after a write", async () => {
      const first = await get(a, { query: RSO, variables: { id: "rso" } });
      const etag = first.headers.get("etag")!;

      const revalidated = await get(
        a,
        { query: RSO, variables: { id: "rso" } },
        { ...PREFLIGHT, "if-none-match": etag },
      );
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe("");
      // The same tag from the other replica: ETags name the version, not the process.
      const elsewhere = await get(
        b,
        { query: RSO, variables: { id: "rso" } },
        { ...PREFLIGHT, "if-none-match": etag },
      );
      expect(elsewhere.status).toBe(304);

      await write(b, "Written before revalidation");
      const changed = await get(
        a,
        { query: RSO, variables: { id: "rso" } },
        { ...PREFLIGHT, "if-none-match": etag },
      );
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(((await changed.json()) as GraphQLBody).data).toEqual({
        body: { id: "rso", description: "Written before revalidation" },
      });
    });

    it("serves an automatic persisted query over GET by its hash, with an ETag and 304", async () => {
      // A text no other test registers.
      const text = `${RSO} # by hash`;
      const sha256Hash = createHash("sha256").update(text).digest("hex");
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const unknown = await get(a, { extensions, variables: { id: "rso" } });
      expect(((await unknown.json()) as GraphQLBody).errors?.[0]?.extensions?.code).toBe(
        "PERSISTED_QUERY_NOT_FOUND",
      );
      const registered = await get(a, { query: text, extensions, variables: { id: "rso" } });
      expect(registered.status).toBe(200);

      const byHash = await get(a, { extensions, variables: { id: "rso" } });
      expect(byHash.status).toBe(200);
      expect(byHash.headers.get("etag")).toBe(registered.headers.get("etag"));
      const revalidated = await get(
        a,
        { extensions, variables: { id: "rso" } },
        { ...PREFLIGHT, "if-none-match": byHash.headers.get("etag")! },
      );
      expect(revalidated.status).toBe(304);
    });

    it("refuses a mutation over GET", async () => {
      const refused = await get(a, { query: describeRso("never") }, { ...PREFLIGHT, ...AS_CURATOR });
      expect(refused.status).toBe(405);
      expect(refused.headers.get("cache-control")).toBe("no-store");
    });
  });
});
