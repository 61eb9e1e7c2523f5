import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { packageRoot } from "../src/config/package-root";
import { findFreePort } from "../src/db/local-neo4j";

/**
 * nginx in front of replicas of the server, run from deploy/nginx.conf as the current user:
 * `nginx -p <temporary folder> -c <folder>/nginx.conf -g 'daemon off;'`, with its pid, logs,
 * cache and temporary files in that folder. Used by tests/integration/replicas.int.test.ts and
 * `npm run load -- --proxy`.
 */

export const NGINX_TEMPLATE = path.join(packageRoot(), "deploy", "nginx.conf");
const ENSURE_SCRIPT = path.join(packageRoot(), "deploy", "ensure-nginx.sh");

export interface NginxValues {
  /** Where nginx listens, such as `127.0.0.1:8080`. */
  listen: string;
  /** The replicas' `host:port`, exactly two (the template's upstream has a line for each). */
  replicas: [string, string];
}

/** deploy/nginx.conf with its `${BALI_…}` placeholders filled in; nginx's own `$variables` are left alone. */
export function renderNginxConfig(
  values: NginxValues,
  template = fs.readFileSync(NGINX_TEMPLATE, "utf8"),
): string {
  const fill: Record<string, string> = {
    BALI_LISTEN: values.listen,
    BALI_REPLICA_1: values.replicas[0],
    BALI_REPLICA_2: values.replicas[1],
  };
  for (const [name, value] of Object.entries(fill)) {
    if (!/^[\w.:[\]-]+$/.test(value))
      throw new Error(`${name} must be a host:port, got ${JSON.stringify(value)}`);
  }
  const missing = Object.keys(fill).filter((name) => !template.includes(`\${${name}}`));
  if (missing.length) throw new Error(`the nginx template has no placeholder ${missing.join(", ")}`);
  return template.replace(/\$\{(BALI_\w+)\}/g, (whole, name: string) => {
    const value = fill[name];
    if (value === undefined) throw new Error(`the nginx template names an unknown placeholder ${whole}`);
    return value;
  });
}

function onPath(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin"];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The nginx executable; when there is none, deploy/ensure-nginx.sh installs Debian's package
 * (as root) or says what to install, and this throws its message.
 */
export function ensureNginx(log: (line: string) => void = () => undefined): string {
  const found = onPath("nginx");
  if (found) return found;
  log("nginx is not installed: running deploy/ensure-nginx.sh");
  const run = spawnSync("bash", [ENSURE_SCRIPT], { encoding: "utf8", stdio: ["ignore", "inherit", "pipe"] });
  const installed = onPath("nginx");
  if (run.status !== 0 || !installed) {
    throw new Error(
      `nginx is needed and could not be installed: ${run.stderr.trim() || `exit ${run.status}`}`,
    );
  }
  return installed;
}

export interface RunningNginx {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  pid: number;
  /** The folder given to `nginx -p`: nginx.conf, logs/, cache/. */
  prefix: string;
  /** The access log, one line per request (deploy/nginx.conf's `graph` format); a long load writes more than a string may hold. */
  accessLogFile: string;
  alive(): boolean;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** nginx from deploy/nginx.conf on a free port of 127.0.0.1, in front of `replicas` (`host:port` each). */
export async function startNginx(
  replicas: [string, string],
  log: (line: string) => void = () => undefined,
): Promise<RunningNginx> {
  const nginx = ensureNginx(log);
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "bali-nginx-"));
  // Run as root, nginx's workers run as `nobody`: they must be able to enter the folder.
  fs.chmodSync(prefix, 0o755);
  fs.mkdirSync(path.join(prefix, "logs"));
  const port = await findFreePort();
  const conf = path.join(prefix, "nginx.conf");
  fs.writeFileSync(conf, renderNginxConfig({ listen: `127.0.0.1:${port}`, replicas }));
  const child: ChildProcess = spawn(nginx, ["-p", `${prefix}/`, "-c", conf, "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const errorLog = () => {
    try {
      return fs.readFileSync(path.join(prefix, "logs", "error.log"), "utf8");
    } catch {
      return "";
    }
  };
  const stop = async () => {
    if (alive()) {
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(prefix, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (!alive() || Date.now() > deadline) {
      const why = `${stderr}${errorLog()}`.trim();
      await stop();
      throw new Error(`nginx did not start${why ? `: ${why}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = `http://127.0.0.1:${port}`;
  log(`nginx ${url} (pid ${child.pid}) in front of ${replicas.join(" and ")}, files in ${prefix}`);
  return {
    url,
    pid: child.pid!,
    prefix,
    accessLogFile: path.join(prefix, "logs", "access.log"),
    alive,
    stop,
  };
}
