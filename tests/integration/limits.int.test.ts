import { parse, validate } from "graphql";
import type { Driver } from "neo4j-driver";
import { Executor } from "../../src/db/executor";
import { silentLogger } from "../../src/log/logger";
import { buildGraphQLSchema } from "../../src/schema";
import { DEFAULT_LIMITS } from "../../src/server/limits";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type GraphQLBody, type TestServer, startTestServer } from "../support/server";

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: GraphQLBody;
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: GraphQLBody = {};
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    // Not JSON: the assertions on status and content type say what arrived.
  }
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text, body };
}

const json = { "content-type": "application/json" };
const codes = (answer: Answer) => answer.body.errors?.map((e) => e.extensions?.code);

describe("limits, CSRF and production mode over HTTP", () => {
  let db: TestDatabase;
  let server: TestServer;
  let graphql: string;
  const post = (body: unknown, headers: Record<string, string> = json) =>
    send(graphql, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor);
    graphql = `${server.app.url}/graphql`;
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  describe("operation limits", () => {
    it("refuses a query nested too deeply with a 400 and the limit named", async () => {
      const answer = await post({
        query:
          "{ baliProcess { members { node { ... on State { memberOf { node { members { node { ... on State { memberOf { role } } } } } } } } } } }",
      });

      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        {
          message: `Query depth limit of ${DEFAULT_LIMITS.depth} exceeded, found 9.`,
          extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: "depth" },
        },
      ]);
    });

    it("refuses too many aliases", async () => {
      const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: baliProcess { id }`).join(" ");

      const answer = await post({ query: `{ ${aliases} }` });

      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions).toEqual({
        code: "GRAPHQL_VALIDATION_FAILED",
        limit: "aliases",
      });
    });

    it("refuses too many directives", async () => {
      const answer = await post({ query: `{ baliProcess { id ${"@include(if: true) ".repeat(6)} } }` });

      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((e) => e.extensions?.limit)).toContain("directives");
    });

    it("stops parsing a document of more than 1000 tokens", async () => {
      const answer = await post({ query: `{ ${"__typename ".repeat(1000)}}` });

      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(["GRAPHQL_PARSE_FAILED"]);
      expect(answer.body.errors?.[0]?.message).toMatch(/more (than|that) 1000 tokens/);
    });

    it("refuses a query whose estimated cost is too high, reading page sizes from the variables", async () => {
      const query = `query Wide($n: Int) { states(first: $n) { edges { node {
        memberOf { node { ... on Body { members { node { ... on State { id } } } } } } } } } }`;

      const wide = await post({ query, variables: { n: 100 } });
      const narrow = await post({ query, variables: { n: 5 } });

      expect(wide.status).toBe(400);
      expect(wide.body.errors).toEqual([
        {
          message: expect.stringMatching(/^The query's estimated cost is \d+, above the limit of 5000/),
          extensions: { code: "QUERY_TOO_COMPLEX", limit: "cost", cost: expect.any(Number), maxCost: 5000 },
        },
      ]);
      expect(narrow.status).toBe(200);
      expect(narrow.body.errors).toBeUndefined();
    });

    it("caps a page at 100 with a message saying so", async () => {
      const answer = await post({ query: "{ states(first: 101) { totalCount } }" });

      expect(codes(answer)).toEqual(["BAD_USER_INPUT"]);
      expect(answer.body.errors?.[0]?.message).toMatch(/100/);
    });

    it("refuses a body over 100 KB with a 413 JSON error, not an HTML page", async () => {
      const answer = await post({ query: `{ search(text: "${"a".repeat(110 * 1024)}") { score } }` });

      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.body.errors).toEqual([
        {
          message: "The request body is larger than 100 KB: send a shorter query and fewer variables.",
          extensions: { code: "PAYLOAD_TOO_LARGE" },
        },
      ]);
    });

    it("answers malformed JSON with a 400 JSON error", async () => {
      const answer = await post('{"query": "{ baliProcess { id } }"');

      expect(answer.status).toBe(400);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(codes(answer)).toEqual(["BAD_REQUEST"]);
      expect(answer.text).not.toMatch(/\n\s+at /);
    });

    it("refuses batched requests (an array of operations)", async () => {
      const answer = await post([{ query: "{ baliProcess { id } }" }, { query: "{ adHocGroup { id } }" }]);

      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/batching/i);
    });

    it("keeps Apollo's batching off and CSRF prevention on", () => {
      const internals = (server.app.apollo as unknown as { internals: Record<string, unknown> }).internals;

      expect(internals.allowBatchedHttpRequests).toBe(false);
      expect(internals.csrfPreventionRequestHeaders).toEqual([
        "x-apollo-operation-name",
        "apollo-require-preflight",
      ]);
    });
  });

  describe("CSRF prevention", () => {
    const query = encodeURIComponent("{ baliProcess { id } }");

    it("refuses a simple GET, which a browser sends cross-site without asking", async () => {
      const answer = await send(`${graphql}?query=${query}`);

      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/cross-site request forgery/i);
    });

    it("refuses a simple POST (text/plain)", async () => {
      const answer = await post({ query: "{ baliProcess { id } }" }, { "content-type": "text/plain" });

      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/cross-site request forgery/i);
    });

    it("serves a GET with a preflight header and a POST with a JSON content type (what the playground sends)", async () => {
      const get = await send(`${graphql}?query=${query}`, {
        headers: { "apollo-require-preflight": "true" },
      });
      const post_ = await post({ query: "{ baliProcess { id } }" });

      expect(get.status).toBe(200);
      expect(get.body.data).toEqual({ baliProcess: { id: expect.any(String) } });
      expect(post_.status).toBe(200);
      expect(post_.body.data).toEqual(get.body.data);
    });

    it("refuses a valid mutation over GET with 405, for its method", async () => {
      const mutation = `mutation { retractClaim(id: "no-such-claim", provenance: { sources: [{ sourceId: "001", firstLine: 1, lastLine: 1 }] }) { audit { action } } }`;
      // Valid against the schema: only the method can be why it is refused.
      expect(validate(await buildGraphQLSchema(), parse(mutation))).toEqual([]);

      const answer = await send(`${graphql}?query=${encodeURIComponent(mutation)}`, {
        headers: { "apollo-require-preflight": "true" },
      });

      expect(answer.status).toBe(405);
      expect(answer.body.errors).toEqual([
        {
          message: "GET requests only support query operations, not mutation operations",
          extensions: { code: "BAD_REQUEST" },
        },
      ]);
    });
  });

  describe("the request deadline", () => {
    // Whether the deadline found a statement running (TIMEOUT) or the driver still getting a
    // connection (SERVICE_UNAVAILABLE) depends on timing here; the unit tests pin each case.
    it("stops a request at its deadline with a retryable error, without waiting for its statement", async () => {
      // The test database, its statements' rows held back until well past the deadline (a
      // server that waited for them would answer with data then).
      const deadlineMs = 500;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const releaseTimer = setTimeout(release, 4 * deadlineMs);
      const statements: { finished: boolean }[] = [];
      const holding = {
        session: (config: object) => {
          const session = db.driver.session(config);
          return {
            run: (...args: Parameters<typeof session.run>) => {
              const result = session.run(...args);
              const statement = { finished: false };
              statements.push(statement);
              const rows = released
                .then(() => result)
                .then((records) => {
                  statement.finished = true;
                  return records;
                });
              return { keys: () => result.keys(), then: rows.then.bind(rows) };
            },
            close: () => session.close(),
          };
        },
      } as unknown as Driver;
      const executor = new Executor(holding, {
        database: process.env.NEO4J_TEST_DATABASE ?? "neo4j",
        txTimeoutMs: 10_000,
        logger: silentLogger,
      });
      const hurried = await startTestServer(executor, { requestTimeoutMs: deadlineMs });
      try {
        const answer = await hurried.post("{ states { totalCount } }");
        const finishedBeforeAnswer = statements.filter((s) => s.finished).length;

        expect(answer.status).toBe(200);
        expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual([
          expect.stringMatching(/^(TIMEOUT|SERVICE_UNAVAILABLE)$/),
        ]);
        expect(statements.length).toBeGreaterThan(0);
        expect(finishedBeforeAnswer).toBe(0);
      } finally {
        clearTimeout(releaseTimer);
        release();
        await hurried.stop();
      }
    });
  });

  describe("production mode", () => {
    it("drops suggestions of schema names from error messages", async () => {
      const production = await startTestServer(db.executor, { production: true });
      try {
        const typo = "{ baliProcess { nam } }";
        const enumTypo = "{ baliProcess { relationships(types: [MEMBER]) { id } } }";

        const hidden = await production.post(typo);
        const hiddenEnum = await production.post(enumTypo);
        const shown = await server.post(typo);

        expect(hidden.body.errors?.[0]?.message).toBe('Cannot query field "nam" on type "Body".');
        expect(hiddenEnum.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
        expect(shown.body.errors?.[0]?.message).toMatch(/Did you mean "name"\?/);
      } finally {
        await production.stop();
      }
    });

    it("masks internal errors and shows no stack trace", async () => {
      const broken = {
        session: () => {
          throw new Error("driver detail: bolt://neo4j:secret@10.0.0.1");
        },
      } as unknown as Driver;
      const executor = new Executor(broken, { database: "neo4j", txTimeoutMs: 1000, logger: silentLogger });
      const production = await startTestServer(executor, { production: true });
      try {
        const answer = await production.post("{ baliProcess { id } }");

        expect(answer.body.errors).toEqual([
          {
            message: "Internal server error",
            path: ["baliProcess"],
            extensions: { code: "INTERNAL_SERVER_ERROR" },
          },
        ]);
        expect(JSON.stringify(answer.body)).not.toMatch(/secret|stack|driver detail/);
      } finally {
        await production.stop();
      }
    });

    it("lets introspection follow GRAPHQL_INTROSPECTION", async () => {
      const closed = await startTestServer(db.executor, { production: true, introspection: false });
      try {
        const refused = await closed.post("{ __schema { queryType { name } } }");
        const allowed = await server.post("{ __schema { queryType { name } } }");

        expect(refused.status).toBe(400);
        expect(refused.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(allowed.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
      } finally {
        await closed.stop();
      }
    });
  });
});
