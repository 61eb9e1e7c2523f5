/**
 * The key under which a name is looked up: case, accents, punctuation and a leading
 * "the" do not matter ("The Netherlands" and "netherlands" meet).
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "");
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A Lucene query for the full-text index that tolerates misspellings: the exact phrase
 * ranks first, then every word matched fuzzily ("New Zeland" finds New Zealand).
 * Returns null when the text has no searchable word.
 */
export function fuzzyQuery(text: string): string | null {
  const words = text
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.replace(LUCENE_SPECIAL, "\\$&").toLowerCase());
  if (words.length === 0) return null;
  const fuzzy = words
    .map((w) => (w.length >= 4 ? `${w}~` : w.length >= 2 ? `(${w} OR ${w}*)` : w))
    .join(" AND ");
  return `"${words.join(" ")}"^4 OR (${fuzzy})`;
}
