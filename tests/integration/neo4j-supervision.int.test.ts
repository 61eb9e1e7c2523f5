import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { neo4jPidOnPort } from "../../bench/abuse";
import { findFreePort } from "../../src/db/local-neo4j";

const ROOT = path.join(__dirname, "../..");
const KEY = "tester:supervision-test-secret-0123";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Readiness {
  status: string;
  database: boolean;
  localNeo4j?: { state: string; restarts: number };
}

/**
 * `npm start`'s server with its own local Neo4j, which is killed (SIGKILL) under traffic: the
 * server reports not ready, restarts it, serves again, and no acknowledged write is lost.
 */
describe("the local Neo4j, supervised by the server", () => {
  let child: ChildProcess;
  let url: string;
  let boltPort: number;
  let dataDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-supervision-"));
    boltPort = await findFreePort();
    child = spawn(process.execPath, [path.join(ROOT, "dist/src/main.js")], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: "0",
        HOST: "127.0.0.1",
        NEO4J_URI: "",
        NEO4J_PORT: String(boltPort),
        NEO4J_DATA_DIR: dataDir,
        NEO4J_PAGE_CACHE: "64m",
        NEO4J_MAX_RESTARTS: "3",
        API_KEYS: KEY,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const ready = new Promise<string>((resolve, reject) => {
      for (const stream of [child.stdout!, child.stderr!]) {
        readline.createInterface({ input: stream }).on("line", (line) => {
          lines.push(line);
          const match = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(line);
          if (match) resolve(match[1]!);
        });
      }
      child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${lines.join("\n")}`)));
    });
    url = await ready;
  }, 300_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const readiness = async () => {
    const response = await fetch(`${url}/readyz`);
    return { status: response.status, body: (await response.json()) as Readiness };
  };
  const write = async (seq: number) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY.split(":")[1]}` },
      body: JSON.stringify({
        query: `mutation($id: ID!, $name: String!) {
          createEntity(input: { kind: PLACE, id: $id, name: $name, type: "city" }, provenance: { sources: [{ sourceId: "003", firstLine: 33, lastLine: 33 }] }) { entity { id } }
        }`,
        variables: { id: `probe-${seq}`, name: `Probe ${seq}` },
      }),
    });
    const body = (await response.json()) as { data?: { createEntity?: unknown }; errors?: unknown[] };
    return response.status === 200 && !body.errors && body.data?.createEntity ? "acknowledged" : "refused";
  };

  it("restarts a killed Neo4j, reports not ready meanwhile, serves again and keeps every acknowledged write", async () => {
    expect((await readiness()).body.localNeo4j).toEqual({ state: "running", restarts: 0 });
    const pid = neo4jPidOnPort(boltPort);
    expect(pid).toBeDefined();

    const acknowledged: number[] = [];
    const statuses = new Set<number>();
    const readinessSeen: string[] = [];
    let running = true;
    const writer = (async () => {
      for (let seq = 0; running; seq += 1) {
        if ((await write(seq)) === "acknowledged") acknowledged.push(seq);
        await sleep(100);
      }
    })();
    // Readiness is probed on its own: a GraphQL read caught by the restart waits for the
    // driver's retries, and would hide the restart from a probe that follows it.
    const reader = (async () => {
      while (running) {
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: '{ state(id: "NZ") { name } }' }),
        });
        statuses.add(response.status);
        await response.text();
        await sleep(100);
      }
    })();
    const prober = (async () => {
      while (running) {
        const ready = await readiness();
        readinessSeen.push(`${ready.status}:${ready.body.status}`);
        await sleep(100);
      }
    })();
    while (acknowledged.length < 5) await sleep(100);

    process.kill(pid!, "SIGKILL");
    // Back within the start time of a Neo4j, plus the first restart's wait.
    let back = false;
    for (let waited = 0; waited < 120_000 && !back; waited += 500) {
      await sleep(500);
      const ready = await readiness();
      back = ready.status === 200 && ready.body.localNeo4j?.restarts === 1;
    }
    const ackedWhenBack = acknowledged.length;
    while (acknowledged.length < ackedWhenBack + 5) await sleep(100);
    running = false;
    await Promise.all([writer, reader, prober]);

    expect(back).toBe(true);
    expect(neo4jPidOnPort(boltPort)).not.toBe(pid);
    expect(readinessSeen).toContain("503:restarting");
    expect(readinessSeen.at(-1)).toBe("200:ready");
    expect([...statuses].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(lines.join("\n")).toMatch(/The local Neo4j exited unexpectedly .*restarting it/);
    expect(lines.join("\n")).toMatch(/The local Neo4j is running again/);
    // Every acknowledged write, before, during and after the restart, is there.
    const ids = acknowledged.map((seq) => `probe-${seq}`);
    const stored = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", variables: { ids } }),
    });
    const found = ((await stored.json()) as { data: { nodes: ({ id: string } | null)[] } }).data.nodes;
    expect(found.filter((node) => node === null)).toEqual([]);
    // Each with its audit entry, written in the same transaction as the change.
    const trail = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY.split(":")[1]}` },
      body: JSON.stringify({
        query: `{ auditTrail(limit: 100, actor: "${KEY.split(":")[0]}") { targetId action } }`,
      }),
    });
    const entries = ((await trail.json()) as { data: { auditTrail: { targetId: string; action: string }[] } })
      .data.auditTrail;
    const audited = new Set(entries.filter((e) => e.action === "CREATE_ENTITY").map((e) => e.targetId));
    expect(ids.slice(-100).filter((id) => !audited.has(id))).toEqual([]);
    expect(child.exitCode).toBeNull();
  }, 240_000);
});
