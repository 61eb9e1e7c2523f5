import { promises as fs } from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { BenchResult, QuestionResult } from "./run";

/** Throughput targets against @neo4j/graphql: 1.5× on nested and filtered questions, 1.0× elsewhere. */
const THROUGHPUT_TARGET: Record<string, number> = {
  "nested-2": 1.5,
  "nested-3": 1.5,
  "relationship-filter": 1.5,
};
export const throughputTarget = (name: string) => THROUGHPUT_TARGET[name] ?? 1.0;
export const LATENCY_TARGET = 1.3;
/** Throughput with the response cache warm, at least this many times raw Cypher's on every question. */
export const WARM_TARGET = 2;

export interface Ratios {
  /** Requests per second, this server ÷ @neo4j/graphql: above 1 is faster. */
  throughputC1: number;
  throughputC10: number;
  /** p50 latency at concurrency 1, this server ÷ raw Cypher: 1 is the floor. */
  p50VsRaw: number;
  p50VsRawC10: number;
  /** p50 latency at concurrency 1, this server ÷ @neo4j/graphql: below 1 is faster. */
  p50VsNeo4jGraphql: number;
  /** Requests per second, this server ÷ raw Cypher. */
  throughputVsRawC10: number;
  /** Requests per second at c10 with the response cache warm, ÷ raw Cypher (NaN when not measured). */
  warmVsRawC10: number;
}

export function ratios(q: QuestionResult): Ratios {
  const { ours, neo4jGraphql, raw } = q.targets;
  return {
    throughputC1: ours.c1.throughput / neo4jGraphql.c1.throughput,
    throughputC10: ours.c10.throughput / neo4jGraphql.c10.throughput,
    p50VsRaw: ours.c1.p50 / raw.c1.p50,
    p50VsRawC10: ours.c10.p50 / raw.c10.p50,
    p50VsNeo4jGraphql: ours.c1.p50 / neo4jGraphql.c1.p50,
    throughputVsRawC10: ours.c10.throughput / raw.c10.throughput,
    warmVsRawC10: q.warmCache ? q.warmCache.c10.throughput / raw.c10.throughput : NaN,
  };
}

// Figures read back from JSON: a measurement with no completed request holds null (NaN).
const finite = (v: number | null): v is number => typeof v === "number" && Number.isFinite(v);
const ms = (v: number | null) =>
  !finite(v) ? "–" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
const rps = (v: number | null) => (!finite(v) ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const x = (v: number | null) => (!finite(v) ? "–" : `${v.toFixed(2)}×`);
const mark = (ok: boolean) => (ok ? "met" : "**missed**");
const atLeast = (v: number, target: number) => finite(v) && v >= target;
const atMost = (v: number, target: number) => finite(v) && v <= target;
const int = (v: number) => v.toLocaleString("en-US");
const kib = (v: number | undefined) => (v === undefined ? "–" : (v / 1024).toFixed(1));
const cpu = (v: number | null) => (v === null ? "–" : ms(v));

function scaleSection(result: BenchResult): string {
  const label = result.settings.scaleLabel;
  const c = result.settings.concurrency;
  const lines: string[] = [];
  const g = result.graph;
  lines.push(`## Scale ${label}: ${int(g.entities)} entities, ${int(g.relationships)} relationships`);
  lines.push("");
  lines.push(
    `Run ${result.startedAt.slice(0, 16).replace("T", " ")} UTC in ${(result.seconds / 60).toFixed(1)} min with \`${result.command}\`. ` +
      `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGiB} GiB, ${result.machine.os}, Node ${result.machine.node}. ` +
      `Neo4j ${result.versions.neo4j} (embedded, page cache ${result.settings.pageCache}, heap ≤ 1 GiB) on the same machine.`,
  );
  lines.push("");
  const other = result.machine.otherCores;
  const busy = other === null || other === undefined ? null : other;
  lines.push(
    busy === null
      ? `Load average (1 min) at start ${result.machine.loadAverage.start[0]!.toFixed(1)}.`
      : `Other processes used ${busy.toFixed(2)} of the ${result.machine.cpus} cores on average while questions were measured` +
          (busy > 0.25
            ? `: **other work was running on the machine**, which inflates absolute latencies; the sides took turns, so their ratios are fairer than the absolute figures, and CPU ms/request is the least affected.`
            : " (an otherwise idle machine)."),
  );
  lines.push("");
  lines.push(
    `Versions: ${Object.entries(result.versions)
      .filter(([name]) => name !== "neo4j")
      .map(([name, v]) => `${name} ${v}`)
      .join(", ")}.`,
  );
  lines.push("");
  lines.push(
    `Each side: ${result.settings.warmupSeconds} s warm-up, then ${result.settings.rounds} rounds of ` +
      `${result.settings.c1Seconds} s at concurrency 1 (at least ${result.settings.minRequests} requests) and ` +
      `${result.settings.c10Seconds} s at concurrency ${c}, the three sides taking turns. Servers ran ${result.memory.serverMode === "child" ? "as child processes" : "inside the bench process"}.`,
  );
  lines.push("");
  lines.push(`![Ratios per question at ${label}](ratios-${label}.svg)`);
  lines.push("");

  lines.push(`### Headline`);
  lines.push("");
  lines.push(
    `| question | req/s c${c}: this / neo4j-graphql / raw | this ÷ neo4j-graphql | warm cache: req/s c${c}, ÷ raw | p50 ms c1: this / neo4j-graphql / raw | this ÷ raw | round trips: this (bound) / neo4j-graphql | db hits: this / neo4j-graphql / raw | KiB from Neo4j: this / neo4j-graphql / raw |`,
  );
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const q of result.questions) {
    const { ours, neo4jGraphql, raw } = q.targets;
    const r = ratios(q);
    const warm = q.warmCache ? `${rps(q.warmCache.c10.throughput)}, **${x(r.warmVsRawC10)}**` : "–";
    lines.push(
      `| ${q.title} | ${rps(ours.c10.throughput)} / ${rps(neo4jGraphql.c10.throughput)} / ${rps(raw.c10.throughput)} | ` +
        `**${x(r.throughputC10)}** | ${warm} | ${ms(ours.c1.p50)} / ${ms(neo4jGraphql.c1.p50)} / ${ms(raw.c1.p50)} | **${x(r.p50VsRaw)}** | ` +
        `${ours.roundTrips} (≤ ${q.roundTripBound}) / ${neo4jGraphql.roundTrips} | ${int(ours.dbHits)} / ${int(neo4jGraphql.dbHits)} / ${int(raw.dbHits)} | ` +
        `${kib(ours.bytes)} / ${kib(neo4jGraphql.bytes)} / ${kib(raw.bytes)} |`,
    );
  }
  lines.push("");

  lines.push(`### Targets`);
  lines.push("");
  lines.push(
    `| question | throughput c${c} vs neo4j-graphql (target) | | warm cache vs raw c${c} (≥ ${WARM_TARGET}×) | | p50 c1 vs raw (≤ ${LATENCY_TARGET}×) | | round trips ≤ root + levels | |`,
  );
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const q of result.questions) {
    const r = ratios(q);
    const target = throughputTarget(q.name);
    const trips = q.targets.ours.roundTrips;
    lines.push(
      `| ${q.title} | ${x(r.throughputC10)} (≥ ${target}×) | ${mark(atLeast(r.throughputC10, target))} | ` +
        `${x(r.warmVsRawC10)} | ${q.warmCache ? mark(atLeast(r.warmVsRawC10, WARM_TARGET)) : "–"} | ${x(r.p50VsRaw)} | ${mark(atMost(r.p50VsRaw, LATENCY_TARGET))} | ` +
        `${trips} ≤ ${q.roundTripBound - q.levels} + ${q.levels} | ${mark(trips <= q.roundTripBound)} |`,
    );
  }
  lines.push("");

  lines.push(`### Latency and throughput in detail`);
  lines.push("");
  lines.push(
    "CPU ms/request is the CPU time the process used during the measured requests divided by their number: " +
      "for the GraphQL servers their own process, for raw Cypher the bench process (the client); Neo4j's is the JVM's. " +
      "It depends far less on other load on the machine than latency does.",
  );
  lines.push("");
  lines.push(
    `| question | side | c1 p50 ms | c1 p99 ms | c1 req/s | c${c} p50 ms | c${c} p99 ms | c${c} req/s | requests (c1 + c${c}) | CPU ms/request: process, Neo4j |`,
  );
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const q of result.questions) {
    for (const [side, label] of [
      ["ours", "this server"],
      ["neo4jGraphql", "@neo4j/graphql"],
      ["raw", "raw Cypher"],
    ] as const) {
      const t = q.targets[side];
      lines.push(
        `| ${side === "ours" ? q.title : ""} | ${label} | ${ms(t.c1.p50)} | ${ms(t.c1.p99)} | ${rps(t.c1.throughput)} | ` +
          `${ms(t.c10.p50)} | ${ms(t.c10.p99)} | ${rps(t.c10.throughput)} | ${int(t.c1.requests)} + ${int(t.c10.requests)} | ` +
          `${cpu(t.cpuMsPerRequest.process)}, ${cpu(t.cpuMsPerRequest.neo4j)} |`,
      );
    }
  }
  lines.push("");

  lines.push(`### Memory`);
  lines.push("");
  if (result.memory.serverMode === "child") {
    lines.push(
      `Resident set size (MiB) of each server process after each question's load, and the peak over the run.`,
    );
    lines.push("");
    lines.push("| question | this server | @neo4j/graphql | Neo4j (JVM) |");
    lines.push("| --- | --- | --- | --- |");
    const mib = (v: number | null) => (v === null ? "–" : v.toFixed(0));
    for (const q of result.questions) {
      lines.push(
        `| ${q.title} | ${mib(q.rssMiB.ours)} | ${mib(q.rssMiB.neo4jGraphql)} | ${mib(q.rssMiB.neo4j)} |`,
      );
    }
    const p = result.memory.peakRssMiB;
    lines.push(`| **peak** | **${mib(p.ours)}** | **${mib(p.neo4jGraphql)}** | **${mib(p.neo4j)}** |`);
  } else {
    lines.push("The servers ran inside the bench process, so no per-server memory is reported.");
  }
  lines.push("");

  lines.push(`### What each side sent`);
  lines.push("");
  lines.push(
    `Per question: the statements each GraphQL server sent for one request (captured at the driver) and ` +
      `the operators of their PROFILE plans with db hits. @neo4j/graphql's statements are shown as it generated them.`,
  );
  lines.push("");
  for (const q of result.questions) {
    lines.push(`<details><summary>${q.title}</summary>`);
    lines.push("");
    if (q.neo4jGraphqlNote) lines.push(`@neo4j/graphql side: ${q.neo4jGraphqlNote}.`, "");
    for (const [side, label] of [
      ["ours", "this server"],
      ["neo4jGraphql", "@neo4j/graphql"],
      ["raw", "raw Cypher"],
    ] as const) {
      const t = q.targets[side];
      lines.push(
        `**${label}**: ${t.roundTrips} statement${t.roundTrips === 1 ? "" : "s"}, ${int(t.dbHits)} db hits${t.rows === undefined ? "" : `, ${int(t.rows)} rows, ${kib(t.bytes)} KiB`}`,
      );
      lines.push("");
      t.statements.forEach((statement, i) => {
        lines.push("```cypher");
        lines.push(statement.trim().replace(/\n\s*\n/g, "\n"));
        lines.push("```");
        lines.push("");
        lines.push("```text");
        lines.push(...(t.plans[i] ?? []));
        lines.push("```");
        lines.push("");
      });
    }
    lines.push("</details>");
    lines.push("");
  }
  return lines.join("\n");
}

/** A ratio of growth: `after ÷ before`, or none when either is missing. */
const grown = (before: number | null | undefined, after: number | null | undefined) =>
  finite(before ?? null) && finite(after ?? null) && before! > 0 ? after! / before! : null;

/**
 * How each question's cost grows from one scale to the next: throughput, p50 latency and
 * db hits at the larger scale divided by the smaller's, for this server and for raw Cypher.
 * A question whose work does not grow with the graph keeps its ratios near 1.
 */
export function growthSection(before: BenchResult, after: BenchResult): string {
  const from = before.settings.scaleLabel;
  const to = after.settings.scaleLabel;
  const c = after.settings.concurrency;
  const times = after.graph.entities / before.graph.entities;
  const lines: string[] = [];
  lines.push(`## Growth from ${from} to ${to}`);
  lines.push("");
  lines.push(
    `The graph grows ${times.toFixed(1)}× (${int(before.graph.entities)} → ${int(after.graph.entities)} entities). ` +
      `Each ratio is the figure at ${to} divided by the figure at ${from}: req/s below 1 and p50 or db hits above 1 mean the question costs more on the larger graph; near 1, its cost does not grow with the graph. ` +
      `The two runs were made at different times, so load on the machine may differ between them; db hits do not depend on it.`,
  );
  lines.push("");
  lines.push(
    `| question | req/s c${c} ${to}÷${from}: this / raw | p50 ms c1 ${to}÷${from}: this / raw | db hits ${to}÷${from}: this / raw | req/s c${c} at ${from} → ${to}: this; raw |`,
  );
  lines.push("| --- | --- | --- | --- | --- |");
  for (const q of after.questions) {
    const p = before.questions.find((b) => b.name === q.name);
    if (!p) {
      lines.push(`| ${q.title} | – | – | – | not measured at ${from} |`);
      continue;
    }
    const [o0, o1, r0, r1] = [p.targets.ours, q.targets.ours, p.targets.raw, q.targets.raw];
    lines.push(
      `| ${q.title} | **${x(grown(o0.c10.throughput, o1.c10.throughput))}** / ${x(grown(r0.c10.throughput, r1.c10.throughput))} | ` +
        `${x(grown(o0.c1.p50, o1.c1.p50))} / ${x(grown(r0.c1.p50, r1.c1.p50))} | ` +
        `${x(grown(o0.dbHits, o1.dbHits))} / ${x(grown(r0.dbHits, r1.dbHits))} | ` +
        `${rps(o0.c10.throughput)} → ${rps(o1.c10.throughput)}; ${rps(r0.c10.throughput)} → ${rps(r1.c10.throughput)} |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}

export function renderMarkdown(results: BenchResult[]): string {
  const lines = [
    "# Benchmarks: this server, @neo4j/graphql and raw Cypher",
    "",
    "Generated by `npm run bench` (see [README](../README.md#benchmarks)); do not edit by hand.",
    "",
    "The same questions are asked of the same Neo4j three ways, in one run, taking turns:",
    "",
    "- **this server** over HTTP (Apollo Server 5 on Express 5, type-graphql, per-request DataLoaders, which read the relationship levels selected below a field in its own statement and prime the loaders of the fields below: at most one Cypher statement per relationship field per level, one in all for every question here);",
    "- **@neo4j/graphql** over HTTP, with type definitions equivalent for these questions, behind the same Apollo Server 5 and Express 5 set-up (it compiles each request into one Cypher statement);",
    "- **raw Cypher**: one hand-written statement per question through `neo4j-driver`, in the bench process, no HTTP: the floor.",
    "",
    "The three answers are normalised (order of nested lists, enum spelling) and must be equal before any timing; a difference fails the bench. " +
      "Round trips are the Cypher statements a request sent, counted at the driver of each server. Db hits are from PROFILE of exactly those statements, and KiB from Neo4j is the size, as JSON, of the rows they returned. " +
      "Concurrency 1 is a loop of one request at a time; concurrency 10 is autocannon with 10 connections for the HTTP sides and 10 concurrent loops for raw Cypher. " +
      "Everything — Neo4j, both servers and the load generator — shares one machine and its cores, so figures are comparable within a run, not across machines. " +
      "The synthetic graph is generated from a fixed seed (see `bench/generate.ts`): every node is `:Entity:<Kind>` with the properties the importer writes.",
    "",
    "Ratios: **this ÷ neo4j-graphql** for throughput (above 1 means this server serves more requests per second); **this ÷ raw** for p50 latency (1 is the floor; lower is better).",
    "",
    "Why targets are missed, and what would change it: [ANALYSIS.md](ANALYSIS.md).",
    "",
  ];
  const scales = [...results].sort((a, b) => a.graph.entities - b.graph.entities);
  for (let i = 1; i < scales.length; i++) lines.push(growthSection(scales[i - 1]!, scales[i]!));
  for (const result of scales) {
    lines.push(scaleSection(result));
  }
  return (
    lines
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}

/** Horizontal bars on a log scale, two panels: throughput vs @neo4j/graphql, p50 vs raw Cypher. */
export function renderSvg(result: BenchResult): string {
  const rows = result.questions.map((q) => ({ q, r: ratios(q) }));
  const c = result.settings.concurrency;
  const labelWidth = 330;
  const panelWidth = 300;
  const gap = 40;
  const rowHeight = 34;
  const top = 70;
  const width = labelWidth + 2 * panelWidth + gap + 20;
  const height = top + rows.length * rowHeight + 50;
  const values = rows
    .flatMap(({ r }) => [r.throughputC1, r.throughputC10, r.p50VsRaw, r.p50VsRawC10])
    .filter((v) => finite(v) && v > 0);
  const lo = Math.min(0.25, 2 ** Math.floor(Math.log2(Math.min(1, ...values))));
  const hi = Math.max(4, 2 ** Math.ceil(Math.log2(Math.max(1, ...values))));
  const scale = (v: number) =>
    ((Math.log2(v) - Math.log2(lo)) / (Math.log2(hi) - Math.log2(lo))) * panelWidth;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(
    `<text x="10" y="22" font-size="15" font-weight="bold">${esc(`Ratios per question, ${result.settings.scaleLabel} entities (log scale)`)}</text>`,
  );
  const panels = [
    {
      x0: labelWidth,
      title: "Throughput: this server ÷ @neo4j/graphql (higher is better)",
      bars: [
        { key: "throughputC1" as const, colour: "#9ecae1", label: "c1" },
        { key: "throughputC10" as const, colour: "#3182bd", label: `c${c}` },
      ],
      target: (q: QuestionResult) => throughputTarget(q.name),
    },
    {
      x0: labelWidth + panelWidth + gap,
      title: "p50 latency: this server ÷ raw Cypher (lower is better)",
      bars: [
        { key: "p50VsRaw" as const, colour: "#fdae6b", label: "c1" },
        { key: "p50VsRawC10" as const, colour: "#e6550d", label: `c${c}` },
      ],
      target: () => LATENCY_TARGET,
    },
  ];
  for (const panel of panels) {
    out.push(`<text x="${panel.x0}" y="${top - 30}" font-weight="bold">${esc(panel.title)}</text>`);
    panel.bars.forEach((bar, i) => {
      const lx = panel.x0 + i * 70;
      out.push(`<rect x="${lx}" y="${top - 22}" width="10" height="10" fill="${bar.colour}"/>`);
      out.push(`<text x="${lx + 14}" y="${top - 13}">${bar.label}</text>`);
    });
    out.push(`<text x="${panel.x0 + 150}" y="${top - 13}" fill="#555">| target</text>`);
    for (let v = lo; v <= hi; v *= 2) {
      const px = panel.x0 + scale(v);
      out.push(
        `<line x1="${px}" y1="${top}" x2="${px}" y2="${top + rows.length * rowHeight}" stroke="#e5e5e5"/>`,
      );
      out.push(
        `<text x="${px}" y="${top + rows.length * rowHeight + 16}" text-anchor="middle" fill="#555">${v >= 1 ? v : `1/${1 / v}`}</text>`,
      );
    }
    const one = panel.x0 + scale(1);
    out.push(
      `<line x1="${one}" y1="${top}" x2="${one}" y2="${top + rows.length * rowHeight}" stroke="#333"/>`,
    );
    rows.forEach(({ q, r }, row) => {
      const y = top + row * rowHeight;
      panel.bars.forEach((bar, i) => {
        const v = r[bar.key];
        if (!finite(v) || v <= 0) return;
        const from = Math.min(one, panel.x0 + scale(v));
        const w = Math.max(1, Math.abs(panel.x0 + scale(v) - one));
        const by = y + 5 + i * 12;
        out.push(
          `<rect x="${from.toFixed(1)}" y="${by}" width="${w.toFixed(1)}" height="11" fill="${bar.colour}"/>`,
        );
        const tx = v >= 1 ? from + w + 3 : from - 3;
        out.push(
          `<text x="${tx.toFixed(1)}" y="${by + 9}" font-size="10" text-anchor="${v >= 1 ? "start" : "end"}">${v.toFixed(2)}</text>`,
        );
      });
      const t = panel.x0 + scale(panel.target(q));
      out.push(
        `<line x1="${t}" y1="${y + 2}" x2="${t}" y2="${y + rowHeight - 4}" stroke="#555" stroke-dasharray="3,2"/>`,
      );
    });
  }
  rows.forEach(({ q }, row) => {
    out.push(`<text x="10" y="${top + row * rowHeight + 20}">${esc(q.title)}</text>`);
  });
  out.push(
    `<text x="10" y="${height - 10}" fill="#555" font-size="11">${esc(`${result.machine.cpus} × ${result.machine.cpuModel}; Neo4j ${result.versions.neo4j}; @neo4j/graphql ${result.versions["@neo4j/graphql"]}; ${result.startedAt.slice(0, 10)}`)}</text>`,
  );
  out.push("</svg>");
  return out.join("\n") + "\n";
}

/** Writes this scale's JSON and chart, then results.md over every scale found in `outDir`. */
export async function writeReport(result: BenchResult, outDir: string): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const label = result.settings.scaleLabel;
  const json = path.join(outDir, `results-${label}.json`);
  const svg = path.join(outDir, `ratios-${label}.svg`);
  await fs.writeFile(json, JSON.stringify(result, null, 2) + "\n");
  await fs.writeFile(svg, renderSvg(result));
  await prettierWrite([json]);
  return [await writeMarkdown(outDir), json, svg];
}

/** Writes results.md over every scale's JSON found in `outDir` (`--report-only`: without measuring). */
export async function writeMarkdown(outDir: string): Promise<string> {
  const all: BenchResult[] = [];
  for (const file of (await fs.readdir(outDir)).filter((f) => /^results-.+\.json$/.test(f))) {
    all.push(JSON.parse(await fs.readFile(path.join(outDir, file), "utf8")) as BenchResult);
  }
  const md = path.join(outDir, "results.md");
  await fs.writeFile(md, renderMarkdown(all));
  await prettierWrite([md]);
  return md;
}

/**
 * Formats the outputs with the project's Prettier settings, so `prettier --check .` passes
 * on them. Its command line, not its API: the API loads ES modules, which jest cannot.
 */
async function prettierWrite(files: string[]): Promise<void> {
  const cli = require.resolve("prettier/bin/prettier.cjs");
  await promisify(execFile)(process.execPath, [cli, "--write", "--log-level", "warn", ...files]);
}
