import path from "node:path";
import { type Config, packageRoot } from "./config";
import { type Connection, connect } from "./db/connect";
import { ensureConstraints } from "./db/constraints";
import type { Executor } from "./db/executor";
import { type Logger, createLogger } from "./log/logger";
import { buildGraphQLSchema } from "./schema";
import { importSeed, isGraphEmpty } from "./seed/importer";
import { readSeed } from "./seed/read-seed";
import { type RunningApp, startApp } from "./server/app";

export interface Runtime {
  logger: Logger;
  executor: Executor;
  app: RunningApp;
  stop(): Promise<void>;
}

export const SEED_DIR = () => path.join(packageRoot(), "seed");

/** Loads seed/ when the graph has no entity yet (a fresh database). */
export async function seedIfEmpty(executor: Executor, logger: Logger): Promise<void> {
  if (!(await isGraphEmpty(executor))) return;
  logger.info("The graph is empty: loading seed/");
  const counts = await importSeed(executor, readSeed(SEED_DIR()), {
    reset: false,
    log: (l) => logger.info(`  ${l}`),
  });
  logger.info(
    `Seeded: ${Object.entries(counts.labels)
      .map(([l, n]) => `${l} ${n}`)
      .join(", ")}`,
  );
}

/**
 * Starts everything `npm start` needs, in order, and returns a handle that stops it in
 * reverse order: HTTP server, then driver, then the launched Neo4j.
 */
export async function startRuntime(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
): Promise<Runtime> {
  let stopping = false;
  let connection: Connection | undefined;
  let app: RunningApp | undefined;
  const stop = async () => {
    stopping = true;
    await app
      ?.stop()
      .catch((e: unknown) => logger.warn("HTTP server did not stop cleanly", { error: String(e) }));
    await connection?.close();
  };
  try {
    connection = await connect(config, logger);
    const { executor, local, uri } = connection;
    void local?.exited.then((code) => {
      if (stopping) return;
      logger.error(`The local Neo4j exited unexpectedly (code ${code}); stopping the server`);
      void stop().then(() => process.exit(1));
    });
    await ensureConstraints(executor);
    if (config.SEED_ON_START) await seedIfEmpty(executor, logger);
    const schema = await buildGraphQLSchema();
    app = await startApp(
      { schema, executor, logger, introspection: config.GRAPHQL_INTROSPECTION },
      { port: config.PORT, host: config.HOST },
    );
    logger.info(`GraphQL API:  ${app.url}/graphql`);
    logger.info(`Health:       ${app.url}/healthz  ${app.url}/readyz`);
    logger.info(`Neo4j:        ${uri}${local ? " (local, started by this server)" : ""}`);
    return { logger, executor, app, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
