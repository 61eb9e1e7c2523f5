import fs from "node:fs";
import path from "node:path";
import { serverAudits } from "graphql-http";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

/**
 * The SHOULD audits this server does not pass, as listed (with the reason) in README.md's
 * "GraphQL over HTTP" section: `- \`<audit id>\` …`. The test keeps the list exact both ways.
 */
function shouldsListedInReadme(): Set<string> {
  const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const start = readme.indexOf("### GraphQL over HTTP");
  if (start < 0) throw new Error('README.md has no "### GraphQL over HTTP" section');
  const end = readme.indexOf("\n#", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return new Set([...section.matchAll(/^- `([0-9A-F]{4})`/gm)].map((m) => m[1]!));
}

describe("GraphQL over HTTP (graphql-http's server audits against the running server)", () => {
  let db: TestDatabase;
  let server: TestServer;
  const audits = serverAudits({ url: () => `${server.app.url}/graphql`, fetchFn: fetch });

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor);
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it.each(audits.filter((a) => a.name.startsWith("MUST")).map((a) => [`${a.id} ${a.name}`, a] as const))(
    "%s",
    async (_name, audit) => {
      const result = await audit.fn();

      expect(result.status === "ok" ? "ok" : `${result.status}: ${result.reason}`).toBe("ok");
    },
  );

  it("passes every SHOULD audit except those README.md lists with the reason", async () => {
    const shoulds = audits.filter((a) => a.name.startsWith("SHOULD"));
    const warned: string[] = [];
    for (const audit of shoulds) {
      if ((await audit.fn()).status !== "ok") warned.push(`${audit.id} ${audit.name}`);
    }
    const listed = shoulds.filter((a) => shouldsListedInReadme().has(a.id)).map((a) => `${a.id} ${a.name}`);

    expect(warned).toEqual(listed);
  });
});
