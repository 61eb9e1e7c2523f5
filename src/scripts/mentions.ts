import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../config";
import { MENTIONS_FILE } from "../model/contract";
import { SEED_DIR } from "../runtime";
import { formatMentions, seedMentions } from "../seed/mentions";
import { readSeed } from "../seed/read-seed";
import { readSourceTexts } from "../seed/source-texts";

/** Where the documents' text is read from: SOURCES_DIR, or ../shared/sources beside the project. */
export const mentionSourcesDir = () =>
  path.resolve(packageRoot(), process.env.SOURCES_DIR ?? "../shared/sources");

/**
 * `npm run mentions`: finds where each source document mentions the seed's entities and writes
 * seed/mentions.json (source, entity, lines), so that a graph has them without the texts.
 * Prints, per document, the mentions found and the names it could not link.
 */
function main(): void {
  const dir = mentionSourcesDir();
  const seedDir = SEED_DIR();
  const seed = readSeed(seedDir);
  const { texts, problems } = readSourceTexts(dir, seed.sources);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  const missing = seed.sources.filter((s) => s.file && !texts.has(s.id));
  if (missing.length > 0) {
    process.stderr.write(
      `The text of ${missing.map((s) => s.id).join(", ")} is missing: ${MENTIONS_FILE} is not written\n`,
    );
    process.exit(1);
  }
  const started = Date.now();
  const found = seedMentions(seed.entities, texts);
  for (const { source, mentions, ambiguous, unknown } of found) {
    const count = mentions.reduce((sum, m) => sum + m.lines.length, 0);
    process.stdout.write(
      `${source}: ${mentions.length} entities mentioned on ${count} entity-lines; ${ambiguous.length} ambiguous names, ${unknown.length} unknown capitalised names\n`,
    );
    for (const a of ambiguous) {
      process.stdout.write(
        `  ambiguous "${a.name}" (${a.candidates.join(", ")}) on lines ${a.lines.join(", ")}\n`,
      );
    }
  }
  process.stdout.write(`found in ${Date.now() - started} ms\n`);
  const target = path.join(seedDir, MENTIONS_FILE);
  const text = formatMentions(found.flatMap((s) => s.mentions));
  const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  fs.writeFileSync(target, text);
  process.stdout.write(before === text ? `${target} is up to date\n` : `wrote ${target}\n`);
}

main();
