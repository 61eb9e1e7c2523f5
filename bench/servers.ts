import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { createDriver } from "../src/db/driver";
import { Executor } from "../src/db/executor";
import { silentLogger } from "../src/log/logger";
import { buildGraphQLSchema } from "../src/schema";
import { startApp } from "../src/server/app";
import { type CapturedStatement, StatementRecorder, decodeParams, recordingDriver } from "./capture";
import { buildNeo4jGraphQLSchema } from "./neo4j-graphql";

export type ServerKind = "ours" | "neo4j-graphql";

/** A GraphQL server under test: where to send requests, and how to see its Cypher. */
export interface ServerHandle {
  kind: ServerKind;
  url: string;
  /** The process whose memory is the server's (the bench's own when in-process). */
  pid: number;
  startCapture(): Promise<void>;
  stopCapture(): Promise<CapturedStatement[]>;
  stop(): Promise<void>;
}

interface Started {
  url: string;
  recorder: StatementRecorder;
  stop(): Promise<void>;
}

function driverFor(uri: string, recorder: StatementRecorder) {
  // Both servers get the same driver settings as `npm start` uses.
  const driver = createDriver({ uri, username: "neo4j", password: "", maxRetryTimeMs: 15_000 });
  return { driver, recording: recordingDriver(driver, recorder) };
}

/** This project's server, exactly as `npm start` builds it, on a free port. */
async function startOurs(uri: string): Promise<Started> {
  const recorder = new StatementRecorder();
  const { driver, recording } = driverFor(uri, recorder);
  const executor = new Executor(recording, { database: "neo4j", txTimeoutMs: 10_000, logger: silentLogger });
  const schema = await buildGraphQLSchema();
  const app = await startApp(
    { schema, executor, logger: silentLogger, introspection: false },
    { port: 0, host: "127.0.0.1" },
  );
  return {
    url: `${app.url}/graphql`,
    recorder,
    stop: async () => {
      await app.stop();
      await driver.close();
    },
  };
}

/** The Neo4j GraphQL Library behind the same Apollo Server 5 and Express 5 set-up. */
async function startNeo4jGraphQL(uri: string): Promise<Started> {
  const recorder = new StatementRecorder();
  const { driver, recording } = driverFor(uri, recorder);
  const schema = await buildNeo4jGraphQLSchema(recording);
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    introspection: false,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  app.disable("x-powered-by");
  app.use(
    "/graphql",
    express.json({ limit: "100kb" }),
    expressMiddleware(apollo, { context: async () => ({}) }),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    recorder,
    stop: async () => {
      await apollo.stop();
      await driver.close();
    },
  };
}

export function startServerHere(kind: ServerKind, uri: string): Promise<Started> {
  return kind === "ours" ? startOurs(uri) : startNeo4jGraphQL(uri);
}

/** In the bench's own process: no compiled code needed (the smoke test runs this way). */
export async function startInProcess(kind: ServerKind, uri: string): Promise<ServerHandle> {
  const started = await startServerHere(kind, uri);
  return {
    kind,
    url: started.url,
    pid: process.pid,
    startCapture: async () => started.recorder.start(),
    stopCapture: async () => started.recorder.stop(),
    stop: started.stop,
  };
}

type Reply = { type: "ready"; url: string } | { type: "captured"; statements: unknown } | { type: "ok" };

/**
 * In a process of its own (compiled JavaScript next to this file), so that its memory
 * is the server's alone; requests for captured statements go over the IPC channel.
 */
export async function startChild(
  kind: ServerKind,
  uri: string,
  cpuProfileDir?: string,
): Promise<ServerHandle> {
  const child: ChildProcess = fork(path.join(__dirname, "server-process.js"), [kind, uri], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: cpuProfileDir
      ? ["--cpu-prof", "--cpu-prof-dir", cpuProfileDir, "--cpu-prof-name", `${kind}.cpuprofile`]
      : [],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`The ${kind} server exited (code ${code})`));
      child.once("exit", onExit);
      child.once("message", (message: Reply) => {
        child.off("exit", onExit);
        resolve(message);
      });
    });
  const ready = await next();
  if (ready.type !== "ready") throw new Error(`The ${kind} server did not start`);
  const ask = async (type: string) => {
    const reply = next();
    child.send({ type });
    return reply;
  };
  return {
    kind,
    url: ready.url,
    pid: child.pid!,
    startCapture: async () => {
      await ask("capture-start");
    },
    stopCapture: async () => {
      const reply = await ask("capture-stop");
      if (reply.type !== "captured") throw new Error("unexpected reply from the server process");
      return decodeParams(reply.statements) as CapturedStatement[];
    },
    stop: async () => {
      child.send({ type: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
