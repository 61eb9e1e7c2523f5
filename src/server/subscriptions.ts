import type http from "node:http";
import type { Duplex } from "node:stream";
import {
  type ExecutionArgs,
  GraphQLError,
  type GraphQLSchema,
  type ValidationRule,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import type { ServerOptions } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { ErrorCode } from "../errors/codes";
import type { ChangeFeed } from "../feed/change-feed";
import { type InputBounds, checkInputBounds } from "../limits/input-bounds";
import type { Logger } from "../log/logger";
import type { Executor } from "../db/executor";
import { createContext } from "../request/context";
import { createFormatError } from "./format-error";
import { type Limits, limitParseOptions, limitRules, operationCost } from "./limits";
import { NOT_ALLOWED_MESSAGE, type OperationsAllowlist } from "./persisted-operations";

/** The bounds of the change feed's connections, per process (the table of limits, README). */
export interface SubscriptionLimits {
  /** Open WebSocket connections; one more is closed at once with 1013 (try again later). */
  connections: number;
  /** Subscriptions at once on one connection; one more is refused with TOO_MANY_SUBSCRIPTIONS. */
  perConnection: number;
  /** Seconds a connection may stay open without a subscription before it is closed (1000, "idle"). */
  idleSeconds: number;
}

/** Largest message a client may send: a subscription document and its variables. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** How often each connection is pinged (inside a proxy's 30 s read timeout); one that has not answered the ping before is closed. */
export const PING_INTERVAL_MS = 20_000;
/** Close code of a connection refused because the process holds as many as it may (RFC 6455 "try again later"). */
export const CLOSE_TRY_AGAIN_LATER = 1013;

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  executor: Executor;
  feed: ChangeFeed;
  logger: Logger;
  limits: Limits;
  inputBounds: InputBounds;
  subscriptionLimits: SubscriptionLimits;
  /** NODE_ENV=production: error messages do not suggest schema names. */
  production?: boolean;
  /** Allowlist mode: only the manifest's operations run, over the WebSocket too. */
  allowlist?: OperationsAllowlist;
}

interface Socket {
  /** Subscriptions running (their execution begun and not yet complete): a connection with none is idle. */
  subscriptions: number;
  idle: NodeJS.Timeout | undefined;
}

const refuse = (message: string, code: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

/**
 * graphql-ws (protocol graphql-transport-ws) on the HTTP server's /graphql path: subscriptions
 * only (queries and mutations keep to HTTP, with its admission, caching and keys), each
 * operation held to the same parse, validation, input and cost limits as over HTTP.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const { httpServer, schema, logger, subscriptionLimits } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const rules: ValidationRule[] = [...specifiedRules, ...limitRules(options.limits)];
  const sockets = new Map<WebSocket, Socket>();
  const formatError = createFormatError(logger, { hideSuggestions: options.production === true });

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/graphql") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  };
  httpServer.on("upgrade", onUpgrade);
  wss.on("error", (error) => logger.warn("WebSocket server error", { message: error.message }));

  const idleClose = (ws: WebSocket) =>
    setTimeout(() => ws.close(1000, "Idle: no subscription"), subscriptionLimits.idleSeconds * 1000).unref();

  wss.on("connection", (ws) => {
    // A client's broken frame or a reset connection is the client's: logged, never thrown
    // (graphql-ws listens for one error only; a second one unheard would stop the process).
    ws.on("error", (error) => logger.debug("WebSocket error", { message: error.message }));
    if (sockets.size >= subscriptionLimits.connections) {
      ws.close(
        CLOSE_TRY_AGAIN_LATER,
        `Too many connections: at most ${subscriptionLimits.connections} per server; retry later`,
      );
      return;
    }
    const state: Socket = { subscriptions: 0, idle: idleClose(ws) };
    sockets.set(ws, state);
    let alive = true;
    ws.on("pong", () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_INTERVAL_MS).unref();
    ws.once("close", () => {
      clearInterval(ping);
      clearTimeout(state.idle);
      sockets.delete(ws);
    });
  });

  const stateOf = (extra: unknown) => sockets.get((extra as { socket: WebSocket }).socket);

  const serverOptions: ServerOptions<Record<string, unknown>, { socket: WebSocket }> = {
    schema,
    connectionInitWaitTimeout: 3000,
    onSubscribe: (ctx, _id, payload) => {
      const state = stateOf(ctx.extra);
      if (!state) return [refuse("The connection is closing.", ErrorCode.SERVICE_UNAVAILABLE)];
      // graphql-ws holds this one among the connection's subscriptions already.
      if (Object.keys(ctx.subscriptions).length > subscriptionLimits.perConnection) {
        return [
          refuse(
            `At most ${subscriptionLimits.perConnection} subscriptions at once on one connection: complete one first.`,
            ErrorCode.TOO_MANY_SUBSCRIPTIONS,
            { limit: subscriptionLimits.perConnection },
          ),
        ];
      }
      let document;
      try {
        document = parse(payload.query, limitParseOptions(options.limits));
      } catch (error) {
        return [
          refuse(
            error instanceof GraphQLError ? error.message : "Unparsable query",
            ErrorCode.GRAPHQL_PARSE_FAILED,
          ),
        ];
      }
      if (options.allowlist && !options.allowlist.allows(document, payload.operationName)) {
        return [refuse(NOT_ALLOWED_MESSAGE, ErrorCode.OPERATION_NOT_ALLOWED)];
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) {
        return invalid.map((e) =>
          refuse(e.message, ErrorCode.GRAPHQL_VALIDATION_FAILED, { ...(e.extensions ?? {}) }),
        );
      }
      const operation = getOperationAST(document, payload.operationName ?? undefined);
      if (!operation) return [refuse("Name the operation to run.", ErrorCode.BAD_REQUEST)];
      if (operation.operation !== "subscription") {
        return [
          refuse(
            "Only subscriptions are served over this WebSocket: send queries and mutations over HTTP (POST /graphql).",
            ErrorCode.BAD_REQUEST,
          ),
        ];
      }
      const variables = (payload.variables ?? {}) as Record<string, unknown>;
      try {
        checkInputBounds(schema, document, variables, options.inputBounds);
        const cost = operationCost(schema, document, variables, payload.operationName ?? undefined);
        if (cost > options.limits.cost) {
          return [
            refuse(
              `The subscription's estimated cost is ${cost}, above ${options.limits.cost}.`,
              ErrorCode.QUERY_TOO_COMPLEX,
            ),
          ];
        }
      } catch (error) {
        // A bound refused (coded), or variables graphql-js cannot coerce while the cost is
        // estimated: the client's input, BAD_USER_INPUT as over HTTP.
        if (error instanceof GraphQLError)
          return [error.extensions.code ? error : refuse(error.message, ErrorCode.BAD_USER_INPUT)];
        throw error;
      }
      const args: ExecutionArgs = {
        schema,
        document,
        variableValues: variables,
        operationName: payload.operationName ?? undefined,
        contextValue: createContext(options.executor, { changes: options.feed }),
      };
      return args;
    },
    onOperation: (ctx) => {
      const state = stateOf(ctx.extra);
      if (!state) return;
      state.subscriptions += 1;
      clearTimeout(state.idle);
      state.idle = undefined;
    },
    onComplete: (ctx) => {
      const state = stateOf(ctx.extra);
      if (!state) return;
      state.subscriptions = Math.max(0, state.subscriptions - 1);
      if (state.subscriptions === 0) state.idle = idleClose((ctx.extra as { socket: WebSocket }).socket);
    },
    // What a client sees of an error is decided as over HTTP: public codes pass, the rest is masked.
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors?.length
        ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) }
        : result,
  };
  const disposable = useServer(serverOptions, wss);

  return {
    close: async () => {
      httpServer.off("upgrade", onUpgrade);
      options.feed.stop();
      for (const ws of sockets.keys()) ws.close(1001, "Server stopping");
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** A subscription sent over HTTP is refused as a bad request (400), pointing to the WebSocket. */
export function subscriptionsOverWebSocketOnly(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new GraphQLError(
            "Subscriptions are served over graphql-ws: open a WebSocket to /graphql (protocol graphql-transport-ws).",
            { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
