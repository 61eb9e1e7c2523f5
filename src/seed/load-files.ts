import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { README_FILE } from "./validate";

/** A seed file that is not valid JSON; line and column are 1-based. */
export class SeedLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: invalid JSON: ${reason}`);
    this.name = "SeedLoadError";
  }
}

/**
 * Reads a seed folder into the record `validateSeed()` takes: every `*.json` file parsed,
 * and every other file (except README.md and dotfiles) as `null`, so that stray files are
 * reported as unknown rather than ignored.
 */
export function loadSeedFiles(dir: string): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === README_FILE || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    files[name] = name.endsWith(".json") ? parseJsonText(name, readFileSync(path, "utf8")) : null;
  }
  return files;
}

/** JSON.parse, but a syntax error becomes a SeedLoadError naming the line and column. */
export function parseJsonText(file: string, raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return JSON.parse(text);
  } catch {
    const { offset, reason } = locateJsonError(text);
    const { line, column } = lineAndColumn(text, offset);
    throw new SeedLoadError(file, line, column, reason);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Finds the offset of the first syntax error. Node's own messages carry a position only in
 * some versions and for some errors, so the text is scanned here instead.
 */
export function locateJsonError(text: string): { offset: number; reason: string } {
  let pos = 0;
  class Failure {
    constructor(
      readonly offset: number,
      readonly reason: string,
    ) {}
  }
  const fail = (reason: string, at = pos): never => {
    throw new Failure(at, reason);
  };
  const describe = (at: number) =>
    at >= text.length ? "end of input" : `${JSON.stringify(text[at])}`;
  const skipSpace = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos])) pos++;
  };
  const expect = (char: string, what: string) => {
    skipSpace();
    if (text[pos] !== char) fail(`expected ${what}, found ${describe(pos)}`);
    pos++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, pos)) pos += word.length;
    else fail(`unexpected ${describe(pos)}`);
  };
  const string = () => {
    pos++;
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === '"') {
        pos++;
        return;
      }
      if (ch === "\\") {
        const next = text[pos + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("bad \\u escape");
          pos += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          pos += 2;
        } else {
          fail("bad escape in string");
        }
        continue;
      }
      if (ch < " ") fail("control character in string");
      pos++;
    }
    fail("unterminated string");
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match || match[0] === "" || match[0] === "-") fail(`unexpected ${describe(pos)}`);
    pos += match![0].length;
  };
  const value = (): void => {
    skipSpace();
    const ch = text[pos];
    if (ch === "{") {
      pos++;
      skipSpace();
      if (text[pos] === "}") {
        pos++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"') fail(`expected a property name, found ${describe(pos)}`);
        string();
        expect(":", '":"');
        value();
        skipSpace();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          return;
        }
        fail(`expected "," or "}", found ${describe(pos)}`);
      }
    }
    if (ch === "[") {
      pos++;
      skipSpace();
      if (text[pos] === "]") {
        pos++;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") {
          pos++;
          return;
        }
        fail(`expected "," or "]", found ${describe(pos)}`);
      }
    }
    if (ch === '"') return string();
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    number();
  };
  try {
    value();
    skipSpace();
    if (pos < text.length) fail(`unexpected ${describe(pos)} after the JSON value`);
    return { offset: text.length, reason: "invalid JSON" };
  } catch (error) {
    if (error instanceof Failure) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}
