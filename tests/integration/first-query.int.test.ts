import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

const DATABASE_QUERY = "query Database { database { name version edition nodeCount relationshipCount } }";

describe("the first query, from HTTP to Neo4j and back", () => {
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

  it("answers the database query over HTTP with what Neo4j reports", async () => {
    const [expected] = await db.executor.read("MATCH (n) RETURN count(n) AS nodes");

    const { status, body } = await server.post(DATABASE_QUERY);

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const info = body.data!.database as Record<string, unknown>;
    expect(info.version).toMatch(/^5\.26\.\d+/);
    expect(info.edition).toBe("community");
    expect(info.nodeCount).toBe(expected!.nodes);
  });

  it("answers the same query through executeOperation, costing one Cypher statement", async () => {
    const { body, queries } = await server.execute(DATABASE_QUERY);

    expect(body.errors).toBeUndefined();
    expect((body.data!.database as { name: string }).name).toBe("Neo4j Kernel");
    expect(queries).toBe(1);
  });

  it("serves liveness on /healthz and readiness on /readyz", async () => {
    const health = await fetch(`${server.app.url}/healthz`);
    const ready = await fetch(`${server.app.url}/readyz`);

    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: true });
  });
});
