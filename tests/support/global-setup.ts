import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureLauncherBuilt, findFreePort, startLocalNeo4j } from "../../src/db/local-neo4j";
import { TEST_URI_ENV, setStartedNeo4j } from "./neo4j-handle";
import { seedTestDatabase } from "./seed";

/**
 * Uses NEO4J_TEST_URI when set (its database is reset and seeded: point it at a
 * database kept for tests); otherwise starts a Neo4j of its own on a free port with a
 * temporary data folder. Only what it started is stopped by the teardown.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_TEST_URI) {
    process.env[TEST_URI_ENV] = process.env.NEO4J_TEST_URI;
  } else {
    const log = (line: string) => process.stderr.write(`[test neo4j] ${line}\n`);
    await ensureLauncherBuilt(log);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-test-neo4j-"));
    const neo4j = await startLocalNeo4j({
      port: await findFreePort(),
      dataDir,
      startTimeoutMs: 180000,
      pageCache: "128m",
      log: () => undefined,
    });
    setStartedNeo4j({ neo4j, dataDir });
    process.env[TEST_URI_ENV] = neo4j.uri;
  }
  await seedTestDatabase();
}
