import type { Driver } from "neo4j-driver";
import type { Config } from "../config";
import type { Logger } from "../log/logger";
import { createDriver } from "./driver";
import { Executor } from "./executor";
import { ensureLauncherBuilt } from "./local-neo4j";
import { type SupervisedNeo4j, superviseLocalNeo4j } from "./supervisor";
import { waitForDatabase } from "./wait";

export interface Connection {
  uri: string;
  driver: Driver;
  executor: Executor;
  /** The Neo4j this process launched and supervises, when NEO4J_URI was not given. */
  local: SupervisedNeo4j | undefined;
  close(): Promise<void>;
}

/**
 * NEO4J_URI when given, else the local Neo4j (built and started on demand); returns
 * once the database answers, or throws a one-line error after NEO4J_START_TIMEOUT_MS.
 */
export async function connect(config: Config, logger: Logger): Promise<Connection> {
  let local: SupervisedNeo4j | undefined;
  let uri = config.NEO4J_URI;
  if (uri === undefined) {
    logger.info(`No NEO4J_URI given: starting a local Neo4j (data in ${config.neo4jDataPath})`);
    await ensureLauncherBuilt((line) => logger.info(line));
    local = await superviseLocalNeo4j(
      {
        port: config.NEO4J_PORT,
        dataDir: config.neo4jDataPath,
        startTimeoutMs: config.NEO4J_START_TIMEOUT_MS,
        pageCache: config.NEO4J_PAGE_CACHE,
        heap: config.NEO4J_HEAP,
        txMemoryMax: config.NEO4J_TX_MEMORY_MAX,
        txMemoryTotal: config.NEO4J_TX_MEMORY_TOTAL,
        log: (line) => logger.debug(line),
      },
      { maxRestarts: config.NEO4J_MAX_RESTARTS, log: (line) => logger.warn(line) },
    );
    uri = local.uri;
  }
  const driver = createDriver({
    uri,
    username: config.NEO4J_USERNAME,
    password: config.NEO4J_PASSWORD,
    maxRetryTimeMs: config.NEO4J_MAX_RETRY_TIME_MS,
  });
  const executor = new Executor(driver, {
    database: config.NEO4J_DATABASE,
    txTimeoutMs: config.NEO4J_TX_TIMEOUT_MS,
    maxRetryTimeMs: config.NEO4J_MAX_RETRY_TIME_MS,
    logger,
  });
  const close = async () => {
    await driver.close().catch(() => undefined);
    await local
      ?.stop()
      .catch((e: unknown) => logger.warn("Neo4j did not stop cleanly", { error: String(e) }));
  };
  const limit = `${Math.round(config.NEO4J_START_TIMEOUT_MS / 1000)} s`;
  const reachable = await waitForDatabase(executor, config.NEO4J_START_TIMEOUT_MS, (ms, reason) =>
    logger.warn(
      `Neo4j at ${uri} does not answer yet (${Math.round(ms / 1000)} s of ${limit}): ${shortReason(reason)}; retrying`,
    ),
  );
  if (!reachable) {
    await close();
    throw new Error(
      `Neo4j at ${uri} did not answer within ${config.NEO4J_START_TIMEOUT_MS} ms: check NEO4J_URI and the credentials, or raise NEO4J_START_TIMEOUT_MS`,
    );
  }
  return { uri, driver, executor, local, close };
}

/**
 * The driver's connection messages run to a paragraph; its first sentence says what failed
 * and its "Caused by:" part why ("connect ECONNREFUSED 127.0.0.1:7687").
 */
export function shortReason(message: string): string {
  const end = message.search(/\.(\s|$)/);
  const first = (end < 0 ? message : message.slice(0, end)).trim();
  const cause = /Caused by: (.+)$/s.exec(message)?.[1]?.trim();
  return cause && !first.includes(cause) ? `${first} (${cause})` : first;
}
