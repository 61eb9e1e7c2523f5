import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { exampleOperations } from "../../bench/load";
import { createDriver } from "../../src/db/driver";
import { Executor } from "../../src/db/executor";
import { type LocalNeo4j, findFreePort, startLocalNeo4j } from "../../src/db/local-neo4j";
import { createLogger } from "../../src/log/logger";
import { seedDatabase } from "../support/seed";
import { type TestServer, startTestServer } from "../support/server";

const OUTAGE_MS = 10_000;
const RESUME_WITHIN_MS = 5000;
// The defaults' proportions, shorter. Right after the restart Neo4j's caches are cold, and on
// a busy machine its first queries take seconds: the transaction timeout allows for that.
const REQUEST_TIMEOUT_MS = 12_000;
const TX_TIMEOUT_MS = 8000;
const RETRY_WINDOW_MS = 10_000;
const CLIENTS = 3;

interface Sample {
  operation: string;
  sentAt: number;
  doneAt: number;
  status: number;
  codes: string[];
  text: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STACK = /\n\s+at |stacktrace|node_modules/;

/**
 * Neo4j stopped for ten seconds under steady traffic and started again on the same port and
 * data folder: the server stays up, fails requests cleanly while the database is away, comes
 * back by itself, and loses no acknowledged write.
 */
describe("a Neo4j outage under traffic", () => {
  let dataDir: string;
  let port: number;
  let neo4j: LocalNeo4j;
  let driver: Driver;
  let executor: Executor;
  let server: TestServer;
  // Anything the server or the executor logs as an error is a failure they did not expect.
  const logged: string[] = [];
  const logger = createLogger("error", (line) => logged.push(line));

  const startNeo4j = () =>
    startLocalNeo4j({ port, dataDir, startTimeoutMs: 180_000, pageCache: "64m", log: () => undefined });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-outage-"));
    port = await findFreePort();
    neo4j = await startNeo4j();
    driver = createDriver({
      uri: neo4j.uri,
      username: "neo4j",
      password: "",
      maxRetryTimeMs: RETRY_WINDOW_MS,
    });
    executor = new Executor(driver, {
      database: "neo4j",
      txTimeoutMs: TX_TIMEOUT_MS,
      logger,
    });
    await seedDatabase(executor);
    server = await startTestServer(executor, {
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      logger,
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await driver?.close();
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("keeps serving, fails cleanly with SERVICE_UNAVAILABLE, resumes within 5 s of Bolt and loses no acknowledged write", async () => {
    const operations = exampleOperations();
    const samples: Sample[] = [];
    const readiness: { at: number; status: number }[] = [];
    const acknowledged: number[] = [];
    const refusedWrites: string[] = [];
    let running = true;

    const client = async (offset: number) => {
      for (let i = offset; running; i += 1) {
        const operation = operations[i % operations.length]!;
        const sentAt = Date.now();
        const response = await fetch(`${server.app.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: operation.body,
        });
        const text = await response.text();
        const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
        samples.push({
          operation: operation.name,
          sentAt,
          doneAt: Date.now(),
          status: response.status,
          codes: (body.errors ?? []).map((e) => String(e.extensions?.code)),
          text,
        });
      }
    };
    const readinessProbe = async () => {
      while (running) {
        readiness.push({ at: Date.now(), status: (await fetch(`${server.app.url}/readyz`)).status });
        await sleep(250);
      }
    };
    const writer = async () => {
      for (let seq = 0; running; seq += 1) {
        try {
          await executor.write("CREATE (:OutageProbe {seq: $seq})", { seq });
          acknowledged.push(seq);
        } catch (error) {
          refusedWrites.push(String((error as { extensions?: { code?: string } }).extensions?.code));
        }
        await sleep(200);
      }
    };
    const loops = [...Array.from({ length: CLIENTS }, (_, i) => client(i * 5)), readinessProbe(), writer()];

    // Served normally first: every operation answered once (the first, cold, take a while).
    for (
      let waited = 0;
      samples.filter((x) => x.codes.length === 0).length < operations.length;
      waited += 250
    ) {
      if (waited > 120_000) throw new Error("the server did not answer normally before the outage");
      await sleep(250);
    }
    const stoppedAt = Date.now();
    await neo4j.stop();
    await sleep(OUTAGE_MS);
    neo4j = await startNeo4j();
    const boltBackAt = Date.now();
    // Long enough for every client to finish a request caught by the outage and send more.
    await sleep(RESUME_WITHIN_MS + REQUEST_TIMEOUT_MS);
    running = false;
    await Promise.all(loops);

    const before = samples.filter((s) => s.doneAt < stoppedAt);
    const failed = samples.filter((s) => s.codes.length > 0);
    const afterResume = samples.filter((s) => s.sentAt >= boltBackAt + RESUME_WITHIN_MS);

    // Served normally before the outage.
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((s) => s.codes.length > 0)).toEqual([]);
    // During it: clean, retryable failures (or answers after the driver's retries), no hang.
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.flatMap((s) => s.codes))).toEqual(new Set(["SERVICE_UNAVAILABLE"]));
    // Answered 503 (with Retry-After, checked in hostile-input), never another 5xx.
    expect(failed.filter((s) => s.status !== 503)).toEqual([]);
    expect(samples.filter((s) => (s.status >= 500 && s.status !== 503) || STACK.test(s.text))).toEqual([]);
    // No request waits for Neo4j to come back: requests are failed while it is away, those
    // under way when it stopped included (their deadline passes before it is back: the outage
    // and the restart together outlast REQUEST_TIMEOUT_MS).
    const answeredWhileAway = samples.filter((s) => s.doneAt > stoppedAt && s.doneAt < boltBackAt);
    expect(answeredWhileAway.filter((s) => s.status === 503).length).toBeGreaterThan(0);
    const caughtByStop = samples.filter((s) => s.sentAt < stoppedAt && s.doneAt > stoppedAt);
    expect(caughtByStop.filter((s) => s.doneAt >= boltBackAt)).toEqual([]);
    expect(readiness.some((r) => r.at > stoppedAt && r.at < boltBackAt && r.status === 503)).toBe(true);
    // Full service within 5 s of Bolt returning, and ready again.
    expect(afterResume.length).toBeGreaterThan(0);
    expect(afterResume.filter((s) => s.codes.length > 0)).toEqual([]);
    expect(readiness.at(-1)?.status).toBe(200);
    expect((await fetch(`${server.app.url}/healthz`)).status).toBe(200);
    // Every write acknowledged before, during or after the outage is there.
    expect(new Set(refusedWrites)).toEqual(new Set(refusedWrites.length ? ["SERVICE_UNAVAILABLE"] : []));
    const stored = await executor.read("MATCH (p:OutageProbe) RETURN p.seq AS seq");
    const storedSeqs = new Set(stored.map((r) => r.seq as number));
    expect(acknowledged.filter((seq) => !storedSeqs.has(seq))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(logged).toEqual([]);
  }, 300_000);
});
