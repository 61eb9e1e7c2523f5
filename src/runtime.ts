import path from "node:path";
import { type Config, packageRoot } from "./config";
import { type Connection, connect } from "./db/connect";
import { ensureConstraints } from "./db/constraints";
import type { Executor } from "./db/executor";
import { type Logger, createLogger } from "./log/logger";
import { buildGraphQLSchema } from "./schema";
import { importSeed, isGraphEmpty } from "./seed/importer";
import { readSeed } from "./seed/read-seed";
import { admissionFromConfig } from "./server/admission";
import { type RunningApp, startApp } from "./server/app";
import { inputBoundsFromConfig, limitsFromConfig } from "./server/limits";
import { type HttpHost, listenHttp, startingHandler } from "./server/http-server";

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
  let host: HttpHost | undefined;
  let connection: Connection | undefined;
  let app: RunningApp | undefined;
  const stop = async () => {
    stopping = true;
    await (app ? app.stop() : host?.close())?.catch((e: unknown) =>
      logger.warn("HTTP server did not stop cleanly", { error: String(e) }),
    );
    await connection?.close();
  };
  try {
    // Listening first: while Neo4j is awaited, /healthz says alive and /readyz not ready.
    host = await listenHttp({ port: config.PORT, host: config.HOST }, startingHandler);
    logger.info(`Listening on ${host.url} (not ready until Neo4j answers; ${host.url}/readyz)`);
    connection = await connect(config, logger);
    const { executor, local, uri } = connection;
    void local?.gaveUp.then((code) => {
      if (stopping) return;
      logger.error(
        `The local Neo4j exited (code ${code}) and could not be restarted (NEO4J_MAX_RESTARTS=${config.NEO4J_MAX_RESTARTS}); stopping the server`,
      );
      void stop().then(() => process.exit(1));
    });
    await ensureConstraints(executor);
    if (config.SEED_ON_START) await seedIfEmpty(executor, logger);
    const schema = await buildGraphQLSchema();
    app = await startApp(
      {
        schema,
        executor,
        logger,
        introspection: config.GRAPHQL_INTROSPECTION,
        apiKeys: config.API_KEYS,
        limits: limitsFromConfig(config),
        inputBounds: inputBoundsFromConfig(config),
        admission: admissionFromConfig(config),
        databaseState: local ? () => ({ state: local.state(), restarts: local.restarts() }) : undefined,
        requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
        lookAhead: config.RELATIONSHIP_LOOKAHEAD,
        production: config.NODE_ENV === "production",
      },
      host,
    );
    logger.info(`GraphQL API:  ${app.url}/graphql`);
    logger.info(`Playground:   ${app.url}/   Explorer: ${app.url}/explore`);
    logger.info(`Health:       ${app.url}/healthz  ${app.url}/readyz`);
    logger.info(`Neo4j:        ${uri}${local ? " (local, started by this server)" : ""}`);
    return { logger, executor, app, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
