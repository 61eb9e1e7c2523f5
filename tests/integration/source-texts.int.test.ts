import fs from "node:fs";
import path from "node:path";
import { splitLines } from "../../src/seed/source-texts";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { TEST_SOURCES_DIR } from "../support/seed";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

/**
 * The documents' text, loaded from SOURCES_DIR (the tests load ../shared/sources): each
 * citation answers with exactly its lines, and a document can be read a page at a time.
 */
describe("source documents' text", () => {
  let db: TestDatabase;
  let server: TestServer;
  const files = new Map<string, string[]>();

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor);
    for (const file of fs.readdirSync(TEST_SOURCES_DIR).filter((f) => /^\d{3}_.*\.txt$/.test(f))) {
      files.set(file.slice(0, 3), splitLines(fs.readFileSync(path.join(TEST_SOURCES_DIR, file), "utf8")));
    }
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  async function ok(query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const { body } = await server.execute(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  it("answers each citation of an entity and of its relationships with exactly the cited lines", async () => {
    const data = await ok(`{
      state(id: "AU") {
        sources { citation sourceId firstLine lastLine text }
        memberOf { sources { citation sourceId firstLine lastLine text } }
      }
    }`);
    const citations = [...data.state.sources, ...data.state.memberOf.flatMap((m: Answer) => m.sources)];
    expect(citations.length).toBeGreaterThan(5);
    for (const c of citations) {
      const expected = files
        .get(c.sourceId)!
        .slice(c.firstLine - 1, c.lastLine)
        .join("\n");
      expect({ citation: c.citation, text: c.text }).toEqual({ citation: c.citation, text: expected });
      expect(c.text.length).toBeGreaterThan(0);
    }
    // A passage of several lines keeps its line breaks.
    const long = await ok(`{ body(id: "ad-hoc-group") { sources { citation firstLine lastLine text } } }`);
    const several = long.body.sources.find((c: Answer) => c.lastLine > c.firstLine);
    expect(several.text.split("\n")).toHaveLength(several.lastLine - several.firstLine + 1);
  });

  it("pages through a document by line numbers, and past its end answers the lines there are", async () => {
    const data = await ok(`{
      source: entity(id: "003") { ... on Source { lineCount lines(from: 3, to: 5) { number text } } }
      whole: entity(id: "000") { ... on Source { lineCount lines { number } } }
    }`);
    const lines = files.get("003")!;
    expect(data.source.lines).toEqual([3, 4, 5].map((n) => ({ number: n, text: lines[n - 1] })));
    expect(data.whole.lines.map((l: Answer) => l.number)).toEqual(
      Array.from({ length: data.whole.lineCount }, (_, i) => i + 1),
    );

    const end = await ok(
      `{ source: entity(id: "000") { ... on Source { lineCount lines(from: 12, to: 40) { number } } } }`,
    );
    expect(end.source.lines.map((l: Answer) => l.number)).toEqual(
      Array.from({ length: end.source.lineCount - 11 }, (_, i) => 12 + i),
    );
  });

  it.each([
    ["lines(from: 0)", "from 1"],
    ["lines(from: 10, to: 9)", "before"],
    ["lines(from: 1, to: 201)", "At most 200"],
    ["lines(from: 2000000)", "lineNumber"],
  ])("refuses %s with a coded error", async (field, message) => {
    const { body } = await server.execute(`{ entity(id: "003") { ... on Source { ${field} { number } } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(body.errors)).toContain(message);
  });
});
