import { searchWords } from "../limits/input-bounds";

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A last guard on what reaches Lucene, whatever the caller checked: the API's bounds
 * (SEARCH_MAX_TERMS, searchTermLength) are far below these, and these keep a query well
 * under Lucene's limit of 1,024 clauses.
 */
export const LUCENE_MAX_TERMS = 64;
export const LUCENE_MAX_TERM_LENGTH = 64;

/**
 * A Lucene query for the full-text index that tolerates misspellings: the exact phrase
 * ranks first, then every word matched fuzzily ("New Zeland" finds New Zealand): one edit
 * for words of four to seven letters, two for longer ones, a prefix for two or three.
 * Returns null when the text has no searchable word.
 */
export function fuzzyQuery(text: string): string | null {
  const words = searchWords(text)
    .slice(0, LUCENE_MAX_TERMS)
    .map((w) => w.slice(0, LUCENE_MAX_TERM_LENGTH).replace(LUCENE_SPECIAL, "\\$&").toLowerCase());
  if (words.length === 0) return null;
  const fuzzy = words
    .map((w) => (w.length >= 8 ? `${w}~2` : w.length >= 4 ? `${w}~1` : w.length >= 2 ? `(${w} OR ${w}*)` : w))
    .join(" AND ");
  return `"${words.join(" ")}"^4 OR (${fuzzy})`;
}
