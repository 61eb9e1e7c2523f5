import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { connect } from "../db/connect";
import { ensureConstraints } from "../db/constraints";
import { DEFAULT_INPUT_BOUNDS } from "../limits/input-bounds";
import { createLogger } from "../log/logger";
import { ConflictError, CurationError } from "../model/errors";
import { splitLines } from "../model/mentions";
import { createRepositories } from "../repository";

const USAGE = `usage: npm run ingest -- FILE --title TEXT --reference TEXT [--description TEXT] [--reason TEXT] [--actor NAME] [--json]
  Adds the document in FILE (plain text, UTF-8) to the graph as a new source, links the
  entities it names, and prints what it found. --json prints the report as JSON.`;

class UsageError extends Error {}

/** `npm run ingest`: what the addSource mutation does, from a file, for a curator at the server. */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        title: { type: "string" },
        reference: { type: "string" },
        description: { type: "string" },
        reason: { type: "string" },
        actor: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("give one FILE");
  if (!values.title || !values.reference) throw new UsageError("--title and --reference are required");
  const bounds = DEFAULT_INPUT_BOUNDS;
  for (const [name, value] of Object.entries({
    title: values.title,
    reference: values.reference,
    description: values.description,
    reason: values.reason,
  })) {
    if (value !== undefined && value.length > bounds.longTextLength)
      throw new UsageError(`--${name} is ${value.length} characters; at most ${bounds.longTextLength}`);
  }
  const file = path.resolve(positionals[0]!);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
  const text = fs.readFileSync(file, "utf8");
  if (text.length > bounds.documentLength) {
    process.stderr.write(
      `${file} is ${text.length} characters; a document may have at most ${bounds.documentLength}\n`,
    );
    return 1;
  }
  const lines = splitLines(text);
  if (!lines.some((line) => /[\p{L}\p{N}]/u.test(line))) {
    process.stderr.write(`${file} has no words\n`);
    return 1;
  }

  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === "debug" ? "debug" : "info");
  const connection = await connect(config, logger);
  try {
    await ensureConstraints(connection.executor);
    const { curation } = createRepositories(connection.executor);
    const actor = values.actor ?? `cli:${os.userInfo().username}`;
    const started = process.hrtime.bigint();
    let result;
    try {
      result = await curation.addSource(
        actor,
        { title: values.title, reference: values.reference, description: values.description ?? null, lines },
        values.reason ?? null,
      );
    } catch (error) {
      if (error instanceof ConflictError || error instanceof CurationError) {
        process.stderr.write(`Not added: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const { source, audit, report } = result;
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ source: source.id, audit: audit.id, ms, ...report }, null, 2)}\n`,
      );
      return 0;
    }
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`Added source ${source.id} (${lines.length} lines) in ${ms.toFixed(0)} ms; audit entry ${audit.id}`);
    out(`Mentions: ${report.mentions.length} entities`);
    for (const m of report.mentions)
      out(`  ${m.entity.padEnd(40)} lines ${m.lines.join(", ")}  (${m.names.join(" | ")})`);
    out(`Ambiguous names (not linked): ${report.ambiguous.length}`);
    for (const a of report.ambiguous)
      out(`  "${a.name}" → ${a.candidates.join(", ")}  lines ${a.lines.join(", ")}`);
    out(`Capitalised names that match nothing known: ${report.unknown.length}`);
    for (const u of report.unknown) out(`  "${u.name}"  lines ${u.lines.join(", ")}`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(
      `Ingest failed; the graph is unchanged: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
