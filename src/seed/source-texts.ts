import fs from "node:fs";
import path from "node:path";
import type { Executor } from "../db/executor";
import { documentHash, splitLines } from "../model/mentions";

/** What the text of a registered source is checked against: its file name and line count. */
export interface RegisteredSource {
  id: string;
  file?: string | null;
  lineCount?: number | null;
}

/**
 * The text of the registered source documents, when the user has them (SOURCES_DIR): the
 * project ships citations, not the documents' sentences. Each document is kept as its lines,
 * in a node of its own that the API reads only to answer `Citation.text` and `Source.lines`.
 */

export { splitLines } from "../model/mentions";

export interface SourceTexts {
  /** Source id → its lines, for each document found whose line count matches its registration. */
  texts: Map<string, string[]>;
  /** What could not be loaded, and why, one line each. */
  problems: string[];
}

/**
 * Reads each registered source that names a file from `dir`. A document whose line count
 * differs from the one its citations were written against is not loaded: its lines would
 * not be the cited ones.
 */
export function readSourceTexts(dir: string, sources: readonly RegisteredSource[]): SourceTexts {
  const texts = new Map<string, string[]>();
  const problems: string[] = [];
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return { texts, problems: [`${dir} is not a folder: no document text is loaded`] };
  }
  for (const source of sources) {
    if (!source.file) continue;
    const file = path.join(dir, source.file);
    if (!fs.existsSync(file)) {
      problems.push(`${source.id}: ${source.file} is not in ${dir}`);
      continue;
    }
    const lines = splitLines(fs.readFileSync(file, "utf8"));
    if (typeof source.lineCount === "number" && lines.length !== source.lineCount) {
      problems.push(
        `${source.id}: ${source.file} has ${lines.length} lines where its citations count ${source.lineCount}: not loaded`,
      );
      continue;
    }
    texts.set(source.id, lines);
  }
  return { texts, problems };
}

/**
 * Stores the documents' lines (one SourceText node per document, not an Entity: it is never
 * listed, searched or exported), replacing what was held for them, in one transaction.
 */
export async function storeSourceTexts(executor: Executor, texts: ReadonlyMap<string, string[]>): Promise<void> {
  if (texts.size === 0) return;
  await executor.writeTransaction(async (tx) => {
    await tx.run(
      `UNWIND $rows AS row
       MERGE (t:SourceText {id: row.id})
       SET t.lines = row.lines, t.hash = row.hash`,
      { rows: [...texts].map(([id, lines]) => ({ id, lines, hash: documentHash(lines) })) },
    );
  });
}

/**
 * Loads the text of every source in the graph that names a file, from `dir`: at start-up
 * when SOURCES_DIR is set, and after a seed import. Returns what was loaded and what not.
 */
export async function loadSourceTexts(
  executor: Executor,
  dir: string,
): Promise<{ loaded: string[]; problems: string[] }> {
  const sources = await executor.read<{ id: string; file: string; lineCount: number | null }>(
    "MATCH (s:Source) WHERE s.file IS NOT NULL RETURN s.id AS id, s.file AS file, s.lineCount AS lineCount ORDER BY id",
  );
  const { texts, problems } = readSourceTexts(dir, sources);
  await storeSourceTexts(executor, texts);
  return { loaded: [...texts.keys()], problems };
}
