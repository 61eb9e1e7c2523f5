import fs from "node:fs";
import path from "node:path";
import { parseApiKeys } from "../../src/auth/api-keys";
import { splitLines } from "../../src/model/mentions";
import { createRepositories } from "../../src/repository";
import { SEED_DIR } from "../../src/runtime";
import { readSeed } from "../../src/seed/read-seed";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { TEST_SOURCES_DIR, seedDatabase } from "../support/seed";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

const KEY = "mentions-curator-secret-0123456789";
const AUTH = { authorization: `Bearer ${KEY}` };

const ADD = `mutation($input: AddSourceInput!) {
  addSource(input: $input) {
    source { id title documentKind lineCount reference mentions(first: 100) { totalCount edges { node { lines entity { id } } } } }
    audit { action targetType targetId actor version }
    mentions { entity { id } lines names }
    ambiguous { name candidates { id } lines }
    unknown { name lines }
  }
}`;

/**
 * Where the documents name the graph's entities: the five sources' mentions, read from the
 * graph as the seed holds them, and documents added with their text through the API.
 */
describe("mentions", () => {
  let db: TestDatabase;
  let server: TestServer;
  const texts = new Map<string, string[]>();

  beforeAll(async () => {
    db = openTestDatabase();
    await seedDatabase(db.executor);
    server = await startTestServer(db.executor, { apiKeys: parseApiKeys(`curator:${KEY}`) });
    for (const file of fs.readdirSync(TEST_SOURCES_DIR).filter((f) => /^\d{3}_.*\.txt$/.test(f))) {
      texts.set(file.slice(0, 3), splitLines(fs.readFileSync(path.join(TEST_SOURCES_DIR, file), "utf8")));
    }
  });

  afterAll(async () => {
    await seedDatabase(db.executor);
    await server.stop();
    await db.close();
  });

  async function ok(query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const { body } = await server.post(query, variables, AUTH);
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  const count = async (cypher: string) => Number((await db.executor.read(cypher))[0]!.n);

  it("of the five sources, as the ingester finds them in the graph, are the committed ones", async () => {
    const committed = readSeed(SEED_DIR()).mentions;
    const { mentions } = createRepositories(db.executor);
    for (const [source, lines] of texts) {
      const found = await mentions.find(lines);
      expect(found.ambiguous).toEqual([]);
      expect(found.mentions.map(({ entity, lines: at }) => ({ source, entity, lines: at }))).toEqual(
        committed.filter((m) => m.source === source),
      );
    }
    expect(await count("MATCH (:Source)-[m:MENTIONS]->(:Entity) RETURN count(m) AS n")).toBe(
      committed.length,
    );
  });

  it("answer `mentionedIn` with the lines and their text, a misspelling included", async () => {
    const data = await ok(`{
      state(id: "NZ") {
        mentionedIn(first: 10) { totalCount edges { node { source { id } lines count passages { number text } } } }
      }
    }`);
    const edges = data.state.mentionedIn.edges.map((e: Answer) => e.node);
    expect(edges.map((m: Answer) => m.source.id)).toEqual(["001", "003", "004"]);
    expect(data.state.mentionedIn.totalCount).toBe(3);
    const in001 = edges[0];
    expect(in001.lines).toContain(26);
    expect(in001.count).toBe(in001.lines.length);
    // 001 line 26 writes "New Zeland".
    expect(in001.passages.find((p: Answer) => p.number === 26).text).toBe(texts.get("001")![25]);
    expect(texts.get("001")![25]).toMatch(/New Zeland/);
  });

  it("page through a source's mentions in the order it first names them, both ways", async () => {
    const page = async (args: string) =>
      (
        await ok(`{ entity(id: "003") { ... on Source { mentions(${args}) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { entity { id } lines } } } } } }`)
      ).entity.mentions;
    const all = await page("first: 100");
    const committed = readSeed(SEED_DIR()).mentions.filter((m) => m.source === "003");
    expect(all.totalCount).toBe(committed.length);
    const firstLines = all.edges.map((e: Answer) => e.node.lines[0]);
    expect(firstLines).toEqual([...firstLines].sort((a: number, b: number) => a - b));
    const one = await page("first: 5");
    const two = await page(`first: 5, after: "${one.pageInfo.endCursor}"`);
    expect([...one.edges, ...two.edges].map((e: Answer) => e.node.entity.id)).toEqual(
      all.edges.slice(0, 10).map((e: Answer) => e.node.entity.id),
    );
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const back = await page(`last: 5, before: "${two.edges[0].cursor}"`);
    expect(back.edges.map((e: Answer) => e.node.entity.id)).toEqual(
      one.edges.map((e: Answer) => e.node.entity.id),
    );
    const bad = await server.post(
      `{ entity(id: "003") { ... on Source { mentions(first: 101) { totalCount } } } }`,
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("are no relationship: neighbourhoods, relationships and counts leave them out", async () => {
    const data = await ok(`{
      neighbourhood(id: "003") { nodes { id } edges { type } }
      state(id: "NZ") { relationships { type node { id } } }
    }`);
    expect(data.neighbourhood).toEqual({ nodes: [{ id: "003" }], edges: [] });
    expect(data.state.relationships.map((r: Answer) => r.type)).not.toContain("MENTIONS");
    expect(data.state.relationships.map((r: Answer) => r.node.id)).not.toContain("001");
  });

  it("give co-mentions in a neighbourhood when asked, weighted by documents and shared lines", async () => {
    const data = await ok(`{
      without: neighbourhood(id: "AHG") { coMentions { source } }
      with: neighbourhood(id: "AHG", coMentions: true) { nodes { id } coMentions { source target documents lines } }
    }`);
    expect(data.without.coMentions).toEqual([]);
    const ids: string[] = data.with.nodes.map((n: Answer) => n.id);
    const expected = await db.executor.read(
      `MATCH (a:Entity)<-[m1:MENTIONS]-(s:Source)-[m2:MENTIONS]->(b:Entity)
       WHERE a.id IN $ids AND b.id IN $ids AND a.id < b.id
       WITH a.id AS source, b.id AS target, collect(s.id) AS docs,
            reduce(n = 0, pair IN collect([m1.lines, m2.lines]) | n + size([l IN pair[0] WHERE l IN pair[1]])) AS lines
       RETURN source, target, size(docs) AS documents, lines ORDER BY source, target`,
      { ids },
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(data.with.coMentions).toEqual(expected);
  });

  it("are in the exports when asked, as edges of their own type weighted by documents and lines", async () => {
    const { neighbourhood } = await ok(
      `{ neighbourhood(id: "AHG", coMentions: true) { coMentions { source target documents lines } } }`,
    );
    const cyjs = async (query: string) => {
      const response = await fetch(`${server.app.url}/export/neighbourhood.cyjs?${query}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as Answer).elements.edges.map((e: Answer) => e.data);
    };
    const links = (await cyjs("id=AHG&coMentions=true")).filter((e: Answer) => e.type === "CO_MENTIONED");
    expect(links.map((e: Answer) => [e.source, e.target, e.documents, e.lines])).toEqual(
      neighbourhood.coMentions.map((c: Answer) => [c.source, c.target, c.documents, c.lines]),
    );
    expect((await cyjs("id=AHG")).filter((e: Answer) => e.type === "CO_MENTIONED")).toEqual([]);
    const graphml = await (
      await fetch(`${server.app.url}/export/neighbourhood.graphml?id=AHG&coMentions=true`)
    ).text();
    expect(graphml).toContain("CO_MENTIONED");
    const bad = await fetch(`${server.app.url}/export/neighbourhood.cyjs?id=AHG&coMentions=maybe`);
    expect(bad.status).toBe(400);
  });

  describe("addSource", () => {
    const text = [
      "Notes from a regional meeting",
      "",
      "New Zeland and Indonesia spoke for the AHG; the Regional Support Office took notes.",
      "The Coral Triangle Initiative and the Mekong Migration Network observed.",
    ].join("\n");

    it("without a key is refused and writes nothing", async () => {
      const sources = await count("MATCH (s:Source) RETURN count(s) AS n");
      const version = await count("MATCH (v:GraphVersion) RETURN max(v.version) AS n");
      const { body } = await server.post(ADD, {
        input: { title: "Notes", reference: "https://example.org/notes", text },
      });
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(await count("MATCH (s:Source) RETURN count(s) AS n")).toBe(sources);
      expect(await count("MATCH (v:GraphVersion) RETURN max(v.version) AS n")).toBe(version);
    });

    it("stores the document, links what it names in the same change, and reports what it could not", async () => {
      const version = await count("MATCH (v:GraphVersion) RETURN max(v.version) AS n");
      const data = await ok(ADD, {
        input: {
          title: "Notes from a regional meeting",
          reference: "https://example.org/notes",
          text,
          reason: "a test",
        },
      });
      const added = data.addSource;
      expect(added.source).toMatchObject({
        id: "005",
        documentKind: "added",
        lineCount: 4,
        reference: "https://example.org/notes",
      });
      expect(added.audit).toMatchObject({
        action: "ADD_SOURCE",
        targetType: "Source",
        targetId: "005",
        actor: "curator",
      });
      expect(added.audit.version).toBe(version + 1);
      const found = added.mentions.map((m: Answer) => [m.entity.id, m.lines]);
      expect(found).toEqual(
        expect.arrayContaining([
          ["NZ", [3]],
          ["ID", [3]],
          ["ad-hoc-group", [3]],
          ["rso", [3]],
        ]),
      );
      expect(added.mentions.find((m: Answer) => m.entity.id === "NZ").names).toEqual(["New Zeland"]);
      expect(added.unknown.map((u: Answer) => u.name)).toEqual(
        expect.arrayContaining(["Coral Triangle Initiative", "Mekong Migration Network"]),
      );
      expect(added.ambiguous).toEqual([]);
      // What the answer reports is what the graph holds.
      expect(added.source.mentions.totalCount).toBe(added.mentions.length);
      const lines = await ok(`{ entity(id: "005") { ... on Source { lines(from: 3, to: 3) { text } } } }`);
      expect(lines.entity.lines[0].text).toBe(text.split("\n")[2]);
      const nz = await ok(`{ state(id: "NZ") { mentionedIn { edges { node { source { id } lines } } } } }`);
      expect(nz.state.mentionedIn.edges.map((e: Answer) => e.node.source.id)).toContain("005");
    });

    it("refuses a text held already, with the id of the source that holds it", async () => {
      const sources = await count("MATCH (s:Source) RETURN count(s) AS n");
      const again = await server.post(
        ADD,
        { input: { title: "Again", reference: "elsewhere", text: `${text.replace(/\n/g, "\r\n")}\r\n` } },
        AUTH,
      );
      expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", existingSourceId: "005" });
      const known = await server.post(
        ADD,
        { input: { title: "Encyclopedia", reference: "elsewhere", text: texts.get("003")!.join("\n") } },
        AUTH,
      );
      expect(known.body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", existingSourceId: "003" });
      expect(await count("MATCH (s:Source) RETURN count(s) AS n")).toBe(sources);
    });

    it("refuses a text over the size limit before anything runs, and an empty one", async () => {
      const sources = await count("MATCH (s:Source) RETURN count(s) AS n");
      const long = await server.post(
        ADD,
        { input: { title: "Long", reference: "r", text: "word ".repeat(6500) } },
        AUTH,
      );
      expect(long.status).toBe(400);
      expect(long.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(long.body.errors?.[0]?.message).toMatch(/32000/);
      const empty = await server.post(
        ADD,
        { input: { title: "Empty", reference: "r", text: " \n\n" } },
        AUTH,
      );
      expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
      expect(await count("MATCH (s:Source) RETURN count(s) AS n")).toBe(sources);
    });

    it("reports a name that several entities answer to, and links neither", async () => {
      // Another writer (not the API, which refuses a name that is taken) gave a second entity the name Perth.
      await db.executor.write(
        `MATCH (p:Entity {id: "perth"})
         CREATE (q:Entity:Place {id: "perth-twin"})
         SET q.name = p.name, q.kind = p.kind, q.aliases = p.aliases, q.searchKeys = p.searchKeys, q.sources = p.sources`,
      );
      try {
        const data = await ok(ADD, {
          input: { title: "Perth notes", reference: "r", text: "Delegates met in Perth with Australia." },
        });
        expect(data.addSource.ambiguous).toEqual([
          { name: "Perth", candidates: [{ id: "perth" }, { id: "perth-twin" }], lines: [1] },
        ]);
        expect(data.addSource.mentions.map((m: Answer) => m.entity.id)).toEqual(["AU"]);
      } finally {
        await db.executor.write(`MATCH (q:Entity {id: "perth-twin"}) DETACH DELETE q`);
      }
    });
  });
});
