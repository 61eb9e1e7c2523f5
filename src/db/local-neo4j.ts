import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { packageRoot } from "../config/package-root";

/**
 * Runs the embedded Neo4j of `neo4j-launcher/` (a small Java program) as a child process, so that
 * development and tests need only Java and Maven, not a Neo4j installation or Docker.
 */

export interface LocalNeo4jOptions {
  port: number;
  /** Neo4j home folder: databases, transaction logs and Neo4j's own logs. Kept across restarts. */
  dataDir: string;
  /** Bounds the time from spawning Java to the READY line; a Maven build before it has its own bound. */
  startTimeoutMs: number;
  /** Neo4j page cache size such as "256m" (the launcher's default). */
  pageCache?: string;
  /** Java heap, "1g" by default; the transactions' memory pool must fit well inside it. */
  heap?: string;
  /** Memory one transaction may use (db.memory.transaction.max), "128m" by default. */
  txMemoryMax?: string;
  /** Memory all transactions may use together (dbms.memory.transaction.total.max), "512m" by default. */
  txMemoryTotal?: string;
  /** Neo4j's own transaction timeout, for statements sent without one (60 s by default). */
  txTimeoutMs?: number;
  log: (line: string) => void;
}

export const LOCAL_NEO4J_DEFAULTS = {
  heap: "1g",
  txMemoryMax: "128m",
  txMemoryTotal: "512m",
  txTimeoutMs: 60_000,
};

export interface LocalNeo4j {
  uri: string;
  port: number;
  pid: number;
  /** Stops Neo4j cleanly (SIGTERM, then SIGKILL if it hangs); safe to call more than once. */
  stop(): Promise<void>;
  /** The launcher's exit code: 0 when its stdin closed, 143 after SIGTERM, null if killed by a signal. */
  exited: Promise<number | null>;
}

/** A failure to build or start the local Neo4j, with a one-line message that says what to do. */
export class LocalNeo4jError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalNeo4jError";
  }
}

const USE_ANOTHER_NEO4J = "or set NEO4J_URI to use another Neo4j";
const MAVEN_TIMEOUT_MS = 20 * 60_000;
const STOP_TIMEOUT_MS = 30_000;
const STALE_LOCK_MS = MAVEN_TIMEOUT_MS;
const STDERR_LINES_KEPT = 15;
const jvmOptions = (heap: string) => [
  // The heap is a ceiling, committed only as used; Neo4j's page cache lives outside it.
  "-Xms128m",
  `-Xmx${heap}`,
  // Should the heap run out all the same, the process ends and its supervisor restarts it.
  "-XX:+ExitOnOutOfMemoryError",
  // Without it the page cache falls back to a slower mode that uses more memory (Neo4j warns).
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
];

function launcherPaths() {
  const dir = path.join(packageRoot(), "neo4j-launcher");
  const target = path.join(dir, "target");
  return {
    dir,
    target,
    jar: path.join(target, "launcher.jar"),
    dependencies: path.join(target, "dependency"),
    stamp: path.join(target, ".build-stamp"),
    lock: path.join(target, ".build-lock"),
  };
}

async function mtimeMs(file: string): Promise<number | undefined> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestMtimeMs(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const time = entry.isDirectory() ? await newestMtimeMs(file) : ((await mtimeMs(file)) ?? 0);
    newest = Math.max(newest, time);
  }
  return newest;
}

async function launcherIsUpToDate(paths: ReturnType<typeof launcherPaths>): Promise<boolean> {
  const built = await mtimeMs(paths.stamp);
  if (built === undefined || !existsSync(paths.jar) || !existsSync(paths.dependencies)) return false;
  const pom = (await mtimeMs(path.join(paths.dir, "pom.xml"))) ?? Infinity;
  return built >= pom && built >= (await newestMtimeMs(path.join(paths.dir, "src")));
}

/** Two processes (say `npm run neo4j` and `npm test`) must not run Maven into the same target/. */
async function withBuildLock<T>(
  lock: string,
  log: (line: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  let waiting = false;
  for (;;) {
    try {
      await fs.mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const since = await mtimeMs(lock);
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) {
        await fs.rm(lock, { recursive: true, force: true });
        continue;
      }
      if (!waiting) log("Another process is building the Neo4j launcher; waiting for it");
      waiting = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

/** Builds `neo4j-launcher/` with Maven unless its target/ is newer than pom.xml and the Java source. */
export async function ensureLauncherBuilt(log: (line: string) => void): Promise<void> {
  const paths = launcherPaths();
  if (await launcherIsUpToDate(paths)) return;
  await fs.mkdir(paths.target, { recursive: true });
  await withBuildLock(paths.lock, log, async () => {
    if (await launcherIsUpToDate(paths)) return;
    // copy-dependencies never deletes, so a changed Neo4j version would leave two on the classpath.
    await fs.rm(paths.dependencies, { recursive: true, force: true });
    await fs.rm(paths.stamp, { force: true });
    log("Building the Neo4j launcher with Maven (the first build downloads about 120 MB from Maven Central)");
    const started = Date.now();
    await runMaven(paths.dir, log);
    await fs.writeFile(paths.stamp, `${new Date().toISOString()}\n`);
    log(`Neo4j launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

function runMaven(cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const maven = spawn("mvn", ["-B", "-Dstyle.color=never", "package"], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const errors: string[] = [];
    let downloads = 0;
    const timer = setTimeout(() => maven.kill("SIGKILL"), MAVEN_TIMEOUT_MS);
    const onLine = (raw: string) => {
      const line = stripAnsi(raw).trim();
      if (line.startsWith("[ERROR]")) {
        errors.push(line);
        log(`maven: ${line}`);
      } else if (/^\[INFO\] Downloaded from /.test(line)) {
        downloads += 1;
        if (downloads === 1 || downloads % 100 === 0) log(`maven: ${downloads} files downloaded…`);
      } else if (/^\[INFO\] BUILD /.test(line)) {
        log(`maven: ${line.replace(/^\[INFO\] /, "")}`);
      } else {
        // "[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ neo4j-launcher ---"
        const step = /^\[INFO\] --- [\w.-]+:[\w.-]+:([\w-]+) /.exec(line);
        if (step) log(`maven: ${step[1]}`);
      }
    };
    readline.createInterface({ input: maven.stdout }).on("line", onLine);
    readline.createInterface({ input: maven.stderr }).on("line", onLine);
    maven.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === "ENOENT"
          ? new LocalNeo4jError(
              "Maven was not found on PATH: it builds the Neo4j launcher once; install it (apt-get install maven) " +
                USE_ANOTHER_NEO4J,
            )
          : error,
      );
    });
    maven.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        if (downloads > 0) log(`maven: ${downloads} files downloaded in all`);
        resolve();
        return;
      }
      const outcome = signal ? `was stopped (${signal})` : `failed (exit ${code})`;
      reject(
        new LocalNeo4jError(
          `Building the Neo4j launcher with Maven ${outcome}: check access to Maven Central; ` +
            `Maven said: ${meaningfulMavenError(errors) ?? "no [ERROR] line"}`,
        ),
      );
    });
  });
}

/** Maven closes a failure with generic advice; the cause is on the "Failed to execute goal" line. */
function meaningfulMavenError(errors: string[]): string | undefined {
  const lines: string[] = [];
  for (const raw of errors) {
    const line = raw.replace(/^\[ERROR\]\s*/, "").replace(/\s*-> \[Help \d+\]$/, "");
    if (raw.includes("-> [Help")) {
      if (line) lines.push(line);
      break;
    }
    if (line) lines.push(line);
  }
  const goal = lines.findIndex((line) => line.startsWith("Failed to execute goal"));
  if (goal === -1) return lines.at(-1);
  if (lines[goal].endsWith("Compilation failure") && goal + 1 < lines.length) {
    return `${lines[goal]}: ${lines[goal + 1]}`;
  }
  return lines[goal];
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

async function checkJava(): Promise<void> {
  const notFound = `Java 17 was not found on PATH: install it (apt-get install openjdk-17-jdk-headless) ${USE_ANOTHER_NEO4J}`;
  const output = await new Promise<string>((resolve, reject) => {
    const java = spawn("java", ["-version"], { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    java.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    java.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
    java.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new LocalNeo4jError(notFound) : error),
    );
    java.on("close", () => resolve(text));
  });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) throw new LocalNeo4jError(notFound);
  const major = match[1] === "1" ? Number(match[2]) : Number(match[1]);
  if (major < 17) {
    throw new LocalNeo4jError(
      `Java 17 or newer is needed but java on PATH is version ${major}: install openjdk-17-jdk-headless ${USE_ANOTHER_NEO4J}`,
    );
  }
}

function portInUseMessage(port: number): string {
  return (
    `Port ${port} is already in use: set NEO4J_PORT to a free port, ` +
    `or set NEO4J_URI to use the Neo4j that is running there`
  );
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port on 127.0.0.1 that was free a moment ago (another process may still take it). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Builds the launcher if needed, starts Neo4j and resolves once it accepts Bolt connections. */
export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  await checkJava();
  if (!(await isPortFree(opts.port))) throw new LocalNeo4jError(portInUseMessage(opts.port));
  await ensureLauncherBuilt(opts.log);
  const paths = launcherPaths();
  const dataDir = path.resolve(opts.dataDir);
  await fs.mkdir(dataDir, { recursive: true });

  const governed = { ...LOCAL_NEO4J_DEFAULTS, ...definedOnly(opts) };
  const args = [
    ...jvmOptions(governed.heap),
    "-cp",
    [paths.jar, path.join(paths.dependencies, "*")].join(path.delimiter),
    "org.baliprocess.launcher.Main",
    "--port",
    String(opts.port),
    "--data-dir",
    dataDir,
    ...(opts.pageCache ? ["--page-cache", opts.pageCache] : []),
    "--tx-memory-max",
    governed.txMemoryMax,
    "--tx-memory-total",
    governed.txMemoryTotal,
    "--tx-timeout-ms",
    String(governed.txTimeoutMs),
  ];
  // stdin stays an open pipe: the launcher exits when it closes, so it cannot outlive this process.
  // Its own process group keeps a terminal's Ctrl-C from reaching it; the caller decides when to stop.
  const child = spawn("java", args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      child.stdin?.destroy();
      resolve(code);
    }),
  );
  const stderrLines: string[] = [];
  readline.createInterface({ input: child.stderr }).on("line", (line) => {
    stderrLines.push(line);
    if (stderrLines.length > STDERR_LINES_KEPT) stderrLines.shift();
    opts.log(`neo4j: ${line.replace(/^neo4j-launcher: /, "")}`);
  });
  const stop = stopper(child, exited);

  const uri = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { uri: string } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ("uri" in outcome) resolve(outcome.uri);
      else void stop().finally(() => reject(outcome.error));
    };
    const timer = setTimeout(() => {
      const tail = stderrLines.length ? `; its last output: ${stderrLines.slice(-5).join(" | ")}` : "";
      const message =
        `Neo4j did not start within ${Math.round(opts.startTimeoutMs / 1000)} s ` +
        `(data in ${dataDir}, logs in ${path.join(dataDir, "logs")})${tail}`;
      settle({ error: new LocalNeo4jError(message) });
    }, opts.startTimeoutMs);
    child.once("error", (error) => settle({ error }));
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /^READY (bolt:\/\/\S+)$/.exec(line.trim());
      if (match) settle({ uri: match[1] });
    });
    // "close", not "exit": only then has the launcher's last stderr line been read.
    child.once("close", (code) => {
      const last = (stderrLines.at(-1) ?? "no output").replace(/^neo4j-launcher: /, "");
      const message = / is already in use/.test(last)
        ? portInUseMessage(opts.port)
        : `Neo4j exited (code ${code}) before it was ready: ${last}`;
      settle({ error: new LocalNeo4jError(message) });
    });
  });

  return { uri, port: opts.port, pid: child.pid!, stop, exited };
}

function definedOnly(opts: LocalNeo4jOptions): Partial<typeof LOCAL_NEO4J_DEFAULTS> {
  const { heap, txMemoryMax, txMemoryTotal, txTimeoutMs } = opts;
  return Object.fromEntries(
    Object.entries({ heap, txMemoryMax, txMemoryTotal, txTimeoutMs }).filter(([, v]) => v !== undefined),
  );
}

function stopper(child: ChildProcess, exited: Promise<number | null>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS);
        });
        if ((await Promise.race([exited, timedOut])) === "timeout") child.kill("SIGKILL");
        clearTimeout(timer);
      }
      await exited;
    })();
    return stopping;
  };
}
