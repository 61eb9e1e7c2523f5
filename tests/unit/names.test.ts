import { nameKey } from "../../src/model/names";
import fs from "node:fs";
import path from "node:path";
import { LUCENE_MAX_TERMS, searchTerms, wordQuery } from "../../src/repository/names";
import {
  ENTITY_NAME_MIN_SCORE,
  EXACTNESS_WEIGHT,
  EXACT_NAME_BOOST,
  FIT_WEIGHT,
  PHRASE_BOOST,
  WORD_CREDIT,
} from "../../src/repository/search.repository";
import { SEARCH_CANDIDATES_PER_WORD } from "../../src/limits/sizes";

describe("name keys", () => {
  it.each([
    ["The Netherlands", "netherlands"],
    ["  Viet   Nam ", "viet nam"],
    ["Côte d'Ivoire", "cote d ivoire"],
    ["Lao PDR", "lao pdr"],
  ])("%j has the key %j", (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe("search terms", () => {
  it("match each word exactly, as a prefix, and fuzzily: one edit under eight letters, two from eight", () => {
    expect(searchTerms("New Zeland")).toEqual([
      { key: "new", query: "new^2 OR new*" },
      { key: "zeland", query: "zeland^2 OR zeland* OR zeland~1" },
    ]);
    expect(searchTerms("Kampuchea")).toEqual([
      { key: "kampuchea", query: "kampuchea^2 OR kampuchea* OR kampuchea~2" },
    ]);
    expect(wordQuery("a")).toBe("a");
  });

  it("count a repeated word once, and fold case and accents in the key only", () => {
    expect(searchTerms("Côte côte COTE").map((t) => t.key)).toEqual(["cote"]);
    expect(searchTerms("Côte")[0]!.query).toBe("côte^2 OR côte* OR côte~1");
  });

  it("stay far below Lucene's limits whatever text reaches them", () => {
    const terms = searchTerms(Array.from({ length: 5000 }, (_, i) => `w${i}`).join(" "));

    expect(terms.length).toBe(LUCENE_MAX_TERMS);
    expect(searchTerms("x".repeat(10_000))[0]!.query.length).toBeLessThan(300);
  });

  it("escape Lucene syntax so user text cannot change the query", () => {
    const queries = searchTerms('AND name:"x" OR *').map((t) => t.query);

    expect(queries.join(" ")).not.toContain("name:");
    expect(queries.join(" ")).not.toMatch(/\bAND\b/);
    expect(searchTerms("***")).toEqual([]);
  });
});

describe("the ranking the README explains", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");

  it("states the threshold, the weights and the candidates per word the code uses", () => {
    expect(readme).toContain(`\`ENTITY_NAME_MIN_SCORE\` = ${ENTITY_NAME_MIN_SCORE}`);
    expect(readme).toContain(`quality = ${EXACTNESS_WEIGHT} × exactness + ${FIT_WEIGHT} × fit`);
    expect(readme).toContain(
      `${WORD_CREDIT.exact} (the word itself), ${WORD_CREDIT.prefix} (a prefix) or ${WORD_CREDIT.misspelt}`,
    );
    expect(readme).toContain(`+${EXACT_NAME_BOOST} when the text is a name or alias`);
    expect(readme).toContain(`+${PHRASE_BOOST} when its words appear together`);
    expect(readme).toContain(`at most ${SEARCH_CANDIDATES_PER_WORD} entities`);
  });

  it("keeps quality below one, so more words found always ranks higher", () => {
    expect(EXACTNESS_WEIGHT * WORD_CREDIT.exact + FIT_WEIGHT).toBeLessThan(1);
  });
});
