import path from "node:path";
import { packageRoot } from "../src/config/package-root";
import { writeMarkdown, writeReport } from "./report";
import { type BenchOptions, runBench } from "./run";

const USAGE = `usage: npm run bench -- [--scale 10k] [--seed N] [--rounds N] [--seconds S] [--c10-seconds S]
  [--warmup S] [--min-requests N] [--page-cache SIZE] [--only name,name] [--in-process] [--cpu-prof DIR] [--out DIR]
  npm run bench -- --report-only [--out DIR]   (rewrites results.md from the results-*.json there)`;

/** "10k" → 10000, "1.5m" → 1500000, "300" → 300. */
export function parseScale(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--scale must be a number such as 300, 10k or 100k, not ${text}`);
  const factor = { "": 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as "" | "k" | "m"];
  const scale = Math.round(Number(match[1]) * factor);
  if (scale < 100) throw new Error("--scale must be at least 100 entities");
  return scale;
}

function parseArgs(argv: string[]): { options: BenchOptions; outDir: string; reportOnly: boolean } {
  const root = packageRoot();
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (name === "--in-process" || name === "--help" || name === "--report-only") flags.add(name);
    else if (name.startsWith("--") && argv[i + 1] !== undefined) values.set(name, argv[++i]!);
    else throw new Error(`Unexpected argument ${name}\n${USAGE}`);
  }
  if (flags.has("--help")) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const known = [
    "--scale",
    "--seed",
    "--rounds",
    "--seconds",
    "--c10-seconds",
    "--warmup",
    "--min-requests",
    "--page-cache",
    "--only",
    "--out",
    "--cpu-prof",
  ];
  for (const name of values.keys())
    if (!known.includes(name)) throw new Error(`Unknown option ${name}\n${USAGE}`);
  const number = (name: string, fallback: number) => {
    const value = values.get(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0)
      throw new Error(`${name} must be a positive number, not ${value}`);
    return parsed;
  };
  const scaleLabel = (values.get("--scale") ?? "10k").toLowerCase();
  const scale = parseScale(scaleLabel);
  const options: BenchOptions = {
    scale,
    scaleLabel,
    seed: number("--seed", 20_240_601),
    dataDir: path.join(root, ".data", `bench-${scaleLabel}`),
    pageCache: values.get("--page-cache") ?? (scale > 50_000 ? "1g" : "512m"),
    rounds: number("--rounds", 2),
    c1Seconds: number("--seconds", 3),
    c10Seconds: number("--c10-seconds", 3),
    warmupSeconds: number("--warmup", 1),
    minRequests: number("--min-requests", 100),
    concurrency: 10,
    serverMode: flags.has("--in-process") ? "in-process" : "child",
    only: values.get("--only")?.split(",").filter(Boolean) ?? [],
    cpuProfileDir: values.has("--cpu-prof") ? path.resolve(values.get("--cpu-prof")!) : undefined,
    command: `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
    log: (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
  };
  return {
    options,
    outDir: path.resolve(values.get("--out") ?? path.join(root, "bench")),
    reportOnly: flags.has("--report-only"),
  };
}

async function main(): Promise<void> {
  const { options, outDir, reportOnly } = parseArgs(process.argv.slice(2));
  if (reportOnly) {
    options.log(`Rewritten ${await writeMarkdown(outDir)}`);
    return;
  }
  const result = await runBench(options);
  const files = await writeReport(result, outDir);
  options.log(`Done in ${(result.seconds / 60).toFixed(1)} min: ${files.join(", ")}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
