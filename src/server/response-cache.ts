import { createHash } from "node:crypto";
import type { FormattedExecutionResult } from "graphql";
import { LRUCache } from "lru-cache";

/** What identifies one answer: the same operation, variables and caller on the same graph version. */
export interface AnswerKey {
  /** versionTag() of the graph version read before the operation ran. */
  version: string;
  /** The operation document's text (also when it came as an automatic persisted query hash). */
  document: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
  /** The API key's name, or null for anonymous callers: answers are never shared across keys. */
  actor: string | null;
}

/** JSON with object keys in sorted order, so that variables given in another order find the same answer. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The key as one string: the SHA-256 of its parts (keys stay small whatever the document's size). */
export function answerKey(key: AnswerKey): string {
  return createHash("sha256")
    .update(
      canonicalJson([
        key.version,
        key.actor ?? "",
        key.operationName ?? "",
        key.variables ?? {},
        key.document,
      ]),
    )
    .digest("base64url");
}

/** Bytes an entry is counted for beyond its text: its key and the bookkeeping of the LRU. */
const ENTRY_OVERHEAD = 128;

/**
 * Answers of queries that ended without errors, kept as their JSON text, least recently used
 * dropped first once they add up to `maxBytes` (a string's characters counted at the two
 * bytes each a JavaScript string may take); an answer larger than the bound is not kept.
 */
export class ResponseCache {
  private readonly lru: LRUCache<string, string>;

  constructor(readonly maxBytes: number) {
    this.lru = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (text, key) => 2 * (text.length + key.length) + ENTRY_OVERHEAD,
    });
  }

  /** A fresh copy of the answer kept under `key`: what a caller does with it never changes what is kept. */
  get(key: string): FormattedExecutionResult | undefined {
    const text = this.lru.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as FormattedExecutionResult);
  }

  /** The answer kept under `key` as the bytes Apollo Server sends for it. */
  text(key: string): string | undefined {
    return this.lru.get(key);
  }

  /** Keeps `result` as Apollo Server sends it: its fields in the order of the spec, then a newline. */
  set(key: string, result: FormattedExecutionResult): void {
    this.lru.set(
      key,
      `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`,
    );
  }

  /** Drops every answer (those of older versions can never be asked for again). */
  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  /** Bytes held, as counted against the bound. */
  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
