import { nameKey } from "../../src/model/names";
import { fuzzyQuery } from "../../src/repository/names";

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

describe("fuzzy full-text queries", () => {
  it("rank the exact phrase first and match each word fuzzily", () => {
    expect(fuzzyQuery("New Zeland")).toBe('"new zeland"^4 OR ((new OR new*) AND zeland~1)');
    expect(fuzzyQuery("Kampuchea")).toBe('"kampuchea"^4 OR (kampuchea~2)');
  });

  it("stay far below Lucene's 1,024 clauses whatever text reaches them", () => {
    const query = fuzzyQuery(Array.from({ length: 5000 }, (_, i) => `w${i}`).join(" "))!;
    const clauses = query.split(/ (?:AND|OR) /).length;

    expect(clauses).toBeLessThan(200);
    expect(fuzzyQuery("x".repeat(10_000))!.length).toBeLessThan(300);
  });

  it("escape Lucene syntax so user text cannot change the query", () => {
    const query = fuzzyQuery('AND name:"x" OR *')!;

    expect(query).not.toContain("name:");
    expect(fuzzyQuery("***")).toBeNull();
  });
});
