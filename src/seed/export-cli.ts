import "reflect-metadata";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, packageRoot } from "../config";
import { connect } from "../db/connect";
import { createLogger } from "../log/logger";
import { exportSeed, writeSeedFiles } from "./export";

const USAGE = "usage: npm run export [-- --dir <folder>]   (default: seed/, review the result with git diff)";

/** `npm run export`: writes the current graph back to seed/ so curated changes can be reviewed and committed. */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { dir: { type: "string" }, help: { type: "boolean" } } }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === "debug" ? "debug" : "info");
  const dir = path.resolve(args.dir ?? path.join(packageRoot(), "seed"));
  const connection = await connect(config, logger);
  try {
    const files = await exportSeed(connection.executor);
    for (const file of writeSeedFiles(dir, files)) {
      process.stdout.write(`  ${file.padEnd(34)} ${String(files[file]!.length).padStart(5)} rows\n`);
    }
    process.stdout.write(`Wrote ${dir}; check it with npm run seed:check -- --dir ${dir}\n`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(error instanceof ConfigError ? `${message}\n` : `Export failed: ${message}\n`);
    process.exit(1);
  },
);
