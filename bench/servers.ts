import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { type CapturedStatement, decodeParams } from "./capture";
import { startNeo4jGraphQL } from "./neo4j-graphql";
import type { Started } from "./server-common";
import { startOurs } from "./server-ours";

/** "ours-cached": this server with its response cache on, as `npm start` runs it (the warm-cache figures). */
export type ServerKind = "ours" | "ours-cached" | "neo4j-graphql";

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

const MODULES: Record<ServerKind, string> = {
  ours: "server-ours.js",
  "ours-cached": "server-ours.js",
  "neo4j-graphql": "neo4j-graphql.js",
};

function startServerHere(kind: ServerKind, uri: string): Promise<Started> {
  return kind === "neo4j-graphql"
    ? startNeo4jGraphQL(uri)
    : startOurs(uri, { cached: kind === "ours-cached" });
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
  const child: ChildProcess = fork(
    path.join(__dirname, MODULES[kind]),
    [uri, ...(kind === "ours-cached" ? ["--cached"] : [])],
    {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      execArgv: cpuProfileDir
        ? ["--cpu-prof", "--cpu-prof-dir", cpuProfileDir, "--cpu-prof-name", `${kind}.cpuprofile`]
        : [],
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
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
