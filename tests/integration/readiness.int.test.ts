import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDriver } from "../../src/db/driver";
import { Executor } from "../../src/db/executor";
import { type LocalNeo4j, findFreePort, startLocalNeo4j } from "../../src/db/local-neo4j";
import { silentLogger } from "../../src/log/logger";
import { type TestServer, startTestServer } from "../support/server";

/** Polls /readyz until it gives the wanted status or the time runs out. */
async function readinessBecomes(url: string, status: number, withinMs: number): Promise<number> {
  const deadline = Date.now() + withinMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await fetch(`${url}/readyz`)).status;
    if (last === status) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

describe("readiness follows the database", () => {
  // A Neo4j of this test's own, since it is stopped and started again.
  let dataDir: string;
  let port: number;
  let neo4j: LocalNeo4j;
  let server: TestServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-readiness-"));
    port = await findFreePort();
    neo4j = await startLocalNeo4j({
      port,
      dataDir,
      startTimeoutMs: 120000,
      pageCache: "64m",
      log: () => undefined,
    });
    const driver = createDriver({ uri: neo4j.uri, username: "neo4j", password: "", maxRetryTimeMs: 3000 });
    const executor = new Executor(driver, { database: "neo4j", txTimeoutMs: 3000, logger: silentLogger });
    server = await startTestServer(executor);
    close = () => driver.close();
  }, 180000);

  afterAll(async () => {
    await server?.stop();
    await close?.();
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("is ready, turns unavailable while Neo4j is stopped, and ready again once it is back", async () => {
    expect(await readinessBecomes(server.app.url, 200, 10000)).toBe(200);

    await neo4j.stop();
    expect(await readinessBecomes(server.app.url, 503, 15000)).toBe(503);
    expect((await fetch(`${server.app.url}/healthz`)).status).toBe(200);

    neo4j = await startLocalNeo4j({
      port,
      dataDir,
      startTimeoutMs: 120000,
      pageCache: "64m",
      log: () => undefined,
    });
    expect(await readinessBecomes(server.app.url, 200, 30000)).toBe(200);
  }, 240000);
});
