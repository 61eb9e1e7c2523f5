import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeMarkdown, writeReport } from "../../bench/report";
import { type BenchResult, TARGETS, runBench } from "../../bench/run";
import { testNeo4jUri } from "../support/database";
import { seedTestDatabase } from "../support/seed";

/**
 * `npm run bench` end to end at a tiny scale: the synthetic graph (in the test Neo4j,
 * which gets the seed back afterwards), both GraphQL servers and raw Cypher. The bench
 * fails by itself when the three answers to a question differ; nothing here looks at
 * timings.
 */
describe("the benchmark at a tiny scale", () => {
  let outDir: string;
  let result: BenchResult;

  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-bench-out-"));
  });

  afterAll(async () => {
    fs.rmSync(outDir, { recursive: true, force: true });
    await seedTestDatabase();
  });

  it("runs every question three ways, with the answers agreeing", async () => {
    result = await runBench({
      scale: 300,
      scaleLabel: "300",
      seed: 7,
      neo4jUri: testNeo4jUri(),
      dataDir: "",
      pageCache: "",
      rounds: 1,
      c1Seconds: 0.2,
      // autocannon measures whole seconds: a shorter run can end before its first request.
      c10Seconds: 1,
      warmupSeconds: 0.05,
      minRequests: 3,
      concurrency: 4,
      serverMode: "in-process",
      only: [],
      command: "bench smoke test",
      log: () => undefined,
    });

    expect(result.questions.map((q) => q.name)).toEqual([
      "lookup",
      "list-100-one-hop",
      "nested-2",
      "nested-3",
      "relationship-filter",
      "sort-by-relationship-count",
      "neighbourhood-depth-2",
      "shortest-path",
    ]);
    for (const question of result.questions) {
      for (const target of TARGETS) {
        expect(question.targets[target].c1.requests).toBeGreaterThan(0);
        expect(question.targets[target].c10.requests).toBeGreaterThan(0);
        expect(question.targets[target].dbHits).toBeGreaterThan(0);
      }
      // The statements the look-ahead leaves, and the library's single statement.
      expect({ question: question.name, roundTrips: question.targets.ours.roundTrips }).toEqual({
        question: question.name,
        roundTrips: question.expectedRoundTrips,
      });
      expect(question.targets.neo4jGraphql.roundTrips).toBe(1);
      // And this server with its response cache warm, whose answers were checked to be the same.
      expect(question.warmCache?.c1.requests).toBeGreaterThan(0);
      expect(question.warmCache?.c10.requests).toBeGreaterThan(0);
    }
  }, 120_000);

  it("writes the report, the chart and the JSON", async () => {
    const files = await writeReport(result, outDir);

    expect(files.map((f) => path.basename(f))).toEqual(["results.md", "results-300.json", "ratios-300.svg"]);
    const markdown = fs.readFileSync(path.join(outDir, "results.md"), "utf8");
    expect(markdown).toContain("## Scale 300");
    // Each question's warm-cache throughput and its ratio to raw Cypher, in the headline.
    // (prettier pads the table's cells)
    const lookup = markdown.split("\n").find((line) => /^\| Lookup by id +\|/.test(line));
    const warm = result.questions[0]!.warmCache!.c10.throughput;
    expect(lookup).toContain(`| ${warm >= 100 ? warm.toFixed(0) : warm.toFixed(1)}, **`);
    expect(markdown).toContain("warm cache vs raw");
    expect(fs.readFileSync(path.join(outDir, "ratios-300.svg"), "utf8")).toMatch(/^<svg[^>]*>/);
  });

  it("shows each question's growth from one scale to the next, over the JSON files of every scale", async () => {
    // A larger scale's results beside this one: half the throughput, twice the latency and db hits.
    const half = (t: BenchResult["questions"][number]["targets"]["ours"]) => ({
      ...t,
      dbHits: t.dbHits * 2,
      c1: { ...t.c1, p50: t.c1.p50 * 2 },
      c10: { ...t.c10, throughput: t.c10.throughput / 2 },
    });
    const larger: BenchResult = {
      ...result,
      settings: { ...result.settings, scaleLabel: "3k" },
      graph: { ...result.graph, entities: result.graph.entities * 10 },
      questions: result.questions.map((q) => ({
        ...q,
        targets: { ...q.targets, ours: half(q.targets.ours), raw: half(q.targets.raw) },
      })),
    };
    fs.writeFileSync(path.join(outDir, "results-3k.json"), JSON.stringify(larger));

    const markdown = fs.readFileSync(await writeMarkdown(outDir), "utf8");
    const growth = markdown.slice(
      markdown.indexOf("## Growth from 300 to 3k"),
      markdown.indexOf("## Scale 300"),
    );
    const sortRow = growth.split("\n").find((line) => line.startsWith("| Sort by a relationship count"));

    expect(growth).toContain("The graph grows 10.0×");
    const cells = sortRow!.split("|").map((cell) => cell.trim());
    expect(cells.slice(2, 5)).toEqual(["**0.50×** / 0.50×", "2.00× / 2.00×", "2.00× / 2.00×"]);
  });
});
