import type { AddressInfo } from "node:net";
import http from "node:http";
import express, { type ErrorRequestHandler } from "express";
import { createCaching } from "../../src/server/caching";
import { ensureBody } from "../../src/server/http-errors";
import {
  type KeptAnswersOptions,
  READ_VERSION,
  bodyErrorFromLane,
  keptAnswersFirst,
} from "../../src/server/kept-answers";
import { PersistedQueryStore } from "../../src/server/persisted-operations";

const QUERY = `{ kept }`;
const HASH = "a".repeat(64);
const VERSION = { version: 7, epoch: "e" };
const JSON_TYPE = { "content-type": "application/json" };
const PREFLIGHT = { "apollo-require-preflight": "1" };

/** What the stand-in's route says of a body its parser refused: the parser's status and type. */
const bodyRefused: ErrorRequestHandler = (error: { status: number; type: string }, _req, res, _next) => {
  res.status(error.status).json({ refused: error.type });
};

/**
 * The lane in front of an Express app built as the server builds its route (the lane's error
 * first, then the same body parser), ending in a stand-in for Apollo Server that says it was
 * reached, and with which version.
 */
async function serve(
  options: Omit<KeptAnswersOptions, "parseBody">,
): Promise<{ server: http.Server; url: string }> {
  const parseBody = express.json({ limit: "1kb" });
  const app = express();
  app.use("/graphql", bodyErrorFromLane, parseBody, ensureBody, (_req, res) => {
    res.json({ pipeline: true, version: res.locals[READ_VERSION] ?? null });
  });
  app.use(bodyRefused);
  const server = http.createServer(keptAnswersFirst({ ...options, parseBody }, app));
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

/**
 * The lane in front of a stand-in for Apollo Server that says it was reached and with which
 * version read before it: which requests are answered from the kept answer, and which go on
 * unchanged.
 */
describe("kept answers before Express and the GraphQL pipeline", () => {
  let server: http.Server;
  let url: string;
  let versionReads = 0;

  beforeAll(async () => {
    const caching = createCaching({
      responseCacheBytes: 1 << 20,
      versionStalenessMs: 0,
      httpMaxAgeSeconds: 30,
    });
    const persistedQueries = new PersistedQueryStore(1 << 20);
    await persistedQueries.set(`apq:${HASH}`, QUERY);
    const keep = (parts: { operationName?: string; variables?: Record<string, unknown>; actor?: string }) =>
      caching.responseCache!.set(
        caching.keyFor(VERSION, {
          document: QUERY,
          operationName: parts.operationName ?? null,
          variables: parts.variables,
          actor: parts.actor ?? null,
        }),
        { data: { kept: parts } },
      );
    keep({});
    keep({ variables: { a: 1 } });
    keep({ operationName: "Named" });
    keep({ actor: "reader" });

    ({ server, url } = await serve({
      caching,
      readVersion: async () => {
        versionReads += 1;
        return VERSION;
      },
      actor: (authorization) => (authorization === "Bearer reader-key" ? "reader" : null),
      persistedQueries,
    }));
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = (body: unknown, headers: Record<string, string> = JSON_TYPE) =>
    fetch(url, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const get = (search: string, headers: Record<string, string> = PREFLIGHT) =>
    fetch(`${url}?${search}`, { headers });
  const q = encodeURIComponent(QUERY);

  /** What answered: the kept answer (its data) or the pipeline, with the version it was handed. */
  async function answeredBy(response: Response) {
    const body = (await response.json()) as { data?: unknown; pipeline?: boolean; version?: unknown };
    return body.pipeline ? { pipeline: body.version } : { kept: body.data };
  }

  it("answers a kept query over POST and GET, by its text or its persisted hash", async () => {
    expect(await answeredBy(await post({ query: QUERY }))).toEqual({ kept: { kept: {} } });
    expect(await answeredBy(await post({ query: QUERY, variables: { a: 1 } }))).toEqual({
      kept: { kept: { variables: { a: 1 } } },
    });
    expect(await answeredBy(await post({ query: QUERY, operationName: "Named" }))).toEqual({
      kept: { kept: { operationName: "Named" } },
    });
    expect(
      await answeredBy(await post({ query: QUERY }, { ...JSON_TYPE, authorization: "Bearer reader-key" })),
    ).toEqual({
      kept: { kept: { actor: "reader" } },
    });
    expect(await answeredBy(await get(`query=${q}`))).toEqual({ kept: { kept: {} } });
    const extensions = encodeURIComponent(
      JSON.stringify({ persistedQuery: { version: 1, sha256Hash: HASH } }),
    );
    expect(await answeredBy(await get(`extensions=${extensions}`))).toEqual({ kept: { kept: {} } });
  });

  it("hands a query it keeps no answer for on, with the version it read", async () => {
    const before = versionReads;
    expect(await answeredBy(await post({ query: QUERY, variables: { a: 2 } }))).toEqual({
      pipeline: VERSION,
    });
    expect(await answeredBy(await post({ query: QUERY, operationName: "Unkept" }))).toEqual({
      pipeline: VERSION,
    });
    expect(versionReads - before).toBe(2);
  });

  it("hands on, without reading the version, every request Apollo Server would refuse or answer otherwise", async () => {
    const before = versionReads;
    const extensions = (value: unknown) => encodeURIComponent(JSON.stringify(value));
    const handedOn: [string, Promise<Response>][] = [
      ["GET without a preflight header", get(`query=${q}`, {})],
      ["GET with a simple content type", get(`query=${q}`, { "content-type": "text/plain" })],
      [
        "GET with a content type other than JSON",
        get(`query=${q}`, { ...PREFLIGHT, "content-type": "text/xml" }),
      ],
      [
        "GET preferring HTML",
        get(`query=${q}`, { ...PREFLIGHT, accept: "text/html,application/json;q=0.9" }),
      ],
      ["GET accepting no JSON", get(`query=${q}`, { ...PREFLIGHT, accept: "application/xml" })],
      ["GET with the query twice", get(`query=${q}&query=${q}`)],
      ["GET with variables that are no JSON", get(`query=${q}&variables=%7B`)],
      ["GET with variables that are a list", get(`query=${q}&variables=%5B%5D`)],
      [
        "GET with a persisted hash and its text",
        get(`query=${q}&extensions=${extensions({ persistedQuery: { version: 1, sha256Hash: HASH } })}`),
      ],
      [
        "GET with a persisted hash of another version",
        get(`extensions=${extensions({ persistedQuery: { version: 2, sha256Hash: HASH } })}`),
      ],
      [
        "GET by a persisted hash it does not hold",
        get(`extensions=${extensions({ persistedQuery: { version: 1, sha256Hash: "b".repeat(64) } })}`),
      ],
      ["POST with a simple content type", post({ query: QUERY }, { "content-type": "text/plain" })],
      ["POST of a list", post([{ query: QUERY }])],
      ["POST with variables as a string", post({ query: QUERY, variables: "{}" })],
      ["POST with a query that is no string", post({ query: { kind: "Document" } })],
      ["POST with an operation name that is no string", post({ query: QUERY, operationName: 1 })],
      ["POST without a query", post({ variables: {} })],
      ["PUT", fetch(url, { method: "PUT", headers: JSON_TYPE, body: JSON.stringify({ query: QUERY }) })],
      [
        "POST to another path",
        fetch(`${url}/`, { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ query: QUERY }) }),
      ],
      [
        "POST accepting only the callback type",
        post({ query: QUERY }, { ...JSON_TYPE, accept: "application/json; callbackSpec=1.0" }),
      ],
    ];
    for (const [name, response] of handedOn) {
      expect({ name, by: await answeredBy(await response) }).toEqual({ name, by: { pipeline: null } });
    }
    expect(versionReads).toBe(before);
  });

  it("leaves a body its parser refuses to the route, which refuses it as its own parser would", async () => {
    const before = versionReads;
    const refused = async (response: Response) => [response.status, await response.json()];
    expect(await refused(await post("{ not json"))).toEqual([400, { refused: "entity.parse.failed" }]);
    expect(await refused(await post({ query: QUERY, padding: "x".repeat(2000) }))).toEqual([
      413,
      { refused: "entity.too.large" },
    ]);
    expect(
      await refused(await post({ query: QUERY }, { "content-type": "application/json; charset=latin-9" })),
    ).toEqual([415, { refused: "charset.unsupported" }]);
    expect(versionReads).toBe(before);
  });

  it("sends a kept answer as Express sends it: its length, and the weak ETag of its body on a POST", async () => {
    const response = await post({ query: QUERY });
    const body = await response.text();
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    expect(response.headers.get("etag")).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("chooses the content type from Accept and answers a matching If-None-Match with 304", async () => {
    const preferred = await post(
      { query: QUERY },
      { ...JSON_TYPE, accept: "application/graphql-response+json" },
    );
    expect(preferred.headers.get("content-type")).toBe("application/graphql-response+json; charset=utf-8");
    expect(preferred.headers.get("cache-control")).toBe("no-store");
    const plain = await get(`query=${q}`);
    expect(plain.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(plain.headers.get("cache-control")).toBe("public, max-age=30");
    const etag = plain.headers.get("etag")!;
    const revalidated = await get(`query=${q}`, { ...PREFLIGHT, "if-none-match": etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
  });

  it("hands a request on when the version cannot be read", async () => {
    const caching = createCaching({
      responseCacheBytes: 1 << 20,
      versionStalenessMs: 0,
      httpMaxAgeSeconds: 30,
    });
    const other = await serve({
      caching,
      readVersion: () => Promise.reject(new Error("database unavailable")),
      actor: () => null,
      persistedQueries: new PersistedQueryStore(1024),
    });
    try {
      const response = await fetch(other.url, {
        method: "POST",
        headers: JSON_TYPE,
        body: JSON.stringify({ query: QUERY }),
      });
      expect(await response.json()).toEqual({ pipeline: true, version: null });
    } finally {
      await new Promise((resolve) => other.server.close(resolve));
    }
  });
});
