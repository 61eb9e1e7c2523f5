import { execFileSync } from "node:child_process";
import path from "node:path";
import { type Replicas, exampleOperations, runLoad, startReplicas } from "../../bench/load";
import { testServerSettings } from "../support/database";
import { seedTestDatabase } from "../support/seed";

const ROOT = path.join(__dirname, "../..");
const SECRET = "replicas-test-secret-0123456789";
const AUTH = { authorization: `Bearer ${SECRET}` };
/**
 * Seconds an anonymous answer is fresh (HTTP_CACHE_MAX_AGE): short, so that entries expire
 * within the test, and long enough for two requests in a row to fall inside it.
 */
const MAX_AGE = 2;
const CITE_003 = `{ sources: [{ sourceId: "003", firstLine: 33, lastLine: 33 }] }`;
/** An answer every curation write of this file changes: the number of entities of each kind. */
const BODIES = "query Bodies { stats { entitiesByKind { key count } } }";

interface Answer {
  status: number;
  /** Parsed JSON; undefined for a 304. */
  body: {
    data?: { stats?: { entitiesByKind: { key: string; count: number }[] } } | null;
    errors?: unknown[];
  };
  text: string;
  /** nginx's X-Cache-Status: HIT, MISS, EXPIRED, REVALIDATED, BYPASS; null for a POST. */
  cache: string | null;
  /** nginx's X-Upstream: the replica that answered; null when the cache did. */
  upstream: string | null;
  cacheControl: string | null;
}

/** The number of entities in an answer to BODIES (undefined when it has none). */
const entitiesIn = (answer: Answer) =>
  answer.body.data?.stats?.entitiesByKind.reduce((sum, row) => sum + row.count, 0);

/**
 * Two server processes (`node dist/src/main.js`) on the test Neo4j, nginx from deploy/nginx.conf
 * in front of them, every request through nginx.
 */
describe("two replicas behind nginx", () => {
  let setup: Replicas;
  let base: string;
  let created = 0;

  const answer = async (response: Response): Promise<Answer> => {
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Answer["body"]) : {},
      text,
      cache: response.headers.get("x-cache-status"),
      upstream: response.headers.get("x-upstream"),
      cacheControl: response.headers.get("cache-control"),
    };
  };
  const post = async (
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) =>
    answer(
      await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      }),
    );
  /** A query by GET, with the header that lets it past CSRF prevention. */
  const get = async (query: string, headers: Record<string, string> = {}) =>
    answer(
      await fetch(`${base}/graphql?${new URLSearchParams({ query }).toString()}`, {
        headers: { "apollo-require-preflight": "true", ...headers },
      }),
    );
  /** A curation write through nginx, with the key: a new body. */
  const createBody = async () => {
    created += 1;
    const written = await post(
      `mutation($name: String!) { createEntity(input: { kind: BODY, name: $name, type: "group" }, provenance: ${CITE_003}) { entity { id } } }`,
      { name: `Replicas Test Group ${created}` },
      AUTH,
    );
    expect(written.body.errors).toBeUndefined();
    expect(written.status).toBe(200);
    return written;
  };
  /** GETs `query` until nginx answers it otherwise than from its cache (the entry has expired). */
  const getAfterExpiry = async (query: string) => {
    const until = Date.now() + (MAX_AGE + 10) * 1000;
    for (;;) {
      const got = await get(query);
      if (got.cache !== "HIT" || Date.now() > until) return got;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    // What `npm start` runs: the compiled server.
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
    setup = await startReplicas(() => undefined, {
      // The test database, seeded by the test setup, not by the replicas.
      ...testServerSettings(),
      API_KEYS: `tester:${SECRET}`,
      HTTP_CACHE_MAX_AGE: String(MAX_AGE),
      // On a busy machine a heavy example may wait past the default 2 s for its turn and be
      // refused with 503: admission is tested elsewhere (governance), here every answer counts.
      DB_ADMISSION_WAIT_MS: "15000",
      LOG_LEVEL: "info",
    });
    base = setup.nginx.url;
  }, 240_000);

  afterAll(async () => {
    await setup?.stop();
    if (created > 0) await seedTestDatabase();
  }, 120_000);

  it("spreads requests over both replicas", async () => {
    const upstreams = new Set<string | null>();
    for (let i = 0; i < 6; i += 1) {
      const got = await post("{ __typename }");
      expect(got.body).toEqual({ data: { __typename: "Query" } });
      upstreams.add(got.upstream);
    }

    expect([...upstreams].sort()).toEqual(setup.replicas.map((r) => r.address).sort());
  });

  it("shows a write through one replica to the next read through the other", async () => {
    // Both replicas have answered the question before the write (and may keep their answer).
    const before = new Map<string, number | undefined>();
    for (let i = 0; i < 8 && before.size < 2; i += 1) {
      const got = await post(BODIES);
      before.set(got.upstream!, entitiesIn(got));
    }
    expect(before.size).toBe(2);
    const counts = new Set(before.values());
    expect(counts.size).toBe(1);
    const [count] = [...counts];
    expect(count).toBeGreaterThan(0);

    const written = await createBody();

    // Every read after the acknowledged write sees it, whichever replica answers; at least one
    // is answered by the replica the write did not go through.
    const other = setup.replicas.map((r) => r.address).find((address) => address !== written.upstream);
    const reads: Answer[] = [];
    while (!reads.some((read) => read.upstream === other) && reads.length < 8) reads.push(await post(BODIES));
    expect(reads.map((read) => read.upstream)).toContain(other);
    expect(reads.map(entitiesIn)).toEqual(reads.map(() => count! + 1));
  });

  it("serves a repeated GET from its cache, then revalidates it with the replica", async () => {
    const first = await getAfterExpiry(BODIES);
    expect(first.status).toBe(200);
    expect(first.cacheControl).toBe(`public, max-age=${MAX_AGE}`);

    const repeated = await get(BODIES);

    expect(repeated.cache).toBe("HIT");
    expect(repeated.upstream).toBeNull();
    expect(repeated.text).toBe(first.text);

    // Once max-age has passed, nginx asks a replica with the entry's ETag: unchanged, 304.
    const revalidated = await getAfterExpiry(BODIES);
    expect(revalidated.cache).toBe("REVALIDATED");
    expect(revalidated.upstream).not.toBeNull();
    expect(revalidated.status).toBe(200);
    expect(revalidated.text).toBe(first.text);
  });

  it("answers with the new graph once the cached entry expires after a write", async () => {
    const cached = await get(BODIES);
    const count = entitiesIn(cached)!;

    await createBody();

    const after = await getAfterExpiry(BODIES);
    expect(after.cache).toBe("EXPIRED");
    expect(after.status).toBe(200);
    expect(entitiesIn(after)).toBe(count + 1);
    // And that answer is what the cache holds now: served from it, or (when max-age has passed
    // again on a busy machine) confirmed by the replica with the entry's ETag.
    const again = await get(BODIES);
    expect(["HIT", "REVALIDATED"]).toContain(again.cache);
    expect(entitiesIn(again)).toBe(count + 1);
  });

  it("neither answers nor keeps a GET with an API key in its cache, and never caches a POST", async () => {
    await get(BODIES);

    const keyed = await get(BODIES, AUTH);
    const posted = await post(BODIES);

    expect(keyed.cache).toBe("BYPASS");
    expect(keyed.upstream).not.toBeNull();
    expect(keyed.cacheControl).toBe("private, no-store");
    expect(posted.cache).toBeNull();
    expect(posted.upstream).not.toBeNull();
  });

  it("answers every example operation sent by GET through nginx under concurrent load, each without an error", async () => {
    const operations = exampleOperations();

    // What `npm run load -- --proxy` sends, briefly: a count of requests, nothing timed.
    const result = await runLoad({
      url: `${base}/graphql`,
      connections: 4,
      amount: operations.length * 2,
      operations,
      method: "GET",
    });

    expect(result.requests).toBe(operations.length * 2);
    expect({ errors: result.errors, statuses: result.statuses, graphqlErrors: result.graphqlErrors }).toEqual(
      {
        errors: 0,
        statuses: { 200: operations.length * 2 },
        graphqlErrors: 0,
      },
    );
  });
});
