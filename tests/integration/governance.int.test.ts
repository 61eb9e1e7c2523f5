import neo4j, { type Driver, type Session, type Transaction } from "neo4j-driver";
import { FULLTEXT_INDEX } from "../../src/db/constraints";
import { Executor, QueryCounter } from "../../src/db/executor";
import { silentLogger } from "../../src/log/logger";
import { Admission } from "../../src/server/admission";
import { type TestDatabase, openTestDatabase, testNeo4jUri } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

/** What an API error thrown by the executor carries. */
async function apiError(
  work: Promise<unknown>,
): Promise<{ code?: unknown; http?: unknown; message: string }> {
  try {
    await work;
  } catch (error) {
    const { extensions, message } = error as { extensions?: Record<string, unknown>; message: string };
    return { code: extensions?.code, http: extensions?.http, message };
  }
  throw new Error("expected the work to fail");
}

/** A collect of 20 million integers: far more than one transaction may use (128m by default). */
const MEMORY_HOG = "UNWIND range(1, 20000000) AS x WITH collect(x) AS xs RETURN size(xs) AS n";

describe("database work governed by the database", () => {
  let db: TestDatabase;

  beforeAll(() => {
    db = openTestDatabase();
  });

  afterAll(async () => {
    await db.close();
  });

  it("stops a read past the transaction memory limit with QUERY_TOO_EXPENSIVE, without retrying it", async () => {
    const counter = new QueryCounter();

    const error = await apiError(db.executor.forRequest({ counter }).read(MEMORY_HOG));

    expect(error.code).toBe("QUERY_TOO_EXPENSIVE");
    expect(counter.count).toBe(1);
    expect(await db.executor.read("RETURN 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("answers a query the full-text index cannot read with BAD_USER_INPUT, not a server error", async () => {
    const error = await apiError(
      db.executor.read("CALL db.index.fulltext.queryNodes($index, $query) YIELD node RETURN node.id AS id", {
        index: FULLTEXT_INDEX,
        query: "name:(unbalanced AND",
      }),
    );

    expect(error.code).toBe("BAD_USER_INPUT");
  });

  it("stops a transaction past it the same way, and the driver does not retry it", async () => {
    const counter = new QueryCounter();

    const error = await apiError(
      db.executor.forRequest({ counter }).readTransaction((tx) => tx.run(MEMORY_HOG)),
    );

    expect(error.code).toBe("QUERY_TOO_EXPENSIVE");
    expect(counter.count).toBe(1);
  });
});

describe("the relationships one request may return", () => {
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

  it("are bounded: past the bound the relationship fields answer QUERY_TOO_EXPENSIVE, and a smaller answer is whole", async () => {
    // The Bali Process's members, what each belongs to, and the members of those: about
    // 5,000 relationships an alias, under the cost limit because the estimate counts five a field.
    const level = (alias: string) =>
      `${alias}: body(id: "bali-process") { members { node { ... on State { memberOf { node { ... on Body { members { node { ... on State { id } } } } } } } } } }`;

    const one = await server.post(`{ ${level("a")} }`);
    const many = await server.post(`{ ${["a", "b", "c", "d", "e", "f"].map(level).join(" ")} }`);

    expect(one.body.errors).toBeUndefined();
    const codes = new Set((many.body.errors ?? []).map((e) => e.extensions?.code));
    expect(codes).toEqual(new Set(["QUERY_TOO_EXPENSIVE"]));
    expect(many.body.errors?.[0]?.message).toMatch(/more than 10000 relationships/);
  });
});

describe("readiness under a flood of probes", () => {
  it("asks the database once for many probes at a time, and every probe gets the answer", async () => {
    const db = openTestDatabase();
    let pings = 0;
    const executor = Object.assign(Object.create(db.executor) as Executor, {
      ping: async () => {
        pings += 1;
        return db.executor.ping();
      },
    });
    const server = await startTestServer(executor);
    try {
      const statuses = await Promise.all(
        Array.from({ length: 200 }, async () => (await fetch(`${server.app.url}/readyz`)).status),
      );

      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(pings).toBeLessThanOrEqual(2);
    } finally {
      await server.stop();
      await db.close();
    }
  });
});

describe("an exhausted connection pool", () => {
  let driver: Driver;
  let holder: Session;
  let held: Transaction;
  let server: TestServer;

  beforeAll(async () => {
    // One connection, taken by an open transaction: the next statement cannot get one.
    driver = neo4j.driver(testNeo4jUri(), undefined, {
      maxConnectionPoolSize: 1,
      connectionAcquisitionTimeout: 300,
      maxTransactionRetryTime: 500,
    });
    holder = driver.session();
    held = await holder.beginTransaction();
    await held.run("RETURN 1");
    const executor = new Executor(driver, {
      database: "neo4j",
      txTimeoutMs: 5000,
      maxRetryTimeMs: 500,
      logger: silentLogger,
    });
    server = await startTestServer(executor);
  });

  afterAll(async () => {
    await server.stop();
    await held.rollback();
    await holder.close();
    await driver.close();
  });

  it("answers GraphQL with SERVICE_UNAVAILABLE, HTTP 503 and Retry-After", async () => {
    const response = await fetch(`${server.app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ state(id: "NZ") { name } }' }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(body.errors.map((e) => e.extensions.code)).toEqual(["SERVICE_UNAVAILABLE"]);
  });

  it("answers the exports the same way, in the API's error shape", async () => {
    const response = await fetch(`${server.app.url}/export/neighbourhood.cyjs?id=NZ`);

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.json()).toEqual({
      errors: [
        { message: expect.stringMatching(/unavailable/), extensions: { code: "SERVICE_UNAVAILABLE" } },
      ],
    });
  });
});

describe("admission control", () => {
  let db: TestDatabase;
  let server: TestServer;
  const admission = new Admission({ maxConcurrent: 2, maxHeavy: 1, waitMs: 50, heavyCost: 500 });

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor, { admission });
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("refuses GraphQL and exports with 503 and Retry-After while every turn is taken, and serves once one is free", async () => {
    const releases = [await admission.admit(0), await admission.admit(0)];

    const graphql = await fetch(`${server.app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ state(id: "NZ") { name } }' }),
    });
    const exported = await fetch(`${server.app.url}/export/neighbourhood.graphml?id=NZ`);

    expect([graphql.status, graphql.headers.get("retry-after")]).toEqual([503, "1"]);
    expect(await graphql.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(/busy/),
          extensions: { code: "SERVICE_UNAVAILABLE", retryable: true, reason: "overloaded" },
        },
      ],
    });
    expect([exported.status, exported.headers.get("retry-after")]).toEqual([503, "1"]);
    expect(((await exported.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({
      code: "SERVICE_UNAVAILABLE",
    });

    releases.forEach((release) => release());
    expect((await server.post('{ state(id: "NZ") { name } }')).body).toEqual({
      data: { state: { name: "New Zealand" } },
    });
    expect(admission.stats()).toMatchObject({ active: 0, heavyActive: 0 });
  });

  it("gives cheap requests the turns that heavy ones may not take", async () => {
    const heavy = await admission.admit(10_000);

    const neighbourhood = await server.post(
      '{ neighbourhood(id: "bali-process", depth: 3, limit: 500) { truncated } }',
    );
    const lookup = await server.post('{ state(id: "NZ") { name } }');

    expect(neighbourhood.status).toBe(503);
    expect(lookup.body).toEqual({ data: { state: { name: "New Zealand" } } });
    heavy();
    expect((await server.post('{ neighbourhood(id: "NZ", depth: 1) { truncated } }')).status).toBe(200);
  });
});
