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
