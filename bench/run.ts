import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { packageRoot } from "../src/config/package-root";
import { createDriver } from "../src/db/driver";
import { toPlain } from "../src/db/values";
import type { CapturedStatement } from "./capture";
import { canonical, firstDifference } from "./compare";
import { type BenchDatabase, type GraphInfo, prepareDatabase } from "./database";
import {
  GraphQLClient,
  type LatencyStats,
  autocannonLoad,
  concurrentLoops,
  merge,
  sequentialLoop,
} from "./measure";
import { cpuMs, machineBusyMs, memoryOf } from "./processes";
import { profileRequest } from "./profile";
import { type Question, questions } from "./questions";
import { type ServerHandle, startChild, startInProcess } from "./servers";

export const TARGETS = ["ours", "neo4jGraphql", "raw"] as const;
export type Target = (typeof TARGETS)[number];

export const TARGET_LABELS: Record<Target, string> = {
  ours: "this server",
  neo4jGraphql: "@neo4j/graphql",
  raw: "raw Cypher",
};

export interface BenchOptions {
  scale: number;
  scaleLabel: string;
  seed: number;
  dataDir: string;
  pageCache: string;
  /** Use (and empty) this running Neo4j instead of starting one over `dataDir`. */
  neo4jUri?: string;
  rounds: number;
  c1Seconds: number;
  c10Seconds: number;
  warmupSeconds: number;
  minRequests: number;
  concurrency: number;
  /** Servers as child processes (clean memory figures) or inside the bench (no build needed). */
  serverMode: "child" | "in-process";
  /** Write a V8 CPU profile of each server process here (child mode only). */
  cpuProfileDir?: string;
  /** Only these questions (by name); all when empty. */
  only: string[];
  command: string;
  log: (line: string) => void;
}

export interface TargetResult {
  c1: LatencyStats;
  c10: LatencyStats;
  /** Cypher statements sent for one request. */
  roundTrips: number;
  /** PROFILE db hits of those statements, summed. */
  dbHits: number;
  /** Rows those statements returned, and their size as JSON (bytes). */
  rows: number;
  bytes: number;
  /** Each statement's plan, as operators with their db hits. */
  plans: string[][];
  statements: string[];
  /**
   * CPU time per measured request (ms): of the server process (for raw Cypher, the bench
   * process, which is the client), and of Neo4j. Less sensitive to other load than latency.
   */
  cpuMsPerRequest: { process: number | null; neo4j: number | null };
}

export interface QuestionResult {
  name: string;
  title: string;
  levels: number;
  /** The design's bound on this server's statements: the root's, plus one per relationship-field level. */
  roundTripBound: number;
  /** This server's statements with its default look-ahead (below the bound where a level is read ahead). */
  expectedRoundTrips: number;
  neo4jGraphqlNote?: string;
  answerSize: number;
  targets: Record<Target, TargetResult>;
  /**
   * This server with its response cache on, as `npm start` runs it, asked the same question
   * again and again: each answer after the first is the kept one, for one small statement
   * (the graph version). Absent from results written before it was measured.
   */
  warmCache?: { c1: LatencyStats; c10: LatencyStats };
  /** Resident memory (MiB) of each server process after this question's load. */
  rssMiB: { ours: number | null; neo4jGraphql: number | null; neo4j: number | null };
}

export interface BenchResult {
  startedAt: string;
  seconds: number;
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    os: string;
    node: string;
    /** 1-, 5- and 15-minute load averages when the run started and ended. */
    loadAverage: { start: number[]; end: number[] };
    /**
     * Cores' worth of CPU that processes other than the bench, its servers and its Neo4j
     * used on average while questions were measured: other work skews timings.
     */
    otherCores: number | null;
  };
  versions: Record<string, string>;
  settings: Omit<BenchOptions, "log" | "command" | "dataDir" | "neo4jUri" | "cpuProfileDir">;
  graph: GraphInfo;
  questions: QuestionResult[];
  memory: {
    serverMode: BenchOptions["serverMode"];
    peakRssMiB: { ours: number | null; neo4jGraphql: number | null; neo4j: number | null };
  };
}

function packageVersion(name: string): string {
  try {
    const file = path.join(packageRoot(), "node_modules", name, "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

async function runRaw(driver: Driver, question: Question): Promise<Record<string, unknown>[]> {
  const session = driver.session({ database: "neo4j", defaultAccessMode: "READ" });
  try {
    const result = await session.executeRead((tx) => tx.run(question.raw.cypher, question.raw.params));
    return result.records.map((r) => toPlain(r.toObject()) as Record<string, unknown>);
  } finally {
    await session.close();
  }
}

async function captureOne(server: ServerHandle, client: GraphQLClient, question: Question, side: Target) {
  await server.startCapture();
  await client.post(side === "ours" ? question.ours : question.neo4jGraphql);
  return server.stopCapture();
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { log } = options;
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  let database: BenchDatabase | undefined;
  const servers: ServerHandle[] = [];
  let rawDriver: Driver | undefined;
  const clients: GraphQLClient[] = [];
  try {
    database = await prepareDatabase({
      scale: options.scale,
      seed: options.seed,
      dataDir: options.dataDir,
      pageCache: options.pageCache,
      uri: options.neo4jUri,
      log,
    });
    const { graph } = database;
    log(`Graph: ${graph.entities} entities, ${graph.relationships} relationships`);

    const start = (kind: "ours" | "ours-cached" | "neo4j-graphql", uri: string) =>
      options.serverMode === "child"
        ? startChild(kind, uri, options.cpuProfileDir)
        : startInProcess(kind, uri);
    log(`Starting this server and the @neo4j/graphql server (${options.serverMode})`);
    const ours = await start("ours", database.uri);
    servers.push(ours);
    const theirs = await start("neo4j-graphql", database.uri);
    servers.push(theirs);
    const warm = await start("ours-cached", database.uri);
    servers.push(warm);
    const warmClient = new GraphQLClient(warm.url);
    clients.push(warmClient);
    rawDriver = createDriver({ uri: database.uri, username: "neo4j", password: "", maxRetryTimeMs: 15_000 });
    const driver = rawDriver;
    const oursClient = new GraphQLClient(ours.url);
    const theirsClient = new GraphQLClient(theirs.url);
    clients.push(oursClient, theirsClient);

    const [component] = (await database.executor.read(
      "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition",
    )) as {
      version: string;
      edition: string;
    }[];

    const ownPids = [process.pid, ...(options.serverMode === "child" ? [ours.pid, theirs.pid] : [])];
    if (database.neo4j) ownPids.push(database.neo4j.pid);
    const ownMs = () =>
      ownPids.reduce<number | null>((sum, pid) => {
        const used = cpuMs(pid);
        return sum === null || used === null ? null : sum + used;
      }, 0);
    const before = { busy: machineBusyMs(), own: ownMs(), at: Date.now() };

    const selected = questions(graph.picks).filter(
      (q) => options.only.length === 0 || options.only.includes(q.name),
    );
    const results: QuestionResult[] = [];
    for (const [index, question] of selected.entries()) {
      log(`[${index + 1}/${selected.length}] ${question.title}`);
      const send: Record<Target, () => Promise<unknown>> = {
        ours: () => oursClient.post(question.ours),
        neo4jGraphql: () => theirsClient.post(question.neo4jGraphql),
        raw: () => runRaw(driver, question),
      };

      // A cold Neo4j on a busy machine may plan a statement for longer than the server's
      // transaction timeout the first time: give it a few tries before the answers count.
      for (let attempt = 0; attempt < 5; attempt++) {
        const text = await oursClient.post(question.ours).catch((error: unknown) => String(error));
        if (!text.includes('"TIMEOUT"')) break;
      }
      // The three answers must agree before anything is timed.
      const answers = {
        ours: question.normaliseOurs(await oursClient.data(question.ours)),
        neo4jGraphql: question.normaliseNeo4jGraphql(await theirsClient.data(question.neo4jGraphql)),
        raw: question.normaliseRaw(await runRaw(driver, question)),
      };
      for (const other of ["neo4jGraphql", "raw"] as const) {
        const difference = firstDifference(answers.ours, answers[other]);
        if (difference) {
          throw new Error(
            `${question.name}: the answers of ${TARGET_LABELS.ours} and ${TARGET_LABELS[other]} differ at ${difference}`,
          );
        }
      }

      // The cached server answers as the uncached one does.
      const warmDifference = firstDifference(
        answers.ours,
        question.normaliseOurs(await warmClient.data(question.ours)),
      );
      if (warmDifference) {
        throw new Error(
          `${question.name}: the answers with and without the response cache differ at ${warmDifference}`,
        );
      }

      const statements: Record<Target, CapturedStatement[]> = {
        ours: await captureOne(ours, oursClient, question, "ours"),
        neo4jGraphql: await captureOne(theirs, theirsClient, question, "neo4jGraphql"),
        raw: [{ cypher: question.raw.cypher, params: question.raw.params }],
      };
      const profiles = Object.fromEntries(
        await Promise.all(
          TARGETS.map(async (t) => [t, await profileRequest(driver, statements[t])] as const),
        ),
      ) as Record<Target, Awaited<ReturnType<typeof profileRequest>>>;

      const sendWarm = () => warmClient.post(question.ours);
      for (const warmUp of [...TARGETS.map((t) => send[t]), sendWarm]) {
        const minRequests = Math.min(5, options.minRequests);
        await sequentialLoop(warmUp, { seconds: options.warmupSeconds, minRequests });
      }
      const warmC1: { latencies: number[]; seconds: number }[] = [];
      const warmC10: { latencies: number[]; seconds: number }[] = [];

      const c1: Record<Target, { latencies: number[]; seconds: number }[]> = {
        ours: [],
        neo4jGraphql: [],
        raw: [],
      };
      const c10: Record<Target, { latencies: number[]; seconds: number }[]> = {
        ours: [],
        neo4jGraphql: [],
        raw: [],
      };
      const cpu = Object.fromEntries(
        TARGETS.map((t) => [t, { process: 0, neo4j: 0, requests: 0 }]),
      ) as Record<Target, { process: number; neo4j: number; requests: number }>;
      // In-process servers share the bench's CPU with the load generator: no per-server figure then.
      const processPid = (t: Target) =>
        t === "raw"
          ? process.pid
          : options.serverMode === "child"
            ? (t === "ours" ? ours : theirs).pid
            : null;
      const neo4jPid = database.neo4j?.pid ?? null;
      const measured = async (
        target: Target,
        run: () => Promise<{ latencies: number[]; seconds: number }>,
      ) => {
        const pid = processPid(target);
        const sample = () => [pid === null ? null : cpuMs(pid), neo4jPid === null ? null : cpuMs(neo4jPid)];
        const [processBefore, neo4jBefore] = sample();
        const outcome = await run();
        const [processAfter, neo4jAfter] = sample();
        cpu[target].process +=
          processBefore === null || processAfter === null ? NaN : processAfter - processBefore;
        cpu[target].neo4j += neo4jBefore === null || neo4jAfter === null ? NaN : neo4jAfter - neo4jBefore;
        cpu[target].requests += outcome.latencies.length;
        return outcome;
      };
      for (let round = 0; round < options.rounds; round++) {
        // Each round starts with a different side, so no side always runs on a warmer or cooler machine.
        const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length]!);
        for (const target of order) {
          c1[target].push(
            await measured(target, () =>
              sequentialLoop(send[target], { seconds: options.c1Seconds, minRequests: options.minRequests }),
            ),
          );
        }
        for (const target of order) {
          c10[target].push(
            await measured(target, () =>
              target === "raw"
                ? concurrentLoops(send.raw, options.concurrency, options.c10Seconds)
                : autocannonLoad(
                    target === "ours" ? ours.url : theirs.url,
                    target === "ours" ? question.ours : question.neo4jGraphql,
                    options.concurrency,
                    options.c10Seconds,
                  ),
            ),
          );
        }
        warmC1.push(
          await sequentialLoop(sendWarm, { seconds: options.c1Seconds, minRequests: options.minRequests }),
        );
        warmC10.push(await autocannonLoad(warm.url, question.ours, options.concurrency, options.c10Seconds));
      }

      const targets = Object.fromEntries(
        TARGETS.map((t) => [
          t,
          {
            c1: merge(c1[t]),
            c10: merge(c10[t]),
            roundTrips: statements[t].length,
            dbHits: profiles[t].dbHits,
            rows: profiles[t].rows,
            bytes: profiles[t].bytes,
            plans: profiles[t].statements.map((s) => s.operators),
            statements: statements[t].map((s) => s.cypher),
            cpuMsPerRequest: {
              process: Number.isNaN(cpu[t].process) ? null : cpu[t].process / cpu[t].requests,
              neo4j: Number.isNaN(cpu[t].neo4j) ? null : cpu[t].neo4j / cpu[t].requests,
            },
          } satisfies TargetResult,
        ]),
      ) as Record<Target, TargetResult>;
      const rss = (pid: number) => memoryOf(pid)?.rss ?? null;
      results.push({
        name: question.name,
        title: question.title,
        levels: question.levels,
        roundTripBound: question.rootStatements + question.levels,
        expectedRoundTrips: question.statements,
        neo4jGraphqlNote: question.neo4jGraphqlNote,
        answerSize: canonical(answers.ours).length,
        targets,
        warmCache: { c1: merge(warmC1), c10: merge(warmC10) },
        rssMiB: {
          ours: rss(ours.pid),
          neo4jGraphql: rss(theirs.pid),
          neo4j: database.neo4j ? rss(database.neo4j.pid) : null,
        },
      });
      const o = targets.ours;
      const n = targets.neo4jGraphql;
      const r = targets.raw;
      log(
        `  c1 p50 ${o.c1.p50.toFixed(2)} / ${n.c1.p50.toFixed(2)} / ${r.c1.p50.toFixed(2)} ms; ` +
          `c${options.concurrency} ${o.c10.throughput.toFixed(0)} / ${n.c10.throughput.toFixed(0)} / ${r.c10.throughput.toFixed(0)} req/s ` +
          `(this server / @neo4j/graphql / raw); round trips ${o.roundTrips} / ${n.roundTrips} / ${r.roundTrips}`,
      );
    }

    const after = { busy: machineBusyMs(), own: ownMs(), at: Date.now() };
    const otherCores =
      before.busy === null || after.busy === null || before.own === null || after.own === null
        ? null
        : Math.max(0, after.busy - before.busy - (after.own - before.own)) / (after.at - before.at);
    const peak = (pid: number) => memoryOf(pid)?.peak ?? null;
    const cpus = os.cpus();
    const {
      log: _log,
      command,
      dataDir: _dataDir,
      neo4jUri: _uri,
      cpuProfileDir: _profiles,
      ...settings
    } = options;
    return {
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      command,
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? "unknown",
        memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        loadAverage: { start: loadAtStart, end: os.loadavg() },
        otherCores,
      },
      versions: {
        neo4j: `${component?.version ?? "unknown"} ${component?.edition ?? ""}`.trim(),
        ...Object.fromEntries(
          [
            "@neo4j/graphql",
            "neo4j-driver",
            "graphql",
            "@apollo/server",
            "type-graphql",
            "dataloader",
            "express",
            "autocannon",
          ].map((name) => [name, packageVersion(name)]),
        ),
      },
      settings,
      graph,
      questions: results,
      memory: {
        serverMode: options.serverMode,
        peakRssMiB: {
          ours: options.serverMode === "child" ? peak(servers[0]!.pid) : null,
          neo4jGraphql: options.serverMode === "child" ? peak(servers[1]!.pid) : null,
          neo4j: database.neo4j ? peak(database.neo4j.pid) : null,
        },
      },
    };
  } finally {
    for (const client of clients) client.close();
    for (const server of servers.reverse()) await server.stop().catch(() => undefined);
    await rawDriver?.close().catch(() => undefined);
    await database?.stop();
  }
}
