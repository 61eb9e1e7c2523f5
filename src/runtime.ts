import path from "node:path";
import { type Config, packageRoot, sizeInBytes } from "./config";
import { type Connection, connect } from "./db/connect";
import { ensureConstraints } from "./db/constraints";
import { recountWhereMissing } from "./db/relationship-counts";
import type { Executor } from "./db/executor";
import { type Logger, createLogger } from "./log/logger";
import type { SeedStatus } from "./model/seed-status";
import { buildGraphQLSchema } from "./schema";
import { seedFingerprint } from "./seed/fingerprint";
import { importSeed, importState, isGraphEmpty } from "./seed/importer";
import { SeedLoadError } from "./seed/load-files";
import { SeedInvalidError, readSeed } from "./seed/read-seed";
import { loadSourceTexts } from "./seed/source-texts";
import { buildSubgraph } from "./subgraph";
import { admissionFromConfig } from "./server/admission";
import { type RunningApp, startApp } from "./server/app";
import { inputBoundsFromConfig, limitsFromConfig } from "./server/limits";
import { loadOperationsAllowlist } from "./server/persisted-operations";
import { type HttpHost, listenHttp, startingHandler } from "./server/http-server";

export interface Runtime {
  logger: Logger;
  executor: Executor;
  app: RunningApp;
  stop(): Promise<void>;
}

export const SEED_DIR = () => path.join(packageRoot(), "seed");

/** The commands that carry curated changes and a changed seed/ into one graph (README: "When seed/ changes"). */
export const SEED_MERGE_HINT =
  "npm run export -- --dir <folder> (the curated graph as seed files), compare it with seed/ " +
  "(git diff --no-index seed <folder>), carry the curated changes into seed/, check it (npm run seed:check), " +
  "then npm run seed -- --reset";

function logCounts(logger: Logger, counts: { labels: Record<string, number> }): void {
  logger.info(
    `Seeded: ${Object.entries(counts.labels)
      .map(([l, n]) => `${l} ${n}`)
      .join(", ")}`,
  );
}

/**
 * Brings seed/ into the graph at start-up: loads it into an empty graph; when seed/ has
 * changed since the graph's last import (its fingerprint differs), re-imports it if nothing
 * was curated since, and otherwise keeps the graph and says how to merge.
 */
export async function syncSeed(
  executor: Executor,
  logger: Logger,
  dir: string = SEED_DIR(),
): Promise<SeedStatus> {
  const fingerprint = seedFingerprint(dir);
  const log = (l: string) => logger.info(`  ${l}`);
  if (await isGraphEmpty(executor)) {
    logger.info(`The graph is empty: loading ${dir}`);
    logCounts(logger, await importSeed(executor, readSeed(dir), { reset: false, log, fingerprint }));
    return {
      current: true,
      action: "loaded",
      fingerprint,
      graphFingerprint: fingerprint,
      importedAt: (await importState(executor)).importedAt,
      curatedSinceImport: 0,
    };
  }
  const state = await importState(executor);
  const status = { fingerprint, graphFingerprint: state.fingerprint, importedAt: state.importedAt };
  if (state.fingerprint === fingerprint) {
    return { ...status, current: true, action: "unchanged", curatedSinceImport: state.curatedSinceImport };
  }
  if (state.fingerprint === null && !state.fromSeed) {
    // Loaded by other means (another tool, a benchmark): never replaced without being asked.
    logger.warn(
      `The graph was not loaded from a seed folder, so it is kept; npm run seed -- --reset replaces it with ${dir}`,
    );
    return {
      ...status,
      current: false,
      action: "kept",
      curatedSinceImport: state.curatedSinceImport,
      hint: "npm run seed -- --reset replaces the graph with seed/",
    };
  }
  const since =
    state.fingerprint === null ? "was loaded without a fingerprint" : `was loaded from ${state.fingerprint}`;
  if (state.curatedSinceImport === 0) {
    logger.info(
      `${dir} has changed (${fingerprint}; the graph ${since}) and nothing was curated since: re-importing it`,
    );
    let data;
    try {
      data = readSeed(dir);
    } catch (error) {
      if (!(error instanceof SeedInvalidError || error instanceof SeedLoadError)) throw error;
      logger.error(`${dir} has changed but is not valid, so the graph is kept as it was: ${error.message}`);
      return {
        ...status,
        current: false,
        action: "kept",
        curatedSinceImport: 0,
        hint: "fix seed/ (npm run seed:check), then restart",
      };
    }
    logCounts(logger, await importSeed(executor, data, { reset: true, log, fingerprint }));
    return {
      ...status,
      current: true,
      action: "reimported",
      graphFingerprint: fingerprint,
      importedAt: (await importState(executor)).importedAt,
      curatedSinceImport: 0,
    };
  }
  logger.warn(
    `${dir} has changed (${fingerprint}; the graph ${since}), but ${state.curatedSinceImport} curated change(s) ` +
      `were made since, so the graph is kept and does not hold the new data set. To merge: ${SEED_MERGE_HINT}`,
  );
  return {
    ...status,
    current: false,
    action: "kept",
    curatedSinceImport: state.curatedSinceImport,
    hint: SEED_MERGE_HINT,
  };
}

/**
 * Starts everything `npm start` needs, in order, and returns a handle that stops it in
 * reverse order: HTTP server, then driver, then the launched Neo4j.
 */
export async function startRuntime(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: { seedDir?: string } = {},
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
    // A manifest that cannot be read stops start-up before anything else is started.
    const allowlist = config.OPERATIONS_ALLOWLIST
      ? loadOperationsAllowlist(path.resolve(packageRoot(), config.OPERATIONS_ALLOWLIST))
      : undefined;
    if (allowlist) {
      logger.info(
        `Allowlist mode: only the ${allowlist.size} operations of ${config.OPERATIONS_ALLOWLIST} run`,
      );
    }
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
    const seed = config.SEED_ON_START ? await syncSeed(executor, logger, options.seedDir) : undefined;
    if (config.sourcesPath !== undefined) {
      const { loaded, problems } = await loadSourceTexts(executor, config.sourcesPath);
      for (const problem of problems) logger.warn(`SOURCES_DIR: ${problem}`);
      logger.info(
        `Source texts: ${loaded.length} loaded from ${config.sourcesPath} (${loaded.join(", ") || "none"})`,
      );
    }
    const recounted = await recountWhereMissing(executor);
    if (recounted > 0)
      logger.info(`Kept relationship counts written on ${recounted} entities that lacked them`);
    const schema = config.FEDERATION ? (await buildSubgraph()).schema : await buildGraphQLSchema();
    if (config.FEDERATION)
      logger.info("Serving the schema as an Apollo Federation 2 subgraph (FEDERATION=true)");
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
        seed,
        persistedQueriesBytes: sizeInBytes(config.PERSISTED_QUERIES_CACHE),
        allowlist,
        caching: {
          responseCacheBytes: config.RESPONSE_CACHE_BYTES,
          versionStalenessMs: config.GRAPH_VERSION_STALENESS_MS,
          httpMaxAgeSeconds: config.HTTP_CACHE_MAX_AGE,
        },
        changeFeed: {
          pollMs: config.CHANGE_FEED_POLL_MS,
          horizon: config.CHANGE_FEED_HORIZON,
          limits: {
            connections: config.SUBSCRIPTION_CONNECTIONS,
            perConnection: config.SUBSCRIPTIONS_PER_CONNECTION,
            idleSeconds: config.SUBSCRIPTION_IDLE_SECONDS,
          },
        },
      },
      host,
    );
    logger.info(`GraphQL API:  ${app.url}/graphql`);
    logger.info(`Playground:   ${app.url}/   Explorer: ${app.url}/explore`);
    logger.info(`Health:       ${app.url}/healthz  ${app.url}/readyz`);
    logger.info(
      `Changes:      ${app.url.replace(/^http/, "ws")}/graphql (graphql-ws: subscription graphChanged)`,
    );
    logger.info(`Neo4j:        ${uri}${local ? " (local, started by this server)" : ""}`);
    return { logger, executor, app, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
