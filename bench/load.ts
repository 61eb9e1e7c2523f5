import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { Kind, parse, print } from "graphql";
import { SETTINGS } from "../src/config/config";
import { packageRoot } from "../src/config/package-root";
import { findFreePort } from "../src/db/local-neo4j";
import { replaceSection } from "../src/scripts/readme-sections";
import {
  type Answer,
  boundlessRequest,
  expensiveRequest,
  neo4jPidOnPort,
  normalRequest,
  send,
} from "./abuse";
import { type RunningNginx, ensureNginx, startNginx } from "./nginx";

/**
 * `npm run load [-- --connections 20 --duration 60 --warmup 60 --url URL --out FILE]`: a soak
 * of the named operations in schema/examples.graphql, driven by autocannon from this process
 * against a server in another one (started here, with its own Neo4j, unless --url is given),
 * over loopback. `--scenario abuse` floods the server with the worst requests beside normal
 * lookups instead (bench/abuse.ts). `--scenario proxy` (or `--proxy`) starts two servers on one
 * Neo4j and nginx in front of them (deploy/nginx.conf), and sends the operations through nginx
 * by GET (`--max-age 5`: the replicas' HTTP_CACHE_MAX_AGE). Each scenario writes its own section of bench/load-results.md; exits 1 when a target
 * is missed.
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
  /** Responses by their `X-Cache-Status` header (nginx's cache), `none` when there was none. */
  cacheStatus: Record<string, number>;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
}

/** Every named query of schema/examples.graphql, each sent as a document of its own. */
export function exampleOperations(
  file = path.join(packageRoot(), "schema", "examples.graphql"),
): Operation[] {
  // The queries: a subscription (graphChanged) is a WebSocket's, not an HTTP request's.
  return parse(fs.readFileSync(file, "utf8")).definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION && definition.name && definition.operation === "query"
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
 * The request of `operation` as a GET of `/graphql` (query and operation name in the URL), with
 * the header that lets a GET past CSRF prevention: what a cache in front of the server can keep.
 */
export function getRequest(operation: Operation): { path: string; headers: Record<string, string> } {
  const { query, operationName } = JSON.parse(operation.body) as { query: string; operationName: string };
  return {
    path: `/graphql?${new URLSearchParams({ query, operationName }).toString()}`,
    headers: { "apollo-require-preflight": "true" },
  };
}

/**
 * `connections` clients, each cycling through `operations`, for `durationSec` seconds or,
 * when `amount` is given, until that many requests have been answered. `method: "GET"` sends
 * each operation in the URL ({@link getRequest}); POST, the default, as a JSON body.
 */
export async function runLoad(options: {
  url: string;
  connections: number;
  durationSec?: number;
  amount?: number;
  operations: Operation[];
  method?: "GET" | "POST";
}): Promise<LoadResult> {
  let graphqlErrors = 0;
  const cacheStatus: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const onResponse = (
    status: number,
    body: string,
    _context: unknown,
    headers: Record<string, unknown> = {},
  ) => {
    // Apollo writes `errors` first when there are any.
    if (status < 300 && body.startsWith('{"errors"')) graphqlErrors += 1;
    statuses[status] = (statuses[status] ?? 0) + 1;
    const header = Object.entries(headers).find(([name]) => name.toLowerCase() === "x-cache-status")?.[1];
    const key = typeof header === "string" && header ? header : "none";
    cacheStatus[key] = (cacheStatus[key] ?? 0) + 1;
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount === undefined ? { duration: options.durationSec } : { amount: options.amount }),
        timeout: 30,
        requests: options.operations.map((operation) =>
          options.method === "GET"
            ? { method: "GET" as const, ...getRequest(operation), onResponse }
            : {
                method: "POST" as const,
                headers: { "content-type": "application/json" },
                body: operation.body,
                onResponse,
              },
        ),
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
    cacheStatus,
    statuses,
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

export interface ServerChild {
  url: string;
  /** `host:port` of its HTTP server. */
  address: string;
  pid: number;
  /** The Bolt port of the Neo4j it started, when it started one. */
  neo4jPort?: number;
  description: string;
  /** True while the server process runs. */
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * `node dist/src/main.js` on a free port, with this process's environment and `settings` over
 * it: against NEO4J_URI when set, else with a Neo4j of its own.
 */
export async function startServer(
  log: (line: string) => void,
  settings: NodeJS.ProcessEnv = {},
): Promise<ServerChild> {
  const main = path.join(packageRoot(), "dist", "src", "main.js");
  if (!fs.existsSync(main))
    throw new Error(`${main} is missing: run \`npm run build\` first (npm run load does)`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    ...settings,
  };
  const dataDir = env.NEO4J_URI ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "bali-load-neo4j-"));
  const neo4jPort = dataDir ? await findFreePort() : undefined;
  if (dataDir) Object.assign(env, { NEO4J_DATA_DIR: dataDir, NEO4J_PORT: String(neo4jPort) });
  const child: ChildProcess = spawn(process.execPath, [main], { env, stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 10 minutes")), 600_000);
    readline.createInterface({ input: child.stderr! }).on("line", (line) => {
      lines.push(line);
      if (lines.length > 20) lines.shift();
      const match = /GraphQL API:\s+(http:\/\/\S+?)\/graphql/.exec(line);
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
    address: new URL(url).host,
    pid: child.pid!,
    neo4jPort,
    alive: () => child.exitCode === null && child.signalCode === null,
    description: dataDir
      ? "`node dist/src/main.js` in a child process, with a Neo4j 5.26 of its own (temporary data folder, seeded from seed/)"
      : "`node dist/src/main.js` in a child process, against NEO4J_URI",
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
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
    "## Soak: the example operations",
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

const RESULTS_TITLE = "# Load test results";

type Scenario = "soak" | "abuse" | "proxy";

/** Replaces the section of `scenario` in the results file, keeping the other scenarios'. */
async function writeSection(file: string, scenario: Scenario, content: string): Promise<void> {
  const marker = (name: string) => [`<!-- generated:load-${name} -->`, `<!-- /generated:load-${name} -->`];
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : `${RESULTS_TITLE}\n`;
  // A scenario the file has no section for yet gets one at the end.
  const base = current.includes(marker(scenario)[0]!)
    ? current
    : `${current.trimEnd()}\n\n${marker(scenario).join("\n\n")}\n`;
  const out = replaceSection(base, `load-${scenario}`, content);
  // Formatted as the repository's prettier check wants it, so the file can be committed as is.
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(out, { ...options, filepath: file }));
}

interface AbuseReport {
  command: string;
  server: string;
  durationSec: number;
  floodConnections: number;
  normalConnections: number;
  normal: Answer[];
  flood: Answer[];
  rss: { server: number[]; neo4j: number[] };
  restarts: number | undefined;
  serverAlive: boolean;
  neo4jPids: { before?: number; after?: number };
  loadAverage: { start: number[]; end: number[] };
  startedAt: Date;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : NaN;
};

function countBy<T>(items: T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function abuseVerdicts(report: AbuseReport): { met: boolean; lines: string[] } {
  const all = [...report.normal, ...report.flood];
  const other5xx = all.filter((a) => a.status >= 500 && a.status !== 503).length;
  const normalErrors = report.normal.filter((a) => a.code !== "OK").length;
  const p99 = percentile(
    report.normal.map((a) => a.ms),
    0.99,
  );
  const crashes = (report.serverAlive ? 0 : 1) + (report.restarts ?? 0);
  const checks: [string, boolean][] = [
    [
      `0 crashes of the server or of Neo4j (server ${report.serverAlive ? "up" : "**down**"}, Neo4j restarts ${report.restarts ?? "n/a"})`,
      crashes === 0,
    ],
    [`0 5xx other than 503 (got ${other5xx})`, other5xx === 0],
    [`normal lookups: 0 errors (got ${normalErrors} of ${report.normal.length})`, normalErrors === 0],
    [`normal lookups: p99 under 1 s (got ${ms(p99)} ms)`, p99 < 1000],
  ];
  return {
    met: checks.every(([, ok]) => ok),
    lines: checks.map(([text, ok]) => `- ${ok ? "met" : "**missed**"}: ${text}`),
  };
}

function abuseMarkdown(report: AbuseReport): string {
  const latency = (answers: Answer[]) =>
    `${ms(
      percentile(
        answers.map((a) => a.ms),
        0.5,
      ),
    )} / ${ms(
      percentile(
        answers.map((a) => a.ms),
        0.99,
      ),
    )} / ${ms(Math.max(...answers.map((a) => a.ms)))} ms`;
  const peak = (values: number[]) => (values.length ? Math.max(...values) : undefined);
  const rssLine = (values: number[]) =>
    `${mib(values[0])} / ${mib(peak(values))} / ${mib(values.at(-1))} MiB`;
  const byKind = countBy(report.flood, (a) => a.kind).map(([kind, n]) => {
    const answers = report.flood.filter((a) => a.kind === kind);
    const codes = countBy(answers, (a) => `${a.status} ${a.code}`)
      .map(([c, k]) => `${c} × ${k}`)
      .join(", ");
    return `| ${kind} | ${n} | ${codes} |`;
  });
  return [
    "## Abuse: a flood of the worst requests beside normal traffic",
    "",
    `Written by \`${report.command}\` (bench/load.ts, requests from bench/abuse.ts) on ${report.startedAt.toISOString()}.`,
    "",
    `- Machine: ${machine()}; load average ${report.loadAverage.start.map((l) => l.toFixed(2)).join(" ")} at the start, ${report.loadAverage.end.map((l) => l.toFixed(2)).join(" ")} at the end`,
    `- Server: ${report.server}, default settings (admission: ${SETTINGS.DB_MAX_CONCURRENT.default} requests at once, ${SETTINGS.DB_MAX_HEAVY.default} of them heavy, a wait of ${SETTINGS.DB_ADMISSION_WAIT_MS.default} ms)`,
    `- For ${report.durationSec} s: ${report.floodConnections} connections flood (half of their requests past the input bounds, half valid and chosen for their cost), ${report.normalConnections} connections send normal lookups by id (20 ms apart), all from this process over loopback`,
    "",
    "| measure | value |",
    "| --- | --- |",
    `| normal lookups | ${report.normal.length}, of which errors ${report.normal.filter((a) => a.code !== "OK").length} |`,
    `| normal lookups: p50 / p99 / max | ${latency(report.normal)} |`,
    `| flood requests | ${report.flood.length} |`,
    `| flood answers by status and code | ${countBy(report.flood, (a) => `${a.status} ${a.code}`)
      .map(([c, n]) => `${c} × ${n}`)
      .join(", ")} |`,
    `| 503 without Retry-After | ${[...report.normal, ...report.flood].filter((a) => a.status === 503 && a.retryAfter === null).length} |`,
    `| server RSS: start / peak / end | ${rssLine(report.rss.server)} |`,
    `| Neo4j RSS: start / peak / end | ${rssLine(report.rss.neo4j)} |`,
    `| Neo4j restarts / server up at the end | ${report.restarts ?? "n/a"} / ${report.serverAlive ? "yes" : "no"} |`,
    "",
    "| flood request | sent | answers (status, code) |",
    "| --- | --- | --- |",
    ...byKind,
    "",
    "Targets:",
    "",
    ...abuseVerdicts(report).lines,
    "",
  ].join("\n");
}

async function runAbuse(
  server: ServerChild,
  options: { durationSec: number; connections: number; command: string },
  log: (line: string) => void,
): Promise<AbuseReport> {
  const startedAt = new Date();
  const loadStart = os.loadavg();
  const normalConnections = 4;
  const pidOfNeo4j = () => (server.neo4jPort ? neo4jPidOnPort(server.neo4jPort) : undefined);
  const before = pidOfNeo4j();
  const rss = { server: [] as number[], neo4j: [] as number[] };
  const sampleRss = () => {
    const own = rssOf(server.pid);
    const db = pidOfNeo4j();
    if (own !== undefined) rss.server.push(own);
    const dbRss = db === undefined ? undefined : rssOf(db);
    if (dbRss !== undefined) rss.neo4j.push(dbRss);
  };
  sampleRss();
  const sampler = setInterval(sampleRss, 1000);
  const until = Date.now() + options.durationSec * 1000;
  const normal: Answer[] = [];
  const flood: Answer[] = [];
  log(
    `Abuse: ${options.connections} flooding connections and ${normalConnections} normal ones for ${options.durationSec} s`,
  );
  const flooder = async (worker: number) => {
    for (let i = worker; Date.now() < until; i += options.connections) {
      flood.push(await send(server.url, i % 2 === 0 ? expensiveRequest(i >> 1) : boundlessRequest(i >> 1)));
    }
  };
  const client = async (worker: number) => {
    for (let i = worker; Date.now() < until; i += normalConnections) {
      normal.push(await send(server.url, normalRequest(i)));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await Promise.all([
    ...Array.from({ length: options.connections }, (_, w) => flooder(w)),
    ...Array.from({ length: normalConnections }, (_, w) => client(w)),
  ]);
  clearInterval(sampler);
  sampleRss();
  let restarts: number | undefined;
  try {
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as {
      localNeo4j?: { restarts: number };
    };
    restarts = ready.localNeo4j?.restarts;
  } catch {
    restarts = undefined;
  }
  return {
    command: options.command,
    server:
      "`node dist/src/main.js` in a child process, with a Neo4j 5.26 of its own (temporary data folder, seeded from seed/)",
    durationSec: options.durationSec,
    floodConnections: options.connections,
    normalConnections,
    normal,
    flood,
    rss,
    restarts,
    serverAlive: server.alive(),
    neo4jPids: { before, after: pidOfNeo4j() },
    loadAverage: { start: loadStart, end: os.loadavg() },
    startedAt,
  };
}

/** Two replicas of the server on one Neo4j, and nginx from deploy/nginx.conf in front of them. */
export interface Replicas {
  replicas: [ServerChild, ServerChild];
  nginx: RunningNginx;
  /** The Neo4j both use. */
  neo4jUri: string;
  /** What runs, in a sentence for the report. */
  description: string;
  stop(): Promise<void>;
}

/**
 * Starts two `node dist/src/main.js` processes with `settings` and nginx before them. Without a
 * NEO4J_URI (in `settings` or the environment) the first starts a Neo4j of its own, seeded from
 * seed/, and the second uses it (SEED_ON_START=false: the first loaded it).
 */
export async function startReplicas(
  log: (line: string) => void,
  settings: NodeJS.ProcessEnv = {},
): Promise<Replicas> {
  const given = settings.NEO4J_URI ?? process.env.NEO4J_URI;
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const child of started.reverse()) await child.stop().catch(() => undefined);
  };
  try {
    const startOne = async (more: NodeJS.ProcessEnv) => {
      const child = await startServer(log, { ...settings, ...more });
      started.push(child);
      return child;
    };
    let first: ServerChild;
    let second: ServerChild;
    if (given) {
      [first, second] = await Promise.all([startOne({}), startOne({ SEED_ON_START: "false" })]);
    } else {
      first = await startOne({});
      second = await startOne({ NEO4J_URI: `bolt://127.0.0.1:${first.neo4jPort}`, SEED_ON_START: "false" });
    }
    const nginx = await startNginx([first.address, second.address], log);
    started.push(nginx);
    const neo4jUri = given ?? `bolt://127.0.0.1:${first.neo4jPort}`;
    return {
      replicas: [first, second],
      nginx,
      neo4jUri,
      description:
        `two \`node dist/src/main.js\` processes (${first.address}, ${second.address}) on one Neo4j ` +
        `(${given ? "NEO4J_URI" : "a Neo4j 5.26 the first started, temporary data folder, seeded from seed/"}), ` +
        `nginx ${nginxVersion()} in front of them with deploy/nginx.conf`,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function nginxVersion(): string {
  try {
    const run = spawnSync(ensureNginx(), ["-v"], { encoding: "utf8" });
    return /nginx\/(\S+)/.exec(run.stderr)?.[1] ?? "(version unknown)";
  } catch {
    return "(version unknown)";
  }
}

interface ProxyReport {
  command: string;
  setup: string;
  connections: number;
  warmupSec: number;
  operations: Operation[];
  result: LoadResult;
  /** Requests of the measured run each replica answered, from nginx's access log. */
  perReplica: [string, number][];
  loadAverage: { start: number[]; end: number[] };
  startedAt: Date;
}

/** Share of the responses nginx answered from its cache (HIT), and with a replica's 304 (REVALIDATED). */
export function cacheRatios(result: LoadResult): { hit: number; revalidated: number } {
  const total = Object.values(result.cacheStatus).reduce((a, b) => a + b, 0);
  const share = (status: string) => (total ? (result.cacheStatus[status] ?? 0) / total : 0);
  return { hit: share("HIT"), revalidated: share("REVALIDATED") };
}

function proxyVerdicts(report: ProxyReport): { met: boolean; lines: string[] } {
  const served = report.perReplica.filter(([, n]) => n > 0).length;
  const checks: [string, boolean][] = [
    [`requests answered (got ${report.result.requests})`, report.result.requests > 0],
    [`0 errors (got ${report.result.errors})`, report.result.errors === 0],
    [`0 non-2xx responses (got ${report.result.non2xx})`, report.result.non2xx === 0],
    [`0 GraphQL errors (got ${report.result.graphqlErrors})`, report.result.graphqlErrors === 0],
    [`both replicas answered requests (got ${served})`, served === 2],
  ];
  return {
    met: checks.every(([, ok]) => ok),
    lines: checks.map(([text, ok]) => `- ${ok ? "met" : "**missed**"}: ${text}`),
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function proxyMarkdown(report: ProxyReport): string {
  const { result } = report;
  const ratios = cacheRatios(result);
  const statuses = Object.entries(result.cacheStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status} × ${n}`)
    .join(", ");
  return [
    "## Through nginx: two replicas, queries by GET",
    "",
    `Written by \`${report.command}\` (bench/load.ts, nginx from bench/nginx.ts) on ${report.startedAt.toISOString()}.`,
    "`tests/integration/replicas.int.test.ts` checks what this run only counts: the spread over the",
    "replicas, a write seen through the other replica, and nginx's cache hits and revalidations.",
    "",
    `- Machine: ${machine()}; load average ${report.loadAverage.start.map((l) => l.toFixed(2)).join(" ")} at the start, ${report.loadAverage.end.map((l) => l.toFixed(2)).join(" ")} at the end (the machine may be shared: nginx, both replicas, Neo4j and the client on it)`,
    `- Setup: ${report.setup}`,
    `- Client: autocannon 9 in the load process, over loopback to nginx, ${report.connections} connections (keep-alive, one request at a time each) for ${result.durationSec.toFixed(0)} s after a ${report.warmupSec} s warm-up`,
    `- Mix: each connection cycles through the ${report.operations.length} named operations of schema/examples.graphql, each sent by GET (query and operation name in the URL, with the \`apollo-require-preflight\` header), so that nginx may cache the answers the server lets it cache`,
    "",
    "| measure | value |",
    "| --- | --- |",
    `| requests | ${result.requests} |`,
    `| requests/s (mean) | ${result.requestsPerSec.toFixed(1)} |`,
    `| latency p50 / p90 / p99 / max | ${ms(result.latencyMs.p50)} / ${ms(result.latencyMs.p90)} / ${ms(result.latencyMs.p99)} / ${ms(result.latencyMs.max)} ms |`,
    `| latency mean | ${ms(result.latencyMs.mean)} ms |`,
    `| errors (connection errors, timeouts) | ${result.errors} (${result.timeouts} timeouts) |`,
    `| non-2xx responses | ${result.non2xx} (by status: ${Object.entries(result.statuses)
      .map(([status, n]) => `${status} × ${n}`)
      .join(", ")}) |`,
    `| 2xx responses with GraphQL errors | ${result.graphqlErrors} |`,
    `| responses by X-Cache-Status | ${statuses || "n/a"} |`,
    `| cache hit ratio (HIT) | ${percent(ratios.hit)} |`,
    `| revalidated by a replica (304, REVALIDATED) | ${percent(ratios.revalidated)} |`,
    `| requests each replica answered | ${report.perReplica.map(([address, n]) => `${address}: ${n}`).join(", ")} |`,
    "",
    "Targets:",
    "",
    ...proxyVerdicts(report).lines,
    "",
  ].join("\n");
}

/** Requests per replica in lines of nginx's access log (`upstream=<address>`; `-` for the cache). */
export async function requestsPerReplica(
  lines: Iterable<string> | AsyncIterable<string>,
  replicas: string[],
): Promise<[string, number][]> {
  const counts = new Map(replicas.map((address): [string, number] => [address, 0]));
  for await (const line of lines) {
    const upstream = / upstream=(\S+)/.exec(line);
    if (!upstream) continue;
    // A request retried on the other replica lists both; the last answered.
    const address = upstream[1]!.split(/,\s*/).at(-1)!;
    if (counts.has(address)) counts.set(address, counts.get(address)! + 1);
  }
  return [...counts.entries()];
}

const fileSize = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/** The lines of `file` from byte `from` on, as a stream: a minute of cache hits writes more log than one string may hold. */
const linesOf = (file: string, from: number): AsyncIterable<string> =>
  readline.createInterface({ input: fs.createReadStream(file, { start: from }), crlfDelay: Infinity });

async function runProxy(options: {
  command: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  /** HTTP_CACHE_MAX_AGE of the replicas. */
  maxAge: number;
  out: string;
  log: (line: string) => void;
}): Promise<void> {
  const { log } = options;
  const startedAt = new Date();
  const loadStart = os.loadavg();
  const setup = await startReplicas(log, { HTTP_CACHE_MAX_AGE: String(options.maxAge) });
  try {
    const url = `${setup.nginx.url}/graphql`;
    const operations = exampleOperations();
    if (options.warmupSec > 0) {
      log(`Warm-up: ${options.warmupSec} s`);
      await runLoad({
        url,
        connections: options.connections,
        durationSec: options.warmupSec,
        operations,
        method: "GET",
      });
    }
    const logStart = fileSize(setup.nginx.accessLogFile);
    log(
      `Load through nginx: ${options.connections} connections for ${options.durationSec} s over ${operations.length} operations`,
    );
    const result = await runLoad({
      url,
      connections: options.connections,
      durationSec: options.durationSec,
      operations,
      method: "GET",
    });
    const report: ProxyReport = {
      command: options.command,
      setup: `${setup.description}; the replicas with HTTP_CACHE_MAX_AGE=${options.maxAge} (how long nginx may answer from its cache before it revalidates)`,
      connections: options.connections,
      warmupSec: options.warmupSec,
      operations,
      result,
      perReplica: await requestsPerReplica(
        linesOf(setup.nginx.accessLogFile, logStart),
        setup.replicas.map((r) => r.address),
      ),
      loadAverage: { start: loadStart, end: os.loadavg() },
      startedAt,
    };
    const text = proxyMarkdown(report);
    await writeSection(options.out, "proxy", text);
    log(text);
    log(`Written to ${path.relative(packageRoot(), options.out)}`);
    if (!proxyVerdicts(report).met) process.exitCode = 1;
  } finally {
    await setup.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", default: "soak" },
      // Short for --scenario proxy.
      proxy: { type: "boolean", default: false },
      // --scenario proxy: HTTP_CACHE_MAX_AGE of the replicas, how long nginx may keep an answer.
      "max-age": { type: "string", default: "5" },
      connections: { type: "string" },
      duration: { type: "string", default: "60" },
      // The server's heap reaches its working set after about 40 s of this load; growth is
      // measured from there, not from a still-filling heap.
      warmup: { type: "string", default: "60" },
      url: { type: "string" },
      out: { type: "string", default: path.join("bench", "load-results.md") },
    },
  });
  const scenario = values.proxy ? "proxy" : values.scenario;
  if (scenario !== "soak" && scenario !== "abuse" && scenario !== "proxy")
    throw new Error("--scenario must be soak, abuse or proxy");
  const connections = Number(values.connections ?? (scenario === "abuse" ? "40" : "20"));
  const durationSec = Number(values.duration);
  const warmupSec = Number(values.warmup);
  for (const [name, value] of Object.entries({ connections, duration: durationSec })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number above 0`);
  }
  if (!Number.isInteger(warmupSec) || warmupSec < 0) throw new Error("--warmup must be a whole number");
  if (scenario !== "soak" && values.url)
    throw new Error(`--scenario ${scenario} starts its own servers: leave out --url`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const argv = process.argv.slice(2);
  const command = `npm run load${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
  const out = path.resolve(packageRoot(), values.out);
  if (scenario === "proxy") {
    const maxAge = Number(values["max-age"]);
    if (!Number.isInteger(maxAge) || maxAge < 0)
      throw new Error("--max-age must be a whole number of seconds");
    await runProxy({ command, connections, durationSec, warmupSec, maxAge, out, log });
    return;
  }
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
    if (scenario === "abuse") {
      const report = await runAbuse(server as ServerChild, { durationSec, connections, command }, log);
      const text = abuseMarkdown(report);
      await writeSection(out, "abuse", text);
      log(text);
      log(`Written to ${path.relative(packageRoot(), out)}`);
      if (!abuseVerdicts(report).met) process.exitCode = 1;
      return;
    }
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
    const report: Report = {
      command,
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
    await writeSection(out, "soak", markdown(report));
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
