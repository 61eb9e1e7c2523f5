import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/log/logger";
import type { SeedStatus } from "../../src/model/seed-status";
import { CurationRepository } from "../../src/repository/curation.repository";
import { type Runtime, SEED_DIR, startRuntime } from "../../src/runtime";
import { seedFingerprint } from "../../src/seed/fingerprint";
import { importSeed } from "../../src/seed/importer";
import { readSeed } from "../../src/seed/read-seed";
import { type TestDatabase, openTestDatabase, testNeo4jUri } from "../support/database";
import { seedDatabase } from "../support/seed";

/** A copy of seed/ in a temp dir, as an older data set: one place spelled differently. */
function olderSeed(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-seed-older-"));
  fs.cpSync(SEED_DIR(), dir, { recursive: true });
  const file = path.join(dir, "places.json");
  const places = JSON.parse(fs.readFileSync(file, "utf8")) as { id: string; name: string }[];
  places.find((p) => p.id === "bali")!.name = "Bali (older data set)";
  fs.writeFileSync(file, JSON.stringify(places, null, 2) + "\n");
  return dir;
}

/** What `npm start` does, against the test Neo4j, with the given seed folder. */
async function start(seedDir: string): Promise<{ runtime: Runtime; lines: string[] }> {
  const lines: string[] = [];
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: testNeo4jUri(),
    NEO4J_USERNAME: process.env.NEO4J_TEST_USERNAME ?? "neo4j",
    NEO4J_PASSWORD: process.env.NEO4J_TEST_PASSWORD ?? "",
    NEO4J_DATABASE: process.env.NEO4J_TEST_DATABASE ?? "neo4j",
    PORT: "0",
    HOST: "127.0.0.1",
    SEED_ON_START: "true",
  });
  const runtime = await startRuntime(
    config,
    createLogger("info", (l) => lines.push(l)),
    { seedDir },
  );
  return { runtime, lines };
}

async function readiness(runtime: Runtime): Promise<{ status: number; body: { seed?: SeedStatus } }> {
  const response = await fetch(`${runtime.app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { seed?: SeedStatus } };
}

describe("a changed seed/ reaches an existing graph at start-up", () => {
  let db: TestDatabase;
  let older: string;

  const baliName = async () =>
    (await db.executor.read(`MATCH (n:Entity {id: "bali"}) RETURN n.name AS name`))[0]!.name as string;

  async function loadOlder(): Promise<void> {
    await importSeed(db.executor, readSeed(older), {
      reset: true,
      fingerprint: seedFingerprint(older),
      log: () => undefined,
    });
  }

  beforeAll(() => {
    db = openTestDatabase();
    older = olderSeed();
  });

  afterAll(async () => {
    // Leave the test database as the other files expect it: exactly seed/.
    await seedDatabase(db.executor);
    await db.close();
    fs.rmSync(older, { recursive: true, force: true });
  });

  it("fingerprints the data files: a changed entity changes it, the README does not", () => {
    expect(seedFingerprint(older)).not.toBe(seedFingerprint(SEED_DIR()));
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "bali-seed-copy-"));
    fs.cpSync(SEED_DIR(), copy, { recursive: true });
    fs.appendFileSync(path.join(copy, "README.md"), "\nA note.\n");
    expect(seedFingerprint(copy)).toBe(seedFingerprint(SEED_DIR()));
    fs.rmSync(copy, { recursive: true, force: true });
  });

  it("replaces a graph loaded from an older data set when nothing was curated since", async () => {
    await loadOlder();
    expect(await baliName()).toBe("Bali (older data set)");

    const { runtime, lines } = await start(SEED_DIR());
    try {
      expect(await baliName()).toBe("Bali");
      const { status, body } = await readiness(runtime);
      expect(status).toBe(200);
      expect(body.seed).toMatchObject({
        current: true,
        action: "reimported",
        fingerprint: seedFingerprint(SEED_DIR()),
        graphFingerprint: seedFingerprint(SEED_DIR()),
        curatedSinceImport: 0,
      });
      expect(lines.join("\n")).toMatch(/has changed .* nothing was curated since: re-importing it/);
    } finally {
      await runtime.stop();
    }

    // The next start finds the graph current and leaves it alone.
    const again = await start(SEED_DIR());
    try {
      expect((await readiness(again.runtime)).body.seed).toMatchObject({
        current: true,
        action: "unchanged",
      });
    } finally {
      await again.runtime.stop();
    }
  }, 120000);

  it("keeps a graph curated since its import, and says so in the log and in /readyz", async () => {
    await loadOlder();
    await new CurationRepository(db.executor).createEntity(
      "seed-sync-test",
      (sources) => ({
        kind: "Place",
        id: "curated-town",
        type: "city",
        name: "Curated Town",
        aliases: [],
        sources,
      }),
      { citations: [{ sourceId: "001", firstLine: 1, lastLine: 1 }], newSources: [] },
    );

    const { runtime, lines } = await start(SEED_DIR());
    try {
      expect(await baliName()).toBe("Bali (older data set)");
      const [curated] = await db.executor.read(`MATCH (n:Entity {id: "curated-town"}) RETURN n.name AS name`);
      expect(curated?.name).toBe("Curated Town");

      const { status, body } = await readiness(runtime);
      expect(status).toBe(200);
      expect(body.seed).toMatchObject({
        current: false,
        action: "kept",
        fingerprint: seedFingerprint(SEED_DIR()),
        graphFingerprint: seedFingerprint(older),
        curatedSinceImport: 1,
        hint: expect.stringMatching(/npm run export .*npm run seed -- --reset/),
      });
      const warning = lines.find((l) => / warn /.test(l) && /has changed/.test(l));
      expect(warning).toMatch(/1 curated change\(s\) were made since, so the graph is kept.*npm run export/);
    } finally {
      await runtime.stop();
    }
  }, 120000);

  it("re-imports a graph seeded before fingerprints were recorded, and never replaces one not loaded from seed/", async () => {
    await seedDatabase(db.executor); // the importer's marks, no fingerprint
    const first = await start(SEED_DIR());
    try {
      expect((await readiness(first.runtime)).body.seed).toMatchObject({
        current: true,
        action: "reimported",
      });
    } finally {
      await first.runtime.stop();
    }

    await db.executor.write("MATCH (n) DETACH DELETE n");
    await db.executor.write(`CREATE (:Entity:Place {id: "elsewhere", kind: "Place", name: "Elsewhere"})`);
    const second = await start(SEED_DIR());
    try {
      expect((await readiness(second.runtime)).body.seed).toMatchObject({
        current: false,
        action: "kept",
        graphFingerprint: null,
        hint: expect.stringMatching(/npm run seed -- --reset/),
      });
      const rows = await db.executor.read("MATCH (n:Entity) RETURN n.id AS id");
      expect(rows.map((r) => r.id)).toEqual(["elsewhere"]);
    } finally {
      await second.runtime.stop();
    }
  }, 120000);
});
