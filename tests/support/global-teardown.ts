import fs from "node:fs";
import { takeStartedNeo4j } from "./neo4j-handle";

export default async function globalTeardown(): Promise<void> {
  const started = takeStartedNeo4j();
  if (!started) return;
  await started.neo4j.stop();
  fs.rmSync(started.dataDir, { recursive: true, force: true });
}
