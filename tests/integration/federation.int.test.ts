import fs from "node:fs";
import path from "node:path";
import { IntrospectAndCompose, ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import type { Executor, QueryCounter, RequestScope } from "../../src/db/executor";
import { FEDERATION_SPEC, SUBGRAPH_SDL_HEADER, buildSubgraph } from "../../src/subgraph";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type GraphQLBody, type TestServer, startTestServer } from "../support/server";

/** The second subgraph's own data: a population for a few states (and for one id Neo4j does not hold). */
const POPULATION: Record<string, number> = {
  ID: 281_600_000,
  TH: 71_700_000,
  AU: 27_200_000,
  NZ: 5_300_000,
  FJ: 930_000,
  ZZ: 1,
};

/** A subgraph of its own: it extends `State`, keyed by id, with `population`, and lists states by it. */
const PEOPLE_TYPE_DEFS = parse(`
  extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key"])

  type State @key(fields: "id") {
    id: ID!
    population: Int
  }

  type Query {
    mostPopulous(first: Int!): [State!]!
  }
`);

const peopleResolvers = {
  State: {
    __resolveReference: ({ id }: { id: string }) => ({ id, population: POPULATION[id] ?? null }),
  },
  Query: {
    mostPopulous: (_source: unknown, { first }: { first: number }) =>
      Object.entries(POPULATION)
        .filter(([id]) => id !== "ZZ")
        .sort(([, a], [, b]) => b - a)
        .slice(0, first)
        .map(([id, population]) => ({ id, population })),
  },
};

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The database's executor, recording the statement counter of every request made through it. */
function countingExecutor(executor: Executor, counters: QueryCounter[]): Executor {
  const counting = Object.create(executor) as Executor;
  counting.forRequest = (scope: RequestScope) => {
    if (scope.counter) counters.push(scope.counter);
    return executor.forRequest(scope);
  };
  return counting;
}

interface StateRow {
  id: string;
  name: string;
}

describe("the schema as an Apollo Federation 2 subgraph (FEDERATION=true)", () => {
  let db: TestDatabase;
  let bali: TestServer;
  let people: ApolloServer;
  let gateway: ApolloServer;
  let gatewayUrl: string;
  const counters: QueryCounter[] = [];

  /** POSTs a query to the gateway. */
  async function throughGateway(query: string): Promise<GraphQLBody> {
    const response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as GraphQLBody;
  }

  const coChaired = async (id: string) =>
    (
      await db.executor.read<{ id: string }>(
        "MATCH (:State {id: $id})-[:CO_CHAIRS]->(b:Body) RETURN b.id AS id ORDER BY id",
        { id },
      )
    ).map((row) => row.id);

  beforeAll(async () => {
    db = openTestDatabase();
    const { schema } = await buildSubgraph();
    bali = await startTestServer(countingExecutor(db.executor, counters), { schema });
    people = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs: PEOPLE_TYPE_DEFS, resolvers: peopleResolvers }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const peopleUrl = (await startStandaloneServer(people, { listen: { port: 0, host: "127.0.0.1" } })).url;
    gateway = new ApolloServer({
      gateway: new ApolloGateway({
        logger: silent,
        supergraphSdl: new IntrospectAndCompose({
          subgraphs: [
            { name: "bali", url: `${bali.app.url}/graphql` },
            { name: "people", url: peopleUrl },
          ],
        }),
      }),
    });
    gatewayUrl = (await startStandaloneServer(gateway, { listen: { port: 0, host: "127.0.0.1" } })).url;
  });

  afterAll(async () => {
    await gateway?.stop();
    await people?.stop();
    await bali?.stop();
    await db.close();
  });

  it("answers _service with the committed SDL (schema/subgraph.graphql)", async () => {
    const committed = fs.readFileSync(path.join(__dirname, "../../schema/subgraph.graphql"), "utf8");

    const { body } = await bali.post("{ _service { sdl } }");

    expect(body.errors).toBeUndefined();
    const sdl = (body.data!._service as { sdl: string }).sdl;
    expect(SUBGRAPH_SDL_HEADER + sdl.trimEnd() + "\n").toBe(committed);
  });

  it("joins every state of Neo4j with the other subgraph's population in one query through the gateway", async () => {
    const stored = await db.executor.read<StateRow>("MATCH (s:State) RETURN s.id AS id, s.name AS name");

    const body = await throughGateway(
      "{ states(first: 100) { totalCount edges { node { id name population } } } }",
    );

    expect(body.errors).toBeUndefined();
    const states = body.data!.states as {
      totalCount: number;
      edges: { node: { id: string; name: string; population: number | null } }[];
    };
    expect(states.totalCount).toBe(stored.length);
    expect(states.edges.map((e) => e.node).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      stored
        .map(({ id, name }) => ({ id, name, population: POPULATION[id] ?? null }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(states.edges.filter((e) => e.node.population !== null)).toHaveLength(5);
  });

  it("answers a state's relationship fields and the other subgraph's field side by side", async () => {
    const [au] = await db.executor.read<StateRow>(
      "MATCH (s:State {id: 'AU'}) RETURN s.id AS id, s.name AS name",
    );

    const body = await throughGateway(
      '{ state(id: "AU") { name population coChairOf { role node { id name } } } }',
    );

    expect(body.errors).toBeUndefined();
    const state = body.data!.state as {
      name: string;
      population: number;
      coChairOf: { node: { id: string } }[];
    };
    expect(state.name).toBe(au!.name);
    expect(state.population).toBe(POPULATION.AU);
    expect(state.coChairOf.map((edge) => edge.node.id).sort()).toEqual(await coChaired("AU"));
    expect(state.coChairOf.length).toBeGreaterThan(0);
  });

  it("answers through the interfaces (node, entity) with the concrete type's fields from both subgraphs", async () => {
    const body = await throughGateway(`{
      node(id: "NZ") { id ... on State { name population } }
      entity(name: "New Zealand") { id kind ... on State { population } }
      nodes(ids: ["FJ", "bali-process"]) { id ... on State { population } ... on Body { name } }
    }`);

    expect(body.errors).toBeUndefined();
    const [nz] = await db.executor.read<StateRow>(
      "MATCH (s:State {id: 'NZ'}) RETURN s.id AS id, s.name AS name",
    );
    const [bp] = await db.executor.read<{ name: string }>(
      "MATCH (b:Body {id: 'bali-process'}) RETURN b.name AS name",
    );
    expect(body.data).toEqual({
      node: { id: "NZ", name: nz!.name, population: POPULATION.NZ },
      entity: { id: "NZ", kind: "STATE", population: POPULATION.NZ },
      nodes: [
        { id: "FJ", population: POPULATION.FJ },
        { id: "bali-process", name: bp!.name },
      ],
    });
  });

  it("resolves the states the other subgraph names through _entities, in one statement for all of them", async () => {
    counters.length = 0;

    const body = await throughGateway(
      "{ mostPopulous(first: 3) { id population name coChairOf { node { id } } } }",
    );

    expect(body.errors).toBeUndefined();
    const answer = body.data!.mostPopulous as {
      id: string;
      population: number;
      name: string;
      coChairOf: { node: { id: string } }[];
    }[];
    const stored = await db.executor.read<StateRow>(
      "MATCH (s:State) WHERE s.id IN ['ID', 'TH', 'AU'] RETURN s.id AS id, s.name AS name",
    );
    const names = new Map(stored.map((row) => [row.id, row.name]));
    expect(answer.map((s) => s.id)).toEqual(["ID", "TH", "AU"]);
    for (const state of answer) {
      expect(state.name).toBe(names.get(state.id));
      expect(state.population).toBe(POPULATION[state.id]);
      expect(state.coChairOf.map((edge) => edge.node.id).sort()).toEqual(await coChaired(state.id));
    }
    // The gateway asked this subgraph once (_entities for the three states, with coChairOf read ahead).
    const asked = counters.filter((counter) => counter.count > 0);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.count).toBe(1);
  });

  describe("_entities", () => {
    const ENTITIES = `query Entities($representations: [_Any!]!) {
      _entities(representations: $representations) {
        __typename
        ... on State { id name coChairOf { node { id } } }
        ... on Body { id name members { node { ... on Entity { id } } } }
        ... on Source { id title }
      }
    }`;

    it("answers N representations of several types with one statement: an entity each, null where the id names none of that type", async () => {
      const states = await db.executor.read<StateRow>("MATCH (s:State) RETURN s.id AS id, s.name AS name");
      const bodies = await db.executor.read<StateRow>(
        "MATCH (b:Body) RETURN b.id AS id, b.name AS name ORDER BY id LIMIT 5",
      );
      const [source] = await db.executor.read<{ id: string; title: string }>(
        "MATCH (s:Source) RETURN s.id AS id, s.title AS title ORDER BY id LIMIT 1",
      );
      const representations = [
        ...states.map(({ id }) => ({ __typename: "State", id })),
        ...bodies.map(({ id }) => ({ __typename: "Body", id })),
        { __typename: "Source", id: source!.id },
        { __typename: "State", id: "ZZ" },
        { __typename: "Body", id: "AU" },
        { __typename: "State", id: "not an id" },
        { __typename: "State", id: "AU" },
      ];

      const { body, queries } = await bali.execute(ENTITIES, { representations });

      expect(body.errors).toBeUndefined();
      const answered = body.data!._entities as (Record<string, unknown> | null)[];
      expect(answered).toHaveLength(representations.length);
      states.forEach(({ id, name }, i) => {
        expect(answered[i]).toMatchObject({ __typename: "State", id, name });
      });
      bodies.forEach(({ id, name }, i) => {
        expect(answered[states.length + i]).toMatchObject({ __typename: "Body", id, name });
      });
      const rest = answered.slice(states.length + bodies.length);
      expect(rest[0]).toEqual({ __typename: "Source", id: source!.id, title: source!.title });
      expect(rest.slice(1, 4)).toEqual([null, null, null]);
      expect(rest[4]).toEqual(answered[states.findIndex((s) => s.id === "AU")]);
      const au = answered.find((entity) => entity?.id === "AU") as { coChairOf: { node: { id: string } }[] };
      expect(au.coChairOf.map((edge) => edge.node.id).sort()).toEqual(await coChaired("AU"));
      // Entities of every type, and the relationships selected below them, in one statement.
      expect(queries).toBe(1);
    });

    it("refuses a representation whose type is not an entity type, or that has no id", async () => {
      for (const representation of [
        { __typename: "Alias", id: "AU" },
        { __typename: "Query", id: "AU" },
        { __typename: "Nope", id: "AU" },
        { __typename: "State" },
        { __typename: "State", id: 7 },
        { id: "AU" },
      ]) {
        const { body, queries } = await bali.execute(ENTITIES, {
          representations: [{ __typename: "State", id: "AU" }, representation],
        });

        expect(body.data).toBeNull();
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0]!.extensions).toMatchObject({
          code: "BAD_USER_INPUT",
          argument: "representations",
        });
        expect(body.errors![0]!.message).toMatch(/^`representations\[1\]`/);
        expect(queries).toBe(0);
      }
    });

    it("is not part of the plain schema (FEDERATION=false)", async () => {
      const plain = await startTestServer(db.executor);
      try {
        const { status, body } = await plain.post("{ _service { sdl } }");

        expect(status).toBe(400);
        expect(body.errors![0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      } finally {
        await plain.stop();
      }
    });
  });
});
