import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { countGraph } from "../../src/seed/importer";
import { type TestDatabase, openTestDatabase, testNeo4jUri } from "../support/database";

const run = promisify(execFile);
const root = path.join(__dirname, "../..");

/** Runs `node dist/src/seed/cli.js` against the test Neo4j; never throws on a non-zero exit. */
async function seedCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", ["dist/src/seed/cli.js", ...args], {
      cwd: root,
      env: {
        ...process.env,
        NEO4J_URI: testNeo4jUri(),
        NEO4J_PASSWORD: process.env.NEO4J_TEST_PASSWORD ?? "",
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function copySeedWith(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-seed-"));
  fs.cpSync(path.join(root, "seed"), dir, { recursive: true });
  change(dir);
  return dir;
}

describe("npm run seed", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    await run("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root });
    db = openTestDatabase();
  }, 120000);

  afterAll(async () => {
    await db.close();
  });

  it("loads seed/ and prints the count per label and relationship type", async () => {
    const { code, stdout } = await seedCli("--reset");

    expect(code).toBe(0);
    const counts = await countGraph(db.executor);
    expect(stdout).toContain(`State${" ".repeat(19)} ${counts.labels.State}`);
    expect(stdout).toContain(`CO_CHAIRS${" ".repeat(15)} ${counts.relationshipTypes.CO_CHAIRS}`);
  });

  it("refuses a file that is not JSON, naming file, line and column, and changes nothing", async () => {
    const before = await countGraph(db.executor);
    const dir = copySeedWith((d) => fs.appendFileSync(path.join(d, "states.json"), "\n{ broken"));

    const { code, stderr } = await seedCli("--dir", dir);

    expect(code).toBe(1);
    expect(stderr).toMatch(/states\.json:\d+:\d+: invalid JSON/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await countGraph(db.executor)).toEqual(before);
  });

  it("refuses a relationship to an unknown id, naming it, and changes nothing", async () => {
    const before = await countGraph(db.executor);
    const dir = copySeedWith((d) => {
      const file = path.join(d, "relationships-membership.json");
      const rows = JSON.parse(fs.readFileSync(file, "utf8")) as { to: string }[];
      rows[0]!.to = "atlantis";
      fs.writeFileSync(file, JSON.stringify(rows));
    });

    const { code, stderr } = await seedCli("--dir", dir, "--reset");

    expect(code).toBe(1);
    expect(stderr).toContain("relationships-membership.json");
    expect(stderr).toContain("atlantis");
    expect(await countGraph(db.executor)).toEqual(before);
  });

  it("explains its usage on an unknown option", async () => {
    const { code, stderr } = await seedCli("--frobnicate");

    expect(code).toBe(2);
    expect(stderr).toContain("usage: npm run seed");
  });
});
