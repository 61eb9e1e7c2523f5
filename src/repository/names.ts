import { searchWords } from "../limits/input-bounds";
import { nameKey } from "../model/names";

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A last guard on what reaches Lucene, whatever the caller checked: the API's bounds
 * (SEARCH_MAX_TERMS, searchTermLength) are far below these. Each word is one full-text
 * query of three clauses at most, so a text never costs more than this many queries.
 */
export const LUCENE_MAX_TERMS = 64;
export const LUCENE_MAX_TERM_LENGTH = 64;

/** One word of a search: its Lucene query, and its key as names are stored in `searchKeys`. */
export interface SearchTerm {
  /** The word as `nameKey` writes it (case and accents folded): what ranking compares with a name's words. */
  key: string;
  /** The Lucene query that finds the names holding this word: exactly, as a prefix or misspelt. */
  query: string;
}

/**
 * A Lucene query for one word that tolerates misspellings and unfinished words: the word
 * itself (boosted, so that exact matches come first among a word's candidates), any word it
 * begins ("Indone" finds Indonesia) from two letters on, and the word within one edit for
 * four to seven letters, two edits from eight letters ("Indonasia"). A single letter must
 * match a word exactly.
 */
export function wordQuery(word: string): string {
  const w = word.slice(0, LUCENE_MAX_TERM_LENGTH).replace(LUCENE_SPECIAL, "\\$&").toLowerCase();
  if (w.length < 2) return w;
  const clauses = [`${w}^2`, `${w}*`];
  if (w.length >= 4) clauses.push(`${w}~${w.length >= 8 ? 2 : 1}`);
  return clauses.join(" OR ");
}

/**
 * The distinct words of a text, each with its full-text query and its key (in the order
 * given; a word repeated counts once). Empty when the text has no searchable word.
 */
export function searchTerms(text: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const word of searchWords(text).slice(0, LUCENE_MAX_TERMS)) {
    const key = nameKey(word.slice(0, LUCENE_MAX_TERM_LENGTH));
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    terms.push({ key, query: wordQuery(word) });
  }
  return terms;
}
