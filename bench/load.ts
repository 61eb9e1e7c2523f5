import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { Kind, parse, print } from "graphql";
import { packageRoot } from "../src/config/package-root";
import { findFreePort } from "../src/db/local-neo4j";

/**
 * `npm run load [-- --connections 20 --duration 60 --warmup 60 --url URL --out FILE]`: a soak
 * of the named operations in schema/examples.graphql, driven by autocannon from this process
 * against a server in another one (started here, with its own Neo4j, unless --url is given),
 * over loopback. Writes bench/load-results.md; exits 1 when a target is missed.
 */

export interface Operation {
  name: string;
  /** The JSON request body. */
  body: string;
}

export interface LoadResult {
  durationSec: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx responses whose body carries GraphQL errors. */
  graphqlErrors: number;
}

/** Every named operation of schema/examples.graphql, each sent as a document of its own. */
export function exampleOperations(
  file = path.join(packageRoot(), "schema", "examples.graphql"),
): Operation[] {
  return parse(fs.readFileSync(file, "utf8")).definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION && definition.name
      ? [
          {
            name: definition.name.value,
            body: JSON.stringify({ query: print(definition), operationName: definition.name.value }),
          },
        ]
      : [],
  );
}

/**
 * `connections` clients, each cycling through `operations`, for `durationSec` seconds or,
 * when `amount` is given, until that many requests have been answered.
 */
export async function runLoad(options: {
  url: string;
  connections: number;
  durationSec?: number;
  amount?: number;
  operations: Operation[];
}): Promise<LoadResult> {
  let graphqlErrors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount === undefined ? { duration: options.durationSec } : { amount: options.amount }),
        timeout: 30,
        requests: options.operations.map((operation) => ({
          method: "POST" as const,
          headers: { "content-type": "application/json" },
          body: operation.body,
          onResponse: (status: number, body: string) => {
            // Apollo writes `errors` first when there are any.
            if (status < 300 && body.startsWith('{"errors"')) graphqlErrors += 1;
          },
        })),
      },
      (error, outcome) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(outcome),
    );
  });
  return {
    durationSec: result.duration,
    requests: result.requests.total,
    requestsPerSec: result.requests.average,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
  };
}

/** Resident set size of a process, in bytes (Linux). */
export function rssOf(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface ServerChild {
  url: string;
  pid: number;
  description: string;
  stop(): Promise<void>;
}

/** `node dist/src/main.js` on a free port: against NEO4J_URI when set, else with a Neo4j of its own. */
async function startServer(log: (line: string) => void): Promise<ServerChild> {
  const main = path.join(packageRoot(), "dist", "src", "main.js");
  if (!fs.existsSync(main))
    throw new Error(`${main} is missing: run \`npm run build\` first (npm run load does)`);
  const dataDir = process.env.NEO4J_URI
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), "bali-load-neo4j-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" };
  if (dataDir) Object.assign(env, { NEO4J_DATA_DIR: dataDir, NEO4J_PORT: String(await findFreePort()) });
  const child: ChildProcess = spawn(process.execPath, [main], { env, stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 10 minutes")), 600_000);
    readline.createInterface({ input: child.stderr! }).on("line", (line) => {
      lines.push(line);
      if (lines.length > 20) lines.shift();
      const match = /GraphQL API:\s+(http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before it was ready:\n${lines.join("\n")}`));
    });
  });
  log(`Server ${url} (pid ${child.pid})`);
  return {
    url,
    pid: child.pid!,
    description: dataDir
      ? "`node dist/src/main.js` in a child process, with a Neo4j 5.26 of its own (temporary data folder, seeded from seed/)"
      : "`node dist/src/main.js` in a child process, against NEO4J_URI",
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const mib = (bytes: number | undefined) => (bytes === undefined ? "n/a" : (bytes / 1024 / 1024).toFixed(1));
const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);

function machine(): string {
  const cpus = os.cpus();
  return (
    `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB memory, ${os.type()} ${os.release()}, Node ${process.version}`
  );
}

interface Report {
  command: string;
  server: string;
  connections: number;
  warmupSec: number;
  operations: Operation[];
  result: LoadResult;
  rss: { start?: number; afterWarmup?: number; peak?: number; end?: number };
  /** Server RSS every 10 s of the measured run. */
  timeline: number[];
  loadAverage: { start: number[]; end: number[] };
  startedAt: Date;
}

export function rssGrowth(rss: Report["rss"]): number | undefined {
  return rss.afterWarmup && rss.end ? (rss.end - rss.afterWarmup) / rss.afterWarmup : undefined;
}

function verdicts(report: Report): { met: boolean; lines: string[] } {
  const growth = rssGrowth(report.rss);
  const checks: [string, boolean | undefined][] = [
    [`0 errors (got ${report.result.errors})`, report.result.errors === 0],
    [`0 non-2xx responses (got ${report.result.non2xx})`, report.result.non2xx === 0],
    [`0 GraphQL errors (got ${report.result.graphqlErrors})`, report.result.graphqlErrors === 0],
    [
      `RSS growth after warm-up under 20 % (got ${growth === undefined ? "n/a" : `${(growth * 100).toFixed(1)} %`})`,
      growth === undefined ? undefined : growth < 0.2,
    ],
  ];
  return {
    met: checks.every(([, ok]) => ok !== false),
    lines: checks.map(
      ([text, ok]) => `- ${ok === undefined ? "not measured" : ok ? "met" : "**missed**"}: ${text}`,
    ),
  };
}

function markdown(report: Report): string {
  const { result, rss } = report;
  const growth = rssGrowth(rss);
  return [
    "# Load test results",
    "",
    `Written by \`npm run load\` (bench/load.ts) on ${report.startedAt.toISOString()}. Not part of the test`,
    "suite; `tests/integration/load-smoke.int.test.ts` runs a few seconds of the same load and checks",
    "only that every response succeeds.",
    "",
    `- Command: \`${report.command}\``,
    `- Machine: ${machine()}; load average ${report.loadAverage.start.map((l) => l.toFixed(2)).join(" ")} at the start, ${report.loadAverage.end.map((l) => l.toFixed(2)).join(" ")} at the end (the machine may be shared)`,
    `- Server: ${report.server}`,
    `- Client: autocannon 9 in the load process, over loopback, ${report.connections} connections (keep-alive, one request at a time each) for ${result.durationSec.toFixed(0)} s after a ${report.warmupSec} s warm-up`,
    `- Mix: each connection cycles through the ${report.operations.length} named operations of schema/examples.graphql (${report.operations.map((o) => o.name).join(", ")})`,
    "",
    "| measure | value |",
    "| --- | --- |",
    `| requests | ${result.requests} |`,
    `| requests/s (mean) | ${result.requestsPerSec.toFixed(1)} |`,
    `| latency p50 / p90 / p99 / max | ${ms(result.latencyMs.p50)} / ${ms(result.latencyMs.p90)} / ${ms(result.latencyMs.p99)} / ${ms(result.latencyMs.max)} ms |`,
    `| latency mean | ${ms(result.latencyMs.mean)} ms |`,
    `| errors (connection errors, timeouts) | ${result.errors} (${result.timeouts} timeouts) |`,
    `| non-2xx responses | ${result.non2xx} |`,
    `| 2xx responses with GraphQL errors | ${result.graphqlErrors} |`,
    `| server RSS: start / after warm-up / peak / end | ${mib(rss.start)} / ${mib(rss.afterWarmup)} / ${mib(rss.peak)} / ${mib(rss.end)} MiB |`,
    `| RSS growth after warm-up | ${growth === undefined ? "n/a" : `${(growth * 100).toFixed(1)} %`} |`,
    `| server RSS every 10 s of the run | ${report.timeline.length ? `${report.timeline.map(mib).join(", ")} MiB` : "n/a"} |`,
    "",
    "Targets:",
    "",
    ...verdicts(report).lines,
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: "string", default: "20" },
      duration: { type: "string", default: "60" },
      // The server's heap reaches its working set after about 40 s of this load; growth is
      // measured from there, not from a still-filling heap.
      warmup: { type: "string", default: "60" },
      url: { type: "string" },
      out: { type: "string", default: path.join("bench", "load-results.md") },
    },
  });
  const connections = Number(values.connections);
  const durationSec = Number(values.duration);
  const warmupSec = Number(values.warmup);
  for (const [name, value] of Object.entries({ connections, duration: durationSec })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number above 0`);
  }
  if (!Number.isInteger(warmupSec) || warmupSec < 0) throw new Error("--warmup must be a whole number");
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const startedAt = new Date();
  const loadStart = os.loadavg();
  const server = values.url
    ? {
        url: values.url.replace(/\/graphql$/, ""),
        pid: undefined,
        description: `the server at ${values.url}`,
        stop: async () => undefined,
      }
    : await startServer(log);
  try {
    const url = `${server.url}/graphql`;
    const operations = exampleOperations();
    const rss: Report["rss"] = {};
    const timeline: number[] = [];
    const sample = () => (server.pid === undefined ? undefined : rssOf(server.pid));
    rss.start = sample();
    if (warmupSec > 0) {
      log(`Warm-up: ${warmupSec} s`);
      await runLoad({ url, connections, durationSec: warmupSec, operations });
    }
    rss.afterWarmup = sample();
    log(`Load: ${connections} connections for ${durationSec} s over ${operations.length} operations`);
    let peak = rss.afterWarmup ?? 0;
    let seconds = 0;
    const sampler = setInterval(() => {
      const now = sample() ?? 0;
      peak = Math.max(peak, now);
      seconds += 1;
      if (seconds % 10 === 0) timeline.push(now);
    }, 1000);
    const result = await runLoad({ url, connections, durationSec, operations }).finally(() =>
      clearInterval(sampler),
    );
    rss.end = sample();
    rss.peak = Math.max(peak, rss.end ?? 0) || undefined;
    const argv = process.argv.slice(2);
    const report: Report = {
      command: `npm run load${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
      server: server.description,
      connections,
      warmupSec,
      operations,
      result,
      rss,
      timeline,
      loadAverage: { start: loadStart, end: os.loadavg() },
      startedAt,
    };
    const out = path.resolve(packageRoot(), values.out);
    // Formatted as the repository's prettier check wants it, so the file can be committed as is.
    const prettier = await import("prettier");
    const options = (await prettier.resolveConfig(out)) ?? {};
    fs.writeFileSync(out, await prettier.format(markdown(report), { ...options, filepath: out }));
    log(markdown(report));
    log(`Written to ${path.relative(packageRoot(), out)}`);
    if (!verdicts(report).met) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run load failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
