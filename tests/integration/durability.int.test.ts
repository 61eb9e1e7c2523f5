import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseApiKeys } from "../../src/auth/api-keys";
import { ensureConstraints } from "../../src/db/constraints";
import { createDriver } from "../../src/db/driver";
import { Executor } from "../../src/db/executor";
import { type LocalNeo4j, findFreePort, startLocalNeo4j } from "../../src/db/local-neo4j";
import { silentLogger } from "../../src/log/logger";
import { SEED_DIR } from "../../src/runtime";
import { importSeed } from "../../src/seed/importer";
import { readSeed } from "../../src/seed/read-seed";
import { type TestServer, startTestServer } from "../support/server";

const KEY = "durability-secret-0123456789";

describe("an acknowledged change", () => {
  // A Neo4j of this test's own: it is killed and started again.
  let dataDir: string;
  let port: number;
  let neo4j: LocalNeo4j;

  const open = () => {
    const driver = createDriver({
      uri: `bolt://127.0.0.1:${port}`,
      username: "neo4j",
      password: "",
      maxRetryTimeMs: 5000,
    });
    return {
      driver,
      executor: new Executor(driver, { database: "neo4j", txTimeoutMs: 4000, logger: silentLogger }),
    };
  };
  const start = () =>
    startLocalNeo4j({ port, dataDir, startTimeoutMs: 120000, pageCache: "64m", log: () => undefined });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-durability-"));
    port = await findFreePort();
    neo4j = await start();
  }, 180000);

  afterAll(async () => {
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("survives Neo4j being killed (no clean shutdown) and started again", async () => {
    const { driver, executor } = open();
    let server: TestServer | undefined;
    try {
      await ensureConstraints(executor);
      await importSeed(executor, readSeed(SEED_DIR()), { reset: true, log: () => undefined });
      server = await startTestServer(executor, { apiKeys: parseApiKeys(`curator:${KEY}`) });
      const { body } = await server.post(
        `mutation { createEntity(input: { kind: PLACE, name: "Durable City", type: "city" }, provenance: { sources: [{ sourceId: "003", firstLine: 1, lastLine: 1 }] }) { entity { id } audit { id } } }`,
        {},
        { authorization: `Bearer ${KEY}` },
      );
      expect(body.errors).toBeUndefined();
    } finally {
      await server?.stop();
      await driver.close();
    }

    process.kill(neo4j.pid, "SIGKILL");
    await neo4j.exited;
    neo4j = await start();

    const reopened = open();
    try {
      const rows = await reopened.executor.read(
        `MATCH (n:Entity {id: "durable-city"}) OPTIONAL MATCH (a:AuditEntry {targetId: "durable-city"}) RETURN n.name AS name, count(a) AS audits`,
      );
      expect(rows).toEqual([{ name: "Durable City", audits: 1 }]);
    } finally {
      await reopened.driver.close();
    }
  }, 240000);
});
