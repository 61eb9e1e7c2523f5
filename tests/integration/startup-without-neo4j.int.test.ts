import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { findFreePort } from "../../src/db/local-neo4j";

const ROOT = path.join(__dirname, "../..");
const START_TIMEOUT_MS = 6000;

interface Run {
  lines: string[];
  exitCode: number | null;
  /** What the server answered while it waited for Neo4j. */
  whileWaiting: { healthz: number; readyz: number; graphql: number; graphqlBody: string };
}

/** Runs the built server against a port where nothing listens, probing it while it waits. */
async function runAgainstClosedPort(): Promise<Run> {
  const closedPort = await findFreePort();
  const child = spawn(process.execPath, [path.join(ROOT, "dist/src/main.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEO4J_URI: `bolt://127.0.0.1:${closedPort}`,
      NEO4J_START_TIMEOUT_MS: String(START_TIMEOUT_MS),
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const listening = new Promise<string>((resolve) => {
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => {
        lines.push(line);
        const match = /Listening on (http:\/\/\S+)/.exec(line);
        if (match) resolve(match[1]!);
      });
    }
  });
  const url = await Promise.race([listening, exited.then(() => undefined)]);
  if (!url) throw new Error(`the server exited before listening:\n${lines.join("\n")}`);
  const graphql = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ baliProcess { id } }" }),
  });
  const whileWaiting = {
    healthz: (await fetch(`${url}/healthz`)).status,
    readyz: (await fetch(`${url}/readyz`)).status,
    graphql: graphql.status,
    graphqlBody: await graphql.text(),
  };
  const exitCode = await exited;
  return { lines, exitCode, whileWaiting };
}

describe("start-up without a reachable Neo4j", () => {
  let run: Run;

  beforeAll(async () => {
    // The test runs what `npm start` runs: the compiled server.
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
    run = await runAgainstClosedPort();
  }, 180_000);

  it("answers alive but not ready while it waits, and refuses GraphQL as unavailable", () => {
    expect(run.whileWaiting.healthz).toBe(200);
    expect(run.whileWaiting.readyz).toBe(503);
    expect(run.whileWaiting.graphql).toBe(503);
    expect(JSON.parse(run.whileWaiting.graphqlBody)).toEqual({
      errors: [
        {
          message: expect.stringMatching(/starting/),
          extensions: { code: "SERVICE_UNAVAILABLE", retryable: true },
        },
      ],
    });
  });

  it("says which Neo4j it waits for and why, while it retries", () => {
    const retries = run.lines.filter((l) => /Neo4j at bolt:\/\/127\.0\.0\.1:\d+ does not answer yet/.test(l));

    // The first failure at once, then one line every 5 s.
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries[0]).toMatch(/\(0 s of 6 s\): .+; retrying$/);
  });

  // When it gives up is the wait's own (tests/unit/wait.test.ts, on a fake clock); here, that
  // it gives up by itself, after retrying, and says why.
  it(`gives up after NEO4J_START_TIMEOUT_MS with a one-line reason and a non-zero exit`, () => {
    expect(run.exitCode).not.toBe(0);
    expect(run.exitCode).not.toBeNull();
    expect(run.lines.at(-1)).toMatch(
      /^Start-up failed: Neo4j at bolt:\/\/127\.0\.0\.1:\d+ did not answer within 6000 ms: check NEO4J_URI/,
    );
    expect(run.lines.join("\n")).not.toMatch(/\n\s+at /);
  });
});
