import type { Executor } from "../../src/db/executor";
import { silentLogger } from "../../src/log/logger";
import { buildGraphQLSchema } from "../../src/schema";
import { type AppOptions, type RunningApp, startApp } from "../../src/server/app";
import { createContext } from "../../src/request/context";

export interface TestServer {
  app: RunningApp;
  /** POSTs a GraphQL request over HTTP and returns status and parsed body. */
  post(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLBody }>;
  /**
   * Runs an operation in-process (no HTTP) and reports the Cypher statements it cost;
   * `lookAhead` sets the relationship levels read ahead (the default's otherwise).
   */
  execute(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
    options?: { lookAhead?: number },
  ): Promise<{ body: GraphQLBody; queries: number; statements: string[] }>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

/** The real app on a free port of 127.0.0.1, against the given executor (the built schema unless given). */
export async function startTestServer(
  executor: Executor,
  options: Partial<Omit<AppOptions, "executor">> = {},
): Promise<TestServer> {
  const schema = options.schema ?? (await buildGraphQLSchema());
  const app = await startApp(
    { executor, logger: silentLogger, introspection: true, ...options, schema },
    { port: 0, host: "127.0.0.1" },
  );
  return {
    app,
    async post(query, variables, headers = {}) {
      const response = await fetch(`${app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
    async execute(query, variables, operationName, { lookAhead } = {}) {
      const contextValue = createContext(executor, lookAhead === undefined ? {} : { lookAhead });
      const response = await app.apollo.executeOperation(
        { query, variables, operationName },
        { contextValue },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return {
        body: response.body.singleResult as GraphQLBody,
        queries: contextValue.queryCounter.count,
        statements: contextValue.queryCounter.statements,
      };
    },
    stop: () => app.stop(),
  };
}
