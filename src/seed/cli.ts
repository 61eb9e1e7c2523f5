import "reflect-metadata";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, packageRoot } from "../config";
import { connect } from "../db/connect";
import { ensureConstraints } from "../db/constraints";
import { createLogger } from "../log/logger";
import { seedFingerprint } from "./fingerprint";
import { importSeed } from "./importer";
import { SeedLoadError } from "./load-files";
import { SeedInvalidError, readSeed } from "./read-seed";
import { loadSourceTexts } from "./source-texts";

const USAGE = "usage: npm run seed [-- --reset] [--dir <seed folder>]";

/** `npm run seed`: validates seed/, then loads it into Neo4j in one transaction. */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { reset: { type: "boolean", default: false }, dir: { type: "string" }, help: { type: "boolean" } },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n  --reset  empty the graph first\n  --dir    seed folder (default: seed)\n`);
    return 0;
  }
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === "debug" ? "debug" : "info");
  const dir = path.resolve(args.dir ?? path.join(packageRoot(), "seed"));
  const data = readSeed(dir);
  logger.info(`seed/ is valid: ${data.entities.length} entities, ${data.relationships.length} relationships, ${data.claims.length} claims`);
  const connection = await connect(config, logger);
  try {
    await ensureConstraints(connection.executor);
    const counts = await importSeed(connection.executor, data, {
      reset: args.reset === true,
      fingerprint: seedFingerprint(dir),
      log: (line) => logger.info(`  ${line}`),
    });
    if (config.sourcesPath !== undefined) {
      const { loaded, problems } = await loadSourceTexts(connection.executor, config.sourcesPath);
      for (const problem of problems) logger.warn(`SOURCES_DIR: ${problem}`);
      logger.info(`Source texts: ${loaded.length} loaded from ${config.sourcesPath}`);
    }
    process.stdout.write("Nodes per label:\n");
    for (const [label, n] of Object.entries(counts.labels)) process.stdout.write(`  ${label.padEnd(24)} ${n}\n`);
    process.stdout.write("Relationships per type:\n");
    for (const [type, n] of Object.entries(counts.relationshipTypes)) process.stdout.write(`  ${type.padEnd(24)} ${n}\n`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof SeedInvalidError || error instanceof SeedLoadError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`Seeding failed; the database is unchanged: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
