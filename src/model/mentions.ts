import { createHash } from "node:crypto";
import { nameKey } from "./names";

/**
 * Where a document mentions the entities the graph knows: every name and alias, as whole
 * words, ignoring case, accents and punctuation, the longest name first. A name that more
 * than one entity answers to is reported with its candidates and linked to none. A name
 * written in capitals only (an acronym such as "AHG" or "US") is matched only where the
 * document writes it in capitals too, so that "us" is not the United States.
 */

/** Not a fact: a document names an entity. Never walked by neighbourhoods, paths or counts. */
export const MENTIONS = "MENTIONS";

/** An entity and the names it answers to (its name and aliases). */
export interface NamedEntity {
  id: string;
  names: readonly string[];
}

/** One entity a document mentions, with the lines (1-based, ascending) and the names used. */
export interface FoundMention {
  entity: string;
  lines: number[];
  names: string[];
}

/** A name that several entities answer to: reported, not linked. */
export interface AmbiguousName {
  name: string;
  candidates: string[];
  lines: number[];
}

/** A run of capitalised words that names nothing the graph knows: for a curator to review. */
export interface UnknownName {
  name: string;
  lines: number[];
}

export interface MentionReport {
  mentions: FoundMention[];
  ambiguous: AmbiguousName[];
  unknown: UnknownName[];
}

/** A document's lines: "a\nb\n" and "a\nb" are both two lines, as editors number them. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The longest name, in words, that is looked for (longer names are not matched). */
export const MAX_NAME_WORDS = 16;
/** At most this many unknown names are reported per document. */
export const MAX_UNKNOWN_NAMES = 200;

interface Word {
  text: string;
  folded: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const isAcronym = (name: string) =>
  /^\p{Lu}[\p{Lu}\p{N}]*$/u.test(name.trim()) && /\p{Lu}.*\p{Lu}/u.test(name);

function words(line: string): Word[] {
  return [...line.matchAll(WORD)].map((m) => ({
    text: m[0],
    folded: fold(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The names of a graph, ready to be looked for: name key → the entities that answer to it. */
export class MentionDictionary {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly acronyms = new Map<string, Set<string>>();
  private readonly names = new Map<string, string>();
  readonly maxWords: number;

  constructor(entities: Iterable<NamedEntity>) {
    let maxWords = 1;
    for (const entity of entities) {
      for (const name of entity.names) {
        const key = nameKey(name);
        if (key === "") continue;
        const size = key.split(" ").length;
        if (size > MAX_NAME_WORDS) continue;
        maxWords = Math.max(maxWords, size);
        const table = isAcronym(name) ? this.acronyms : this.byKey;
        const lookup = isAcronym(name) ? name.trim() : key;
        const ids = table.get(lookup) ?? new Set<string>();
        ids.add(entity.id);
        table.set(lookup, ids);
        if (!this.names.has(lookup)) this.names.set(lookup, name);
      }
    }
    this.maxWords = maxWords;
  }

  /** The entities answering to the words `run`, as written; undefined when none does. */
  match(run: readonly Word[]): Set<string> | undefined {
    if (run.length === 1) {
      const acronym = this.acronyms.get(run[0]!.text);
      if (acronym) return acronym;
    }
    return this.byKey.get(nameKey(run.map((w) => w.folded).join(" ")));
  }

  knows(phrase: string): boolean {
    return this.byKey.has(nameKey(phrase)) || this.acronyms.has(phrase.trim());
  }
}

// Words that begin a sentence or join a name without being part of one.
const NOT_NAME_EDGE = new Set(
  "a an and at as by for from in into of on or since the these this those to under with its it their during after before between".split(
    " ",
  ),
);
const JOINERS = new Set(["of", "and", "for", "on", "in", "de", "to"]);
const capitalised = (word: Word) => /^\p{Lu}/u.test(word.text);

/** Finds the mentions of `dictionary`'s entities in a document's lines. */
export function findMentions(lines: readonly string[], dictionary: MentionDictionary): MentionReport {
  const found = new Map<string, { lines: Set<number>; names: Set<string> }>();
  const ambiguous = new Map<string, { name: string; candidates: string[]; lines: Set<number> }>();
  const unknown = new Map<string, { name: string; lines: Set<number> }>();

  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const ws = words(line);
    const matched = new Array<boolean>(ws.length).fill(false);
    for (let i = 0; i < ws.length;) {
      // Names are looked up without a leading "the" (nameKey), so none starts at one.
      if (ws[i]!.folded === "the") {
        i += 1;
        continue;
      }
      let length = 0;
      let ids: Set<string> | undefined;
      for (let n = Math.min(dictionary.maxWords, ws.length - i); n >= 1 && !ids; n--) {
        ids = dictionary.match(ws.slice(i, i + n));
        if (ids) length = n;
      }
      if (!ids) {
        i += 1;
        continue;
      }
      const written = line.slice(ws[i]!.start, ws[i + length - 1]!.end);
      if (ids.size === 1) {
        const [id] = [...ids] as [string];
        const entry = found.get(id) ?? { lines: new Set<number>(), names: new Set<string>() };
        entry.lines.add(lineNumber);
        entry.names.add(written);
        found.set(id, entry);
      } else {
        const key = nameKey(written);
        const entry = ambiguous.get(key) ?? {
          name: written,
          candidates: [...ids].sort(),
          lines: new Set<number>(),
        };
        entry.lines.add(lineNumber);
        ambiguous.set(key, entry);
      }
      for (let k = i; k < i + length; k++) matched[k] = true;
      i += length;
    }
    for (const run of capitalisedRuns(line, ws, matched)) {
      if (dictionary.knows(run)) continue;
      const key = nameKey(run);
      const entry = unknown.get(key) ?? { name: run, lines: new Set<number>() };
      entry.lines.add(lineNumber);
      unknown.set(key, entry);
    }
  });

  const sortedLines = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return {
    mentions: [...found]
      .map(([entity, { lines: at, names }]) => ({ entity, lines: sortedLines(at), names: [...names].sort() }))
      .sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0)),
    ambiguous: [...ambiguous.values()]
      .map(({ name, candidates, lines: at }) => ({ name, candidates, lines: sortedLines(at) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    unknown: [...unknown.values()]
      .map(({ name, lines: at }) => ({ name, lines: sortedLines(at) }))
      .sort((a, b) => a.lines[0]! - b.lines[0]! || a.name.localeCompare(b.name))
      .slice(0, MAX_UNKNOWN_NAMES),
  };
}

/**
 * Runs of two or more capitalised words, next to each other on a line (joined by spaces or
 * hyphens only, "of", "and" … allowed inside), that overlap no matched name.
 */
function capitalisedRuns(line: string, ws: readonly Word[], matched: readonly boolean[]): string[] {
  const runs: string[] = [];
  let run: Word[] = [];
  const flush = () => {
    while (run.length > 0 && (NOT_NAME_EDGE.has(run[0]!.folded) || !capitalised(run[0]!))) run.shift();
    while (run.length > 0 && (NOT_NAME_EDGE.has(run.at(-1)!.folded) || !capitalised(run.at(-1)!))) run.pop();
    if (run.filter(capitalised).length >= 2) runs.push(line.slice(run[0]!.start, run.at(-1)!.end));
    run = [];
  };
  ws.forEach((word, i) => {
    const joined = run.length === 0 || /^[ \t-]+$/u.test(line.slice(run.at(-1)!.end, word.start));
    if (!joined) flush();
    if (matched[i]) return flush();
    // "the" joins a name only after "of" ("Office of the Co-Chairs", not "March the Office").
    const joins =
      run.length > 0 && (JOINERS.has(word.text) || (word.text === "the" && run.at(-1)!.text === "of"));
    if (capitalised(word) || joins) run.push(word);
    else flush();
  });
  flush();
  return runs;
}

/**
 * What makes two documents the same: their lines, whatever the line endings and trailing
 * spaces. A SHA-256, kept with the text, so that a document is held once.
 */
export function documentHash(lines: readonly string[]): string {
  return createHash("sha256")
    .update(
      lines
        .map((line) => line.trimEnd())
        .join("\n")
        .trim(),
    )
    .digest("hex");
}

/** The names an entity node answers to: its name, acronym and aliases. */
export function nodeNames(node: { name?: unknown; acronym?: unknown; aliases?: unknown }): string[] {
  const names = [node.name, node.acronym, ...(Array.isArray(node.aliases) ? node.aliases : [])];
  return [...new Set(names.filter((n): n is string => typeof n === "string" && n.trim() !== ""))];
}
