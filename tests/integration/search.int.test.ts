import {
  ENTITY_NAME_MIN_SCORE,
  EXACT_NAME_BOOST,
  PHRASE_BOOST,
} from "../../src/repository/search.repository";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;
type Hit = { score: number; entity: { id: string; name: string } };

/**
 * Ranked search on the seeded graph: any word finds an entity, more words rank higher, the
 * whole phrase and the exact name are boosted, prefixes and misspellings are found, and a
 * name look-up takes the best hit only above ENTITY_NAME_MIN_SCORE.
 */
describe("ranked search over names and aliases", () => {
  let db: TestDatabase;
  let server: TestServer;

  async function ok(query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const { body } = await server.execute(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  const SEARCH = `query($t: String!, $kinds: [EntityKind!]) {
    search(text: $t, kinds: $kinds, first: 50) { score entity { id name } }
    entity(name: $t) { id }
  }`;

  async function search(text: string, kinds?: string[]): Promise<{ hits: Hit[]; entity: string | null }> {
    const data = await ok(SEARCH, { t: text, kinds });
    return { hits: data.search, entity: data.entity?.id ?? null };
  }

  const hitOf = (hits: Hit[], id: string) => hits.find((h) => h.entity.id === id);
  const rankOf = (hits: Hit[], id: string) => hits.findIndex((h) => h.entity.id === id);

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor);
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("finds an entity by a three-word query one of whose words no name holds", async () => {
    const { hits, entity } = await search("Solomon Islands Frobnicate");

    expect(hits[0]!.entity.id).toBe("SB");
    expect(hits[0]!.score).toBeGreaterThan(ENTITY_NAME_MIN_SCORE);
    expect(entity).toBe("SB");
    const typed = await ok(`{ state(name: "Solomon Islands Frobnicate") { id } }`);
    expect(typed.state).toEqual({ id: "SB" });
  });

  it("ranks an entity holding every word above one holding a single word", async () => {
    const { hits } = await search("Regional Support Office");
    // The Regional Cooperation Framework holds "regional" only.
    const one = hitOf(hits, "rcf")!;

    expect(hits[0]!.entity.id).toBe("rso");
    expect(one).toBeDefined();
    expect(hits[0]!.score).toBeGreaterThan(one.score);
    expect(rankOf(hits, "rso")).toBeLessThan(rankOf(hits, "rcf"));
  });

  it("boosts the whole phrase, and the exact name most, so the exact name comes first", async () => {
    const inOrder = await search("Ad Hoc Group");
    const shuffled = await search("Group Ad Hoc");
    const score = (hits: Hit[], id: string) => hitOf(hits, id)!.score;

    expect(inOrder.hits[0]!.entity).toEqual({ id: "ad-hoc-group", name: "Ad Hoc Group" });
    expect(inOrder.hits[0]!.score).toBeGreaterThan(inOrder.hits[1]!.score);
    // The same words out of order: no phrase, so only the boosts differ.
    expect(score(inOrder.hits, "ad-hoc-group") - score(shuffled.hits, "ad-hoc-group")).toBeCloseTo(
      EXACT_NAME_BOOST,
      5,
    );
    // "First Ad Hoc Group RBDES Workshop" holds the phrase without being it.
    expect(
      score(inOrder.hits, "rbdes-workshop-2017") - score(shuffled.hits, "rbdes-workshop-2017"),
    ).toBeCloseTo(PHRASE_BOOST, 5);
  });

  it("finds an entity by a misspelt word, and by the beginning of a word", async () => {
    const misspelt = await search("Indonasia");
    const prefix = await search("Indone");
    const documents = await search("Indone", ["DOCUMENT"]);

    expect(misspelt.hits[0]!.entity.id).toBe("ID");
    expect(misspelt.entity).toBe("ID");
    expect(prefix.hits[0]!.entity).toEqual({ id: "ID", name: "Indonesia" });
    expect(prefix.entity).toBe("ID");
    expect(documents.hits.map((h) => h.entity.id)).toContain("indonesia-delegation-report-2009");
    expect(documents.hits.map((h) => h.entity.id)).not.toContain("ID");
  });

  it("takes no entity for a name whose best hit scores at or below the threshold", async () => {
    // Only "Islands" is found, one word of three: hits, all under the threshold.
    const below = await search("Islands Frobnicate Quuxly");
    const typed = await ok(
      `{ state(name: "Islands Frobnicate Quuxly") { id } e: entity(name: "***") { id } }`,
    );

    expect(below.hits.length).toBeGreaterThan(0);
    expect(below.hits[0]!.score).toBeLessThanOrEqual(ENTITY_NAME_MIN_SCORE);
    expect(below.entity).toBeNull();
    expect(typed).toEqual({ state: null, e: null });
  });

  it("orders hits by score, then name, then id", async () => {
    for (const text of ["Group", "Working Group Trafficking", "Bali Process"]) {
      const { hits } = await search(text);
      const sorted = [...hits].sort(
        (a, b) =>
          b.score - a.score ||
          (a.entity.name < b.entity.name ? -1 : a.entity.name > b.entity.name ? 1 : 0) ||
          (a.entity.id < b.entity.id ? -1 : 1),
      );

      expect(hits.length).toBeGreaterThan(1);
      expect(hits).toEqual(sorted);
    }
    // Equal scores do occur, so the order between them is the name's.
    const { hits } = await search("Bali Process");
    expect(new Set(hits.map((h) => h.score)).size).toBeLessThan(hits.length);
  });

  it("still refuses text over the search bounds, on search and on name look-ups", async () => {
    const words = Array.from({ length: 25 }, (_, i) => `w${i}`).join(" ");
    const cases: [string, string, string][] = [
      ["search(text: $t) { score }", words, "searchTerms"],
      ["entity(name: $t) { id }", words, "searchTerms"],
      ["search(text: $t) { score }", `Indonesia ${"x".repeat(41)}`, "searchTermLength"],
      ["state(name: $t) { id }", `Indonesia ${"x".repeat(41)}`, "searchTermLength"],
    ];
    for (const [field, text, bound] of cases) {
      const { status, body } = await server.post(`query($t: String!) { ${field} }`, { t: text });

      expect(status).toBe(400);
      expect(body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", bound });
    }
  });
});
