import type { Driver } from "neo4j-driver";
import { createDriver } from "../../src/db/driver";
import { Executor } from "../../src/db/executor";
import { silentLogger } from "../../src/log/logger";
import { TEST_URI_ENV } from "./neo4j-handle";

export function testNeo4jUri(): string {
  const uri = process.env[TEST_URI_ENV];
  if (!uri)
    throw new Error(`${TEST_URI_ENV} is not set: run the tests through jest (global setup starts Neo4j)`);
  return uri;
}

/**
 * The settings that point a server process (`node dist/src/main.js`) at the test Neo4j, which
 * the test setup seeds: the process does not seed it itself.
 */
export function testServerSettings(): NodeJS.ProcessEnv {
  return {
    NEO4J_URI: testNeo4jUri(),
    NEO4J_USERNAME: process.env.NEO4J_TEST_USERNAME ?? "neo4j",
    NEO4J_PASSWORD: process.env.NEO4J_TEST_PASSWORD ?? "",
    NEO4J_DATABASE: process.env.NEO4J_TEST_DATABASE ?? "neo4j",
    SEED_ON_START: "false",
  };
}

export interface TestDatabase {
  driver: Driver;
  executor: Executor;
  close(): Promise<void>;
}

/** A driver and executor on the test Neo4j (NEO4J_TEST_USERNAME/PASSWORD when given). */
export function openTestDatabase(): TestDatabase {
  const driver = createDriver({
    uri: testNeo4jUri(),
    username: process.env.NEO4J_TEST_USERNAME ?? "neo4j",
    password: process.env.NEO4J_TEST_PASSWORD ?? "",
    maxRetryTimeMs: 15000,
  });
  const executor = new Executor(driver, {
    database: process.env.NEO4J_TEST_DATABASE ?? "neo4j",
    txTimeoutMs: 10000,
    logger: silentLogger,
  });
  return { driver, executor, close: () => driver.close() };
}
