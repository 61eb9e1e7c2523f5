import type { LocalNeo4j } from "../../src/db/local-neo4j";

/** The variable through which global setup tells the test files where Neo4j is. */
export const TEST_URI_ENV = "BALI_TEST_NEO4J_URI";

interface Started {
  neo4j: LocalNeo4j;
  dataDir: string;
}

// Global setup and teardown run in the same process, so a global carries the handle.
const holder = globalThis as { __baliTestNeo4j?: Started };

export function setStartedNeo4j(started: Started): void {
  holder.__baliTestNeo4j = started;
}

export function takeStartedNeo4j(): Started | undefined {
  const started = holder.__baliTestNeo4j;
  delete holder.__baliTestNeo4j;
  return started;
}
