import fs from "node:fs";
import path from "node:path";
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { generatePersistedQueryIdsFromManifest } from "@apollo/persisted-query-lists";
import { Kind, getIntrospectionQuery, parse } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { NeighbourhoodDocument, SearchEntitiesDocument } from "../../client/generated/operations";
import { parseApiKeys } from "../../src/auth/api-keys";
import { QueryCounter } from "../../src/db/executor";
import { ErrorCode } from "../../src/errors/codes";
import { MANIFEST_PATH } from "../../src/scripts/operations-manifest";
import {
  NOT_ALLOWED_MESSAGE,
  OperationsAllowlist,
  type OperationsManifest,
  sha256,
} from "../../src/server/persisted-operations";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type GraphQLBody, type TestServer, startTestServer } from "../support/server";

const ROOT = path.join(__dirname, "../..");
const KEY = "curator-secret-0123456789abcdef";
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, MANIFEST_PATH), "utf8")) as OperationsManifest;
const examples = fs.readFileSync(path.join(ROOT, "schema/examples.graphql"), "utf8");
const operation = (name: string) => manifest.operations.find((o) => o.name === name)!;

/** A mutation a deployer listed: it reaches its resolver, and is refused there for its missing source. */
const MUTATION = `mutation CreateWithoutSource {
  createEntity(input: { kind: BODY, name: "Refused Body", type: "group" }, provenance: { reason: "trust me" }) {
    entity {
      id
    }
  }
}`;

/** The explorer's own request, as public/explore/api.js sends it: its text, not the manifest's body. */
const EXPLORER_NEIGHBOURHOOD = `query Neighbourhood($id: ID!, $depth: Int!, $types: [RelationshipType!]) {
  neighbourhood(id: $id, depth: $depth, types: $types) {
    ...DrawnGraph
  }
}

fragment DrawnGraph on Graph {
  nodes {
    id
    kind
    name
    type
  }
  edges {
    id
    type
    source
    target
    properties
    sources {
      citation
      sourceId
      firstLine
      lastLine
      text
      source {
        id
        title
      }
    }
  }
  truncated
}`;

interface Answer {
  status: number;
  body: GraphQLBody;
}

async function send(
  server: TestServer,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
const codes = (answer: Answer) => answer.body.errors?.map((e) => e.extensions?.code);

/** Removes the __typename fields Apollo Client's bodies add, to compare with an answer without them. */
function withoutTypename(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypename);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "__typename")
        .map(([key, v]) => [key, withoutTypename(v)]),
    );
  }
  return value;
}

describe("persisted operations", () => {
  let db: TestDatabase;
  let open: TestServer;
  let statements: jest.SpyInstance;

  beforeAll(async () => {
    db = openTestDatabase();
    open = await startTestServer(db.executor);
    statements = jest.spyOn(QueryCounter.prototype, "record");
  });

  afterAll(async () => {
    statements.mockRestore();
    await open.stop();
    await db.close();
  });

  describe("automatic persisted queries (on by default)", () => {
    const query = `query ApqStates { states(first: 3) { totalCount edges { node { id name } } } }`;
    const hash = sha256(query);

    it("asks for the text of an unknown hash, keeps it once sent, then answers the hash alone", async () => {
      const first = await send(open, { extensions: persisted(hash) });
      expect(codes(first)).toEqual([ErrorCode.PERSISTED_QUERY_NOT_FOUND]);
      expect(first.body.data).toBeUndefined();

      const registered = await send(open, { query, extensions: persisted(hash) });
      expect(registered.status).toBe(200);
      expect(registered.body.errors).toBeUndefined();
      const states = registered.body.data!.states as { totalCount: number; edges: unknown[] };
      expect(states.edges).toHaveLength(Math.min(3, states.totalCount));

      const byHash = await send(open, { extensions: persisted(hash) });
      expect(byHash).toEqual(registered);
      // The same as the text alone.
      expect((await send(open, { query })).body).toEqual(registered.body);
    });

    it("refuses a hash that is not its text's, with a code, and keeps nothing for it", async () => {
      const other = `query ApqOther { stats { entitiesByKind { key count } } }`;
      const wrong = await send(open, { query: other, extensions: persisted(hash.replace(/^./, "0")) });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([
        { message: "provided sha does not match query", extensions: { code: ErrorCode.BAD_REQUEST } },
      ]);
      const after = await send(open, { extensions: persisted(hash.replace(/^./, "0")) });
      expect(codes(after)).toEqual([ErrorCode.PERSISTED_QUERY_NOT_FOUND]);
    });
  });

  describe("allowlist mode", () => {
    let strict: TestServer;

    beforeAll(async () => {
      const withMutation: OperationsManifest = {
        ...manifest,
        operations: [
          ...manifest.operations,
          { id: sha256(MUTATION), name: "CreateWithoutSource", type: "mutation", body: MUTATION },
        ],
      };
      strict = await startTestServer(db.executor, {
        allowlist: new OperationsAllowlist(withMutation),
        apiKeys: parseApiKeys(`curator:${KEY}`),
      });
    });

    afterAll(async () => {
      await strict.stop();
    });

    it("answers a manifest operation by its hash alone, without registering it first", async () => {
      const { id, body } = operation("GraphStatistics");
      statements.mockClear();
      const byHash = await send(strict, { extensions: persisted(id) });
      expect(byHash.status).toBe(200);
      // Statements are counted here: the refusals below would show theirs.
      expect(statements).toHaveBeenCalled();
      expect(byHash.body.errors).toBeUndefined();
      // The manifest's body, as Apollo Client sends it, answered as the open server answers it.
      const open_ = await send(open, { query: body });
      expect(byHash.body).toEqual(open_.body);
      expect(byHash.body.data!.stats).toBeDefined();
    });

    it("answers a manifest operation sent as its full text: the manifest's body, or the text as written", async () => {
      const { id, body } = operation("MeetingsInBangkok");
      const asBody = await send(strict, { query: body, extensions: persisted(id) });
      expect(asBody.status).toBe(200);
      expect(asBody.body.errors).toBeUndefined();

      // As the playground sends it from its first tab: the one operation, as written there.
      const written = parse(examples).definitions.find(
        (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === "MeetingsInBangkok",
      )!;
      const text = examples.slice(written.loc!.start, written.loc!.end);
      const asWritten = await send(strict, { query: text, operationName: "MeetingsInBangkok" });
      expect(asWritten.status).toBe(200);
      expect(asWritten.body).toEqual(
        await send(open, { query: text, operationName: "MeetingsInBangkok" }).then((a) => a.body),
      );
      expect(withoutTypename(asBody.body)).toEqual(asWritten.body);
    });

    it("answers the explorer's requests as the explorer sends them", async () => {
      const variables = { id: "NZ", depth: 1 };
      const answer = await send(strict, { query: EXPLORER_NEIGHBOURHOOD, variables });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body).toEqual((await send(open, { query: EXPLORER_NEIGHBOURHOOD, variables })).body);
      const graph = answer.body.data!.neighbourhood as { nodes: { id: string }[] };
      expect(graph.nodes.map((n) => n.id)).toContain("NZ");

      const types = await send(strict, { query: operation("RelationshipTypes").body });
      expect(types.body.errors).toBeUndefined();
    });

    it("answers Apollo Client sending the manifest's ids alone (generatePersistedQueryIdsFromManifest)", async () => {
      const sent: Record<string, unknown>[] = [];
      const link = new PersistedQueryLink(
        generatePersistedQueryIdsFromManifest({ loadManifest: () => manifest }),
      ).concat(
        new HttpLink({
          uri: `${strict.app.url}/graphql`,
          fetch: (url, init) => {
            sent.push(JSON.parse(String(init?.body)));
            return fetch(url, init);
          },
        }),
      );
      const client = new ApolloClient({ link, cache: new InMemoryCache() });
      const { data } = await client.query({
        query: NeighbourhoodDocument,
        variables: { id: "NZ", depth: 1 },
      });
      expect(data?.neighbourhood?.nodes.map((n) => n.id)).toContain("NZ");
      const search = await client.query({ query: SearchEntitiesDocument, variables: { text: "Bali" } });
      expect(search.data?.search.length).toBeGreaterThan(0);
      // One request each, the hash alone: nothing registered before, no text sent.
      expect(sent).toHaveLength(2);
      for (const body of sent) {
        expect(body.query).toBeUndefined();
        expect(manifest.operations.map((o) => o.id)).toContain(
          (body.extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery.sha256Hash,
        );
      }
    });

    it("serves the neighbourhood exports, whose operation the server runs itself", async () => {
      const response = await fetch(`${strict.app.url}/export/neighbourhood.cyjs?id=NZ&depth=1`);
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/"id":\s*"NZ"/);
    });

    it("answers the playground's introspection query", async () => {
      const query = getIntrospectionQuery({ schemaDescription: true, inputValueDeprecation: true });
      const answer = await send(strict, { query, operationName: "IntrospectionQuery" });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect((answer.body.data!.__schema as { queryType: { name: string } }).queryType.name).toBe("Query");
    });

    it.each([
      ["a text not in the manifest", { query: "query Mine { states(first: 2) { totalCount } }" }],
      [
        "a manifest operation changed",
        { query: operation("MeetingsInBangkok").body.replace("Bangkok", "Bali") },
      ],
      ["the examples with an operation name they lack", { query: examples, operationName: "NotAnExample" }],
      [
        "a hash not in the manifest",
        { extensions: persisted(sha256("query Mine { stats { __typename } }")) },
      ],
      [
        "a text not in the manifest with its hash (an automatic persisted query)",
        {
          query: "query Mine { states { totalCount } }",
          extensions: persisted(sha256("query Mine { states { totalCount } }")),
        },
      ],
      ["a text that does not parse", { query: "query { states(" }],
      ["a text that is not valid", { query: "query { statez { totalCount } }" }],
      ["a text past the token limit", { query: `{ ${"__typename ".repeat(2000)}}` }],
      [
        "a mutation not in the manifest",
        { query: `mutation { deleteEntity(id: "NZ", provenance: { reason: "x" }) { entity { id } } }` },
      ],
    ])("refuses %s with 400 OPERATION_NOT_ALLOWED, before any statement", async (_case, body) => {
      statements.mockClear();
      const answer = await send(
        strict,
        { variables: { huge: "x".repeat(1000) }, ...body },
        { authorization: `Bearer ${KEY}` },
      );
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        errors: [{ message: NOT_ALLOWED_MESSAGE, extensions: { code: ErrorCode.OPERATION_NOT_ALLOWED } }],
      });
      expect(statements).not.toHaveBeenCalled();
    });

    it("still holds a manifest operation to the other limits and to Apollo's hash check", async () => {
      const { body } = operation("MeetingsInBangkok");
      const mismatch = await send(strict, { query: body, extensions: persisted(sha256("other")) });
      expect(mismatch.status).toBe(400);
      expect(codes(mismatch)).toEqual([ErrorCode.BAD_REQUEST]);

      const bad = await send(strict, { query: EXPLORER_NEIGHBOURHOOD, variables: { id: "NZ", depth: 99 } });
      expect(codes(bad)).toEqual([ErrorCode.BAD_USER_INPUT]);
    });

    it("lets a manifest mutation through to its resolver, which still needs an API key", async () => {
      const { id } = { id: sha256(MUTATION) };
      const anonymous = await send(strict, { extensions: persisted(id) });
      expect(codes(anonymous)).toEqual([ErrorCode.UNAUTHENTICATED]);
      const withKey = await send(strict, { query: MUTATION }, { authorization: `Bearer ${KEY}` });
      expect(codes(withKey)).toEqual([ErrorCode.BAD_USER_INPUT]);
    });

    it("holds subscriptions over graphql-ws to the manifest too: its own subscription runs, another is refused", async () => {
      const client = createClient({
        url: `${strict.app.url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      const outcome = (query: string) =>
        new Promise<string>((resolve) => {
          const stop = client.subscribe(
            { query },
            {
              next: () => undefined,
              error: (errors) => resolve(String((errors as GraphQLBody["errors"])?.[0]?.extensions?.code)),
              complete: () => resolve("complete"),
            },
          );
          // A subscription that was let through waits for changes: taken as running after a while.
          setTimeout(() => {
            stop();
            resolve("running");
          }, 1500);
        });
      try {
        const listed = examples.slice(examples.indexOf("subscription FollowChangesToNewZealand"));
        await expect(outcome(listed.slice(0, listed.indexOf("\n}\n") + 2))).resolves.toBe("running");
        await expect(outcome("subscription Unlisted { graphChanged { version } }")).resolves.toBe(
          ErrorCode.OPERATION_NOT_ALLOWED,
        );
      } finally {
        await client.dispose();
      }
    });
  });
});
