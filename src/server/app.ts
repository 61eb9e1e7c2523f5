import type http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";
import { type ApiKey, authenticate } from "../auth/api-keys";
import { SETTINGS, sizeInBytes } from "../config/config";
import type { Executor } from "../db/executor";
import type { Logger } from "../log/logger";
import { type Context, createContext } from "../request/context";
import { type Caching, type CachingOptions, createCaching } from "./caching";
import { createFormatError } from "./format-error";
import { ensureBody, jsonErrorHandler } from "./http-errors";
import { type HttpHost, listenHttp } from "./http-server";
import type { InputBounds } from "../limits/input-bounds";
import type { SeedStatus } from "../model/seed-status";
import type { Admission } from "./admission";
import { DEFAULT_LIMITS, type Limits, limitParseOptions, limitRules, requestLimitsPlugin } from "./limits";
import { GRAPHQL_PATH, READ_VERSION, bodyErrorFromLane, keptAnswersFirst } from "./kept-answers";
import { mountPages } from "./pages";
import { type GraphVersion, VersionRepository } from "../repository/version.repository";
import { type OperationsAllowlist, PersistedQueryStore, allowlistPlugin } from "./persisted-operations";
import { ChangeFeed } from "../feed/change-feed";
import { ChangesRepository } from "../repository/changes.repository";
import { DEFAULT_INPUT_BOUNDS } from "../limits/input-bounds";
import {
  type SubscriptionLimits,
  startSubscriptionServer,
  subscriptionsOverWebSocketOnly,
} from "./subscriptions";

export const BODY_LIMIT = "100kb";
/** How long one readiness probe of the database answers for every /readyz. */
export const READINESS_PROBE_MS = 1000;
export const DEFAULT_REQUEST_TIMEOUT_MS = Number(SETTINGS.REQUEST_TIMEOUT_MS.default);
export const DEFAULT_PERSISTED_QUERIES_BYTES = sizeInBytes(SETTINGS.PERSISTED_QUERIES_CACHE.default);

export interface AppOptions {
  schema: GraphQLSchema;
  executor: Executor;
  logger: Logger;
  introspection: boolean;
  /** Keys whose bearers may change data (none: the API is read-only to everyone). */
  apiKeys?: readonly ApiKey[];
  /** Shape and cost limits of an operation (default: the documented defaults). */
  limits?: Limits;
  /** Deadline of one request; database work still pending then is abandoned. */
  requestTimeoutMs?: number;
  /** NODE_ENV=production: error messages do not suggest schema names. */
  production?: boolean;
  /** Relationship-field levels read in the statement of the level above (default: the documented default). */
  lookAhead?: number;
  /** The table of input bounds (default: the documented defaults). */
  inputBounds?: InputBounds;
  /** Turns for database work (none: every request is admitted at once). */
  admission?: Admission;
  /** Whether the graph holds seed/ as it is now, found at start-up (none: SEED_ON_START=false). */
  seed?: SeedStatus;
  /** The state of a Neo4j this process supervises, for readiness. */
  databaseState?: () => { state: string; restarts: number };
  /** Bytes of automatic persisted query texts kept (default: PERSISTED_QUERIES_CACHE's default). */
  persistedQueriesBytes?: number;
  /** Allowlist mode: only these operations run (none: any operation runs). */
  allowlist?: OperationsAllowlist;
  /** The response cache and HTTP caching (none: neither; `npm start` passes the configuration's). */
  caching?: CachingOptions;
  /** The change feed over graphql-ws (default: the documented defaults). */
  changeFeed?: { pollMs: number; horizon: number; limits: SubscriptionLimits };
}

export const DEFAULT_CHANGE_FEED = {
  pollMs: Number(SETTINGS.CHANGE_FEED_POLL_MS.default),
  horizon: Number(SETTINGS.CHANGE_FEED_HORIZON.default),
  limits: {
    connections: Number(SETTINGS.SUBSCRIPTION_CONNECTIONS.default),
    perConnection: Number(SETTINGS.SUBSCRIPTIONS_PER_CONNECTION.default),
    idleSeconds: Number(SETTINGS.SUBSCRIPTION_IDLE_SECONDS.default),
  },
};

export interface RunningApp {
  url: string;
  apollo: ApolloServer<Context>;
  port: number;
  httpServer: http.Server;
  /** The response cache and version clock, when `caching` was given. */
  caching?: Caching;
  /** The change feed `graphChanged` subscribers of this process follow. */
  feed: ChangeFeed;
  stop(): Promise<void>;
}

/**
 * Builds the Express app with /graphql, /healthz, /readyz and the pages, and serves it:
 * on a new server listening at `listen`, or on a server already listening (which answered
 * "starting" while the database was awaited).
 */
export async function startApp(
  options: AppOptions,
  listen: { port: number; host: string } | HttpHost,
): Promise<RunningApp> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const host = "use" in listen ? listen : await listenHttp(listen, (_req, res) => res.writeHead(503).end());
  const httpServer = host.server;
  const app = express();
  const caching = options.caching ? createCaching(options.caching) : undefined;
  const persistedQueries = new PersistedQueryStore(
    options.persistedQueriesBytes ?? DEFAULT_PERSISTED_QUERIES_BYTES,
  );
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // Both are Apollo's defaults; stated because the limits and the CSRF tests rely on them.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Automatic persisted queries (Apollo's default, made explicit): a bounded store per process.
    persistedQueries: { cache: persistedQueries },
    parseOptions: limitParseOptions(limits),
    validationRules: limitRules(limits),
    // Signals are handled by the process (main.ts), which stops HTTP, driver and Neo4j in order.
    stopOnTerminationSignals: false,
    formatError: createFormatError(options.logger, { hideSuggestions: options.production === true }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's own landing page loads from a CDN and is blank offline.
      ApolloServerPluginLandingPageDisabled(),
      // No field sets cache hints; without the plugin no resolver is wrapped to collect them.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo turns it on for a subgraph (FEDERATION): it times every field of every request
      // that a gateway asks a trace of, for Apollo's hosted reporting, which this server does not use.
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.allowlist ? [allowlistPlugin(options.allowlist, limitParseOptions(limits))] : []),
      subscriptionsOverWebSocketOnly(),
      requestLimitsPlugin({
        maxCost: limits.cost,
        bounds: options.inputBounds,
        admission: options.admission,
      }),
      ...(caching ? [caching.plugin] : []),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // One probe of the database at a time, its answer shared for a second: a flood of
  // readiness checks costs Neo4j one query a second, not one each.
  let probe: { at: number; answer: Promise<boolean> } | undefined;
  const databaseAnswers = () => {
    if (!probe || Date.now() - probe.at > READINESS_PROBE_MS) {
      probe = { at: Date.now(), answer: options.executor.ping() };
    }
    return probe.answer;
  };
  app.get("/readyz", async (_req, res) => {
    // A local Neo4j being restarted is not ready, even if a query happened to answer.
    const local = options.databaseState?.();
    const ready = (local === undefined || local.state === "running") && (await databaseAnswers());
    const status = ready ? "ready" : local && local.state !== "running" ? local.state : "unavailable";
    res
      .status(ready ? 200 : 503)
      .set(ready ? {} : { "retry-after": "5" })
      .json({
        status,
        database: ready,
        ...(local ? { localNeo4j: local } : {}),
        ...(options.admission ? { admission: options.admission.stats() } : {}),
        ...(options.seed ? { seed: options.seed } : {}),
      });
  });
  mountPages(app, {
    apollo,
    executor: options.executor,
    introspection: options.introspection,
    requestTimeoutMs,
  });
  const parseBody = express.json({ limit: BODY_LIMIT });
  app.use(
    GRAPHQL_PATH,
    bodyErrorFromLane,
    parseBody,
    ensureBody,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        // Cleared when the response ends, so that no timer outlives its request.
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(), requestTimeoutMs).unref();
        res.once("close", () => clearTimeout(timer));
        return createContext(options.executor, {
          actor: authenticate(req.headers.authorization, options.apiKeys ?? []),
          signal: deadline.signal,
          lookAhead: options.lookAhead,
          graphVersion: res.locals[READ_VERSION] as GraphVersion | undefined,
        });
      },
    }),
  );
  app.use(jsonErrorHandler(options.logger));

  const changeFeed = options.changeFeed ?? DEFAULT_CHANGE_FEED;
  const feed = new ChangeFeed(new ChangesRepository(options.executor), {
    pollMs: changeFeed.pollMs,
    horizon: changeFeed.horizon,
    logger: options.logger,
  });
  const subscriptions = startSubscriptionServer({
    httpServer,
    schema: options.schema,
    executor: options.executor,
    feed,
    logger: options.logger,
    limits,
    inputBounds: options.inputBounds ?? DEFAULT_INPUT_BOUNDS,
    subscriptionLimits: changeFeed.limits,
    production: options.production,
    allowlist: options.allowlist,
  });

  const versions = new VersionRepository(options.executor);
  host.use(
    caching
      ? keptAnswersFirst(
          {
            caching,
            readVersion: () => versions.current(),
            actor: (authorization) => authenticate(authorization, options.apiKeys ?? []),
            persistedQueries,
            parseBody,
          },
          app,
        )
      : app,
  );
  return {
    url: host.url,
    port: host.port,
    apollo,
    httpServer,
    caching,
    feed,
    stop: async () => {
      await subscriptions.close();
      await apollo.stop();
    },
  };
}
