import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import neo4j from "neo4j-driver";
import {
  type LocalNeo4j,
  LocalNeo4jError,
  ensureLauncherBuilt,
  findFreePort,
  startLocalNeo4j,
} from "../../src/db/local-neo4j";

// The first run builds the launcher with Maven and downloads Neo4j; later ones take seconds.
const BUILD_TIMEOUT_MS = 20 * 60_000;
const START_TIMEOUT_MS = 180_000;

const logLines: string[] = [];
const log = (line: string) => logLines.push(line);

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("local Neo4j launcher", () => {
  let dataDir: string;
  let started: LocalNeo4j | undefined;

  beforeAll(async () => {
    await ensureLauncherBuilt(log);
  }, BUILD_TIMEOUT_MS);

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "local-neo4j-test-"));
  });

  afterEach(async () => {
    await started?.stop();
    started = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    "starts a Neo4j that answers over Bolt, with or without credentials, and stops it",
    async () => {
      const port = await findFreePort();
      const local = await startLocalNeo4j({
        port,
        dataDir,
        startTimeoutMs: START_TIMEOUT_MS,
        pageCache: "64m",
        log,
      });
      started = local;
      expect(local.uri).toBe(`bolt://127.0.0.1:${port}`);

      // Authentication is off; drivers configured with a user and password must still get in.
      for (const auth of [undefined, neo4j.auth.basic("neo4j", "anything")]) {
        const driver = neo4j.driver(local.uri, auth);
        try {
          const result = await driver.executeQuery("RETURN 1 AS one");
          expect(result.records[0].get("one").toNumber()).toBe(1);
        } finally {
          await driver.close();
        }
      }

      await local.stop();
      await local.stop(); // idempotent
      await expect(local.exited).resolves.toBe(143); // the JVM's code for a clean stop on SIGTERM
      expect(isAlive(local.pid)).toBe(false);
      expect(await canConnect(port)).toBe(false);
      expect(fs.existsSync(path.join(dataDir, "data", "databases", "neo4j"))).toBe(true);
    },
    START_TIMEOUT_MS + 60_000,
  );

  it("refuses a port that is already taken, saying which and what to do", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 0, host: "127.0.0.1" }, resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const attempt = startLocalNeo4j({ port, dataDir, startTimeoutMs: START_TIMEOUT_MS, log });
      await expect(attempt).rejects.toBeInstanceOf(LocalNeo4jError);
      await expect(attempt).rejects.toThrow(`Port ${port} is already in use`);
      await expect(attempt).rejects.toThrow(/set NEO4J_PORT to a free port, or set NEO4J_URI/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
