import path from "node:path";
import { packageRoot } from "../config/package-root";
import { LocalNeo4jError, startLocalNeo4j } from "./local-neo4j";

/**
 * `npm run neo4j [-- --port N --data-dir PATH --page-cache SIZE]`: runs the local Neo4j in the
 * foreground until Ctrl-C, for browsing the data or for running the server against it (NEO4J_URI).
 */

const USAGE = "usage: neo4j-cli [--port N] [--data-dir PATH] [--page-cache SIZE]";

interface CliOptions {
  port: number;
  dataDir: string;
  pageCache?: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    port: Number(process.env.NEO4J_PORT ?? 7687),
    dataDir: path.join(packageRoot(), ".data", "neo4j"),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new LocalNeo4jError(`Missing value for ${name} (${USAGE})`);
    if (name === "--port") options.port = Number(value);
    else if (name === "--data-dir") options.dataDir = path.resolve(value);
    else if (name === "--page-cache") options.pageCache = value;
    else throw new LocalNeo4jError(`Unknown argument ${name} (${USAGE})`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new LocalNeo4jError(`The port must be a number from 1 to 65535 (${USAGE})`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`Starting Neo4j on 127.0.0.1:${options.port} (data in ${options.dataDir})`);
  const neo4j = await startLocalNeo4j({ ...options, startTimeoutMs: 180_000, log });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping Neo4j`);
    void neo4j.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  void neo4j.exited.then((code) => {
    if (stopping) return;
    log(`Neo4j exited unexpectedly (code ${code}); see ${path.join(options.dataDir, "logs", "debug.log")}`);
    process.exit(1);
  });

  process.stdout.write(
    `Neo4j is listening on ${neo4j.uri} (no authentication); data in ${options.dataDir}\n` +
      `Run the server against it with NEO4J_URI=${neo4j.uri}. Press Ctrl-C to stop.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof LocalNeo4jError ? error.message : String(error)}\n`);
  process.exit(1);
});
