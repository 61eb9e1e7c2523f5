import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { Executor } from "../db/executor";
import type { Logger } from "../log/logger";
import { type Context, createContext } from "./context";
import { createFormatError } from "./format-error";

export interface AppOptions {
  schema: GraphQLSchema;
  executor: Executor;
  logger: Logger;
  introspection: boolean;
}

export interface RunningApp {
  url: string;
  apollo: ApolloServer<Context>;
  port: number;
  httpServer: http.Server;
  stop(): Promise<void>;
}

/** Builds the Express app with /graphql, /healthz and /readyz, and listens. */
export async function startApp(
  options: AppOptions,
  listen: { port: number; host: string },
): Promise<RunningApp> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // Signals are handled by the process (main.ts), which stops HTTP, driver and Neo4j in order.
    stopOnTerminationSignals: false,
    formatError: createFormatError(options.logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's own landing page loads from a CDN and is blank offline.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await options.executor.ping();
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", database: ready });
  });
  app.use(
    "/graphql",
    express.json({ limit: "100kb" }),
    expressMiddleware(apollo, { context: async () => createContext(options.executor) }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(listen.port, listen.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = listen.host === "0.0.0.0" || listen.host === "::" ? "localhost" : listen.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    apollo,
    httpServer,
    stop: () => apollo.stop(),
  };
}
