import { SETTINGS } from "../config/config";
import { INPUT_BOUND_ROWS } from "../limits/input-bounds";
import type { SeedData } from "../seed/validate";

/**
 * The README sections that are generated, so they cannot drift from the code and data:
 * the configuration table (from SETTINGS) and the graph model diagram (from seed/).
 */
export function configurationTable(): string {
  const rows = Object.entries(SETTINGS).map(
    ([name, s]) =>
      `| \`${name}\` | ${s.default === undefined ? "(unset)" : s.default === "" ? "(empty)" : `\`${s.default}\``} | ${s.doc} |`,
  );
  return ["| variable | default | meaning |", "| --- | --- | --- |", ...rows].join("\n");
}

/** The table of input bounds (src/limits/input-bounds.ts). */
export function inputBoundsTable(): string {
  const rows = INPUT_BOUND_ROWS.map(
    (row) =>
      `| \`${row.bound}\` | ${row.default} | ${row.setting ? `\`${row.setting}\`` : "—"} | ${row.appliesTo} |`,
  );
  return ["| bound | default | setting | applies to |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** A Mermaid flowchart: one box per kind, one arrow per (kind, kind) pair with the types between them. */
export function graphModelDiagram(data: SeedData): string {
  const kindOf = new Map<string, string>(data.entities.map((e) => [e.id, e.kind]));
  for (const s of data.sources) kindOf.set(s.id, "Source");
  const pairs = new Map<string, Set<string>>();
  for (const r of data.relationships) {
    const key = `${kindOf.get(r.from)}|${kindOf.get(r.to)}`;
    const types = pairs.get(key) ?? new Set<string>();
    types.add(r.type);
    pairs.set(key, types);
  }
  const lines = ["```mermaid", "flowchart LR"];
  for (const [key, types] of [...pairs.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [from, to] = key.split("|");
    lines.push(`  ${from} -->|${[...types].sort().join("<br>")}| ${to}`);
  }
  lines.push("  Claim -->|CLAIM_ABOUT| Entity", "```");
  return lines.join("\n");
}

/** The README with every generated section brought up to date. */
export function renderReadme(readme: string, data: SeedData): string {
  const out = replaceSection(
    replaceSection(readme, "configuration", configurationTable()),
    "input-bounds",
    inputBoundsTable(),
  );
  return replaceSection(out, "graph-model", graphModelDiagram(data));
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function replaceSection(readme: string, name: string, content: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
  return `${readme.slice(0, from + start.length)}\n${content}\n${readme.slice(to)}`;
}
