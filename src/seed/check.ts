/**
 * `npm run seed:check [-- --dir seed] [--sources ../shared/sources]`
 *
 * Validates the seed folder offline, prints what it holds and a consistency report
 * (possible duplicates, memberships named two ways, stated totals against the graph's
 * counts). Exits 1 on a validation problem; consistency findings are warnings only.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SeedLoadError, loadSeedFiles } from "./load-files";
import { checkConsistency, formatConsistency } from "./consistency";
import { PROBLEM_CLASSES, validateSeed, type SeedProblem } from "./validate";
import type { SeedSource } from "../model/contract";

interface Options {
  dir: string;
  sourcesDir: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[], cwd: string): Options {
  let dir = "seed";
  let sourcesDir = "../shared/sources";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const take = () => {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
      return value;
    };
    if (flag === "--dir") dir = take();
    else if (flag === "--sources") sourcesDir = take();
    else if (flag === "--help" || flag === "-h") {
      throw new UsageError("usage: seed:check [--dir <seed folder>] [--sources <source documents folder>]");
    } else throw new UsageError(`unknown argument "${arg}"`);
  }
  return { dir: resolve(cwd, dir), sourcesDir: resolve(cwd, sourcesDir) };
}

/** Lines as `cat -n` numbers them: a last line without a newline still counts. */
export function countLines(text: string): number {
  if (text === "") return 0;
  const newlines = text.split("\n").length - 1;
  return text.endsWith("\n") ? newlines : newlines + 1;
}

/** Compares each source's lineCount with the document itself, when the documents are at hand. */
export function checkSourceFiles(
  sources: readonly SeedSource[],
  sourcesDir: string,
): { problems: string[]; warning?: string } {
  if (!existsSync(sourcesDir)) {
    return { problems: [], warning: `${sourcesDir} not found; line counts of the sources were not checked` };
  }
  const problems: string[] = [];
  for (const source of sources) {
    // External sources (added by curators) have no file here to compare with.
    if (source.file === undefined) continue;
    const path = join(sourcesDir, source.file);
    if (!existsSync(path)) {
      problems.push(`sources.json: ${source.id}: file: ${path} does not exist`);
      continue;
    }
    const actual = countLines(readFileSync(path, "utf8"));
    if (actual !== source.lineCount) {
      problems.push(
        `sources.json: ${source.id}: lineCount: ${source.lineCount}, but ${source.file} has ${actual} lines`,
      );
    }
  }
  return { problems };
}

export function formatProblem(problem: SeedProblem): string {
  return [problem.file, problem.id, problem.field, problem.message]
    .filter((part) => part !== undefined && part !== "")
    .join(": ");
}

function table(rows: [string, number][]): string[] {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, n]) => `  ${label.padEnd(width)}  ${String(n).padStart(5)}`);
}

export function main(argv: readonly string[], cwd = process.cwd()): number {
  let options: Options;
  try {
    options = parseArgs(argv, cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (!existsSync(options.dir)) {
    console.error(`seed folder ${options.dir} does not exist`);
    return 1;
  }

  let files: Record<string, unknown>;
  try {
    files = loadSeedFiles(options.dir);
  } catch (error) {
    if (error instanceof SeedLoadError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  const result = validateSeed(files);
  if (!result.ok) {
    const cls = result.problems[0].class;
    console.error(
      `${options.dir}: ${result.problems.length} problem(s) of class "${cls}" ` +
        `(check ${PROBLEM_CLASSES.indexOf(cls) + 1} of ${PROBLEM_CLASSES.length}; later checks not run):`,
    );
    for (const problem of result.problems) console.error(formatProblem(problem));
    return 1;
  }

  const { counts, data } = result;
  const lines = [
    `${options.dir}: ${Object.keys(files).length} files valid`,
    `Entities by kind (${counts.entities}):`,
    ...table(Object.entries(counts.byKind)),
    `Relationships by type (${counts.relationships}):`,
    ...table(
      Object.entries(counts.byRelationshipType)
        .map(([type, n]): [string, number] => [type, n ?? 0])
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
    `Claims: ${counts.claims} (${counts.conflicts} conflicting subject/property groups)`,
    `Sources: ${data.sources.length}`,
  ];
  console.log(lines.join("\n"));

  const sourceCheck = checkSourceFiles(data.sources, options.sourcesDir);
  if (sourceCheck.warning) console.warn(`warning: ${sourceCheck.warning}`);
  if (sourceCheck.problems.length > 0) {
    console.error(`${sourceCheck.problems.length} source line count problem(s):`);
    for (const problem of sourceCheck.problems) console.error(problem);
    return 1;
  }
  if (!sourceCheck.warning) console.log(`Source line counts match ${options.sourcesDir}`);

  const consistency = checkConsistency(data);
  console.log(formatConsistency(consistency).join("\n"));
  console.log(
    consistency.warnings === 0
      ? "No consistency warnings"
      : `${consistency.warnings} consistency warning(s): a curator should look at them (they do not fail the check)`,
  );
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
