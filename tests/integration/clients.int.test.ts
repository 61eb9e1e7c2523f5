/**
 * @jest-environment-options {"customExportConditions": ["development", "node", "node-addons"]}
 */
// The "development" condition selects Apollo Client's development build, the one that warns
// about fragments it cannot match and about cache data it would lose.
import fs from "node:fs";
import path from "node:path";
import { format } from "node:util";
import type { DocumentNode } from "@apollo/client";
import { loadDevMessages, loadErrorMessages } from "@apollo/client/dev";
import { Kind, type OperationDefinitionNode, parse, print } from "graphql";
import { createApolloClient } from "../../client/apollo";
import {
  EntityDocument,
  NeighbourhoodDocument,
  PathsDocument,
  RelationshipTypesDocument,
  SearchEntitiesDocument,
} from "../../client/generated/operations";
import { neighbourhoodSummary, shortestPath } from "../../client/typed-example";
import { createUrqlClient } from "../../client/urql";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

const examples = parse(fs.readFileSync(path.join(__dirname, "../../schema/examples.graphql"), "utf8"));

interface Operation {
  name: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
}

/**
 * Each example as a document of its own, as a client app would hold it; then the explorer's
 * operations (typed by `npm run codegen`), some over the same fields as the examples, and a
 * second view of the statistics: a cache must merge them without losing what it holds.
 */
const operations: Operation[] = [
  ...examples.definitions
    // The queries: the subscription examples run over graphql-ws (examples.int.test.ts).
    .filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === "query",
    )
    .map((d) => ({
      name: d.name!.value,
      document: { kind: Kind.DOCUMENT, definitions: [d] } as DocumentNode,
      variables: {},
    })),
  { name: "Neighbourhood", document: NeighbourhoodDocument, variables: { id: "NZ", depth: 1 } },
  { name: "Paths", document: PathsDocument, variables: { from: "NZ", to: "rso", maxLength: 3 } },
  { name: "SearchEntities", document: SearchEntitiesDocument, variables: { text: "Bali" } },
  { name: "Entity", document: EntityDocument, variables: { id: "NZ" } },
  { name: "RelationshipTypes", document: RelationshipTypesDocument, variables: {} },
  {
    name: "RelationshipCounts",
    document: parse("query RelationshipCounts { stats { relationshipsByType { key count } } }"),
    variables: {},
  },
];

const STATES_PAGE = parse(`query StatesPage($after: String) {
  states(first: 7, after: $after) {
    totalCount
    edges { cursor node { id name } }
    pageInfo { hasNextPage endCursor }
  }
}`);

interface StatesPage {
  states: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; name: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The answer without the `__typename`s a normalising cache adds to every selection. */
function withoutTypenames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypenames);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "__typename")
        .map(([key, v]) => [key, withoutTypenames(v)]),
    );
  }
  return value;
}

/** Everything a client library prints through the console while `run` runs. */
async function consoleOutput(run: () => Promise<void>): Promise<string[]> {
  const printed: string[] = [];
  const spies = (["warn", "error", "log", "info", "debug"] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(`${level}: ${format(...args)}`);
    }),
  );
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return printed;
}

describe("Apollo Client and urql with Graphcache, set up as the README says, over the example operations", () => {
  let db: TestDatabase;
  let server: TestServer;
  /** What the server answers each example, straight over HTTP. */
  const answers = new Map<string, unknown>();

  beforeAll(async () => {
    loadDevMessages();
    loadErrorMessages();
    db = openTestDatabase();
    server = await startTestServer(db.executor);
    for (const { name, document, variables } of operations) {
      const { body } = await server.post(print(document), variables);
      expect([name, body.errors]).toEqual([name, undefined]);
      answers.set(name, body.data);
    }
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("Apollo Client answers every example as the server does, from the network and then from its cache, and pages a connection, without a warning", async () => {
    const client = createApolloClient(`${server.app.url}/graphql`);

    const printed = await consoleOutput(async () => {
      for (const { name, document: query, variables } of operations) {
        const fetched = await client.query({ query, variables, fetchPolicy: "network-only" });
        expect([name, withoutTypenames(fetched.data)]).toEqual([name, answers.get(name)]);
      }
      for (const { name, document: query, variables } of operations) {
        const cached = client.readQuery({ query, variables });
        expect([name, withoutTypenames(cached)]).toEqual([name, answers.get(name)]);
      }

      let after: string | null = null;
      // Each page from the server: the cache answers the field with every page merged so far.
      for (let pages = 0; pages < 20; pages++) {
        const result: { data?: StatesPage } = await client.query<StatesPage>({
          query: STATES_PAGE,
          variables: { after },
          fetchPolicy: "network-only",
        });
        after = result.data!.states.pageInfo.endCursor;
        if (!result.data!.states.pageInfo.hasNextPage) break;
      }
      // The pages are kept as one list, read back whole whatever the cursor.
      const states = client.readQuery<StatesPage>({ query: STATES_PAGE, variables: { after: null } })!.states;
      expect(states.edges.length).toBe(states.totalCount);
      expect(new Set(states.edges.map((e) => e.node.id)).size).toBe(states.totalCount);
      expect(states.totalCount).toBeGreaterThan(7);
    });

    expect(printed).toEqual([]);
    client.stop();
  });

  it("urql with Graphcache answers every example as the server does, from the network and then from its cache, and pages a connection, without a warning", async () => {
    const logged: string[] = [];
    const client = createUrqlClient(`${server.app.url}/graphql`, {
      logger: (severity, message) => {
        if (severity !== "debug") logged.push(`${severity}: ${message}`);
      },
    });

    const printed = await consoleOutput(async () => {
      for (const { name, document: query, variables } of operations) {
        const fetched = await client.query(query, variables, { requestPolicy: "network-only" }).toPromise();
        expect([name, fetched.error?.message, withoutTypenames(fetched.data)]).toEqual([
          name,
          undefined,
          answers.get(name),
        ]);
      }
      for (const { name, document: query, variables } of operations) {
        const cached = await client.query(query, variables, { requestPolicy: "cache-only" }).toPromise();
        expect([name, withoutTypenames(cached.data)]).toEqual([name, answers.get(name)]);
      }

      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const result: { data?: StatesPage } = await client
          .query<StatesPage>(STATES_PAGE, { after }, { requestPolicy: "network-only" })
          .toPromise();
        after = result.data!.states.pageInfo.endCursor;
        if (!result.data!.states.pageInfo.hasNextPage) break;
      }
      // relayPagination answers the first page's query with every page fetched so far.
      const merged = (
        await client.query<StatesPage>(STATES_PAGE, {}, { requestPolicy: "cache-only" }).toPromise()
      ).data!.states;
      expect(merged.edges.length).toBe(merged.totalCount);
      expect(new Set(merged.edges.map((e) => e.node.id)).size).toBe(merged.totalCount);
    });

    expect([...logged, ...printed]).toEqual([]);
  });

  it("runs the typed client example against the server", async () => {
    const summary = await neighbourhoodSummary(`${server.app.url}/graphql`, "NZ");
    expect(summary!.names).toEqual(expect.arrayContaining(["New Zealand", "Ad Hoc Group"]));
    expect(summary!.relationships).toBeGreaterThan(3);
    const path = await shortestPath(`${server.app.url}/graphql`, "NZ", "rso");
    expect([path[0], path[path.length - 1]]).toEqual(["New Zealand", "Regional Support Office"]);
  });
});
