import fs from "node:fs";
import path from "node:path";
import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { DEFAULT_LIMITS } from "../../src/server/limits";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

const examples = fs.readFileSync(path.join(__dirname, "../../schema/examples.graphql"), "utf8");
// The queries: a subscription reads no relationship (examples.int.test.ts runs it over graphql-ws).
const operations = parse(examples).definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === "query",
);
const operationNames = operations.map((d) => d.name!.value);
/** Each operation alone, as a client (or the playground) sends it. */
const operationTexts = new Map(
  operations.map((d) => [d.name!.value, examples.slice(d.loc!.start, d.loc!.end)]),
);

/** Look-aheads compared: one statement per level, one level ahead, the default, the most allowed. */
const LOOK_AHEADS = [0, 1, 3, 8];

/**
 * Selections that stress how reads ahead are matched to the fields that will ask for them:
 * fragments per type with different selections, aliases, role arguments from variables,
 * fields whose far nodes are filtered by kind, `properties`, @skip/@include, backward
 * pages, counted lists, the generic relationships field, and a node reached twice.
 */
const QUERIES: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: "different selections of one field on the types of a union",
    query: `{ body(id: "ad-hoc-group") { members { role node {
      ... on State { id coChairOf { node { id } } partOf { node { id } } }
      ... on Organisation { name coChairOf { role node { name type } } partOf { node { id kind } } } } } } }`,
  },
  {
    name: "aliases and role arguments, one from a variable",
    query: `query ($role: String) { baliProcess {
      observers: members(role: $role) { role node { ... on State { id memberOf(role: "member") { node { id } } } } }
      everyone: members { role node { ... on Entity { id } ... on State { memberOf { role node { id } } } } } } }`,
    variables: { role: "observer" },
  },
  {
    name: "fields of one relationship type whose far nodes are kept by kind",
    query: `{ places(first: 50) { edges { node { id
      meetings { node { id name hostedBy { node { id } } } }
      events { node { id kind ... on Meeting { organisedBy { node { id } } } } } } } } }`,
  },
  {
    name: "a backward page with its count",
    query: `{ states(last: 7) { totalCount edges { cursor node { id
      partOf { node { id } } territories { node { id memberOf { node { id } } } } } } } }`,
  },
  {
    name: "a sorted, filtered list",
    query: `{ bodies(first: 10, filter: { related: [{ type: MEMBER_OF, direction: IN }] },
      orderBy: { field: RELATIONSHIP_COUNT, direction: DESC, relationshipType: MEMBER_OF, relationshipDirection: IN }) {
      edges { node { id members(role: "observer") { node { ... on Entity { id } } } reportsTo { frequency node { id } } } } } }`,
  },
  {
    name: "named fragments with @include and @skip (included)",
    query: `query ($with: Boolean!) { steeringGroup { ...Group } }
      fragment Group on Body { members { node { ... on State { id
        memberOf @include(if: $with) { node { id } } hosted @skip(if: $with) { node { id } } } } } }`,
    variables: { with: true },
  },
  {
    name: "named fragments with @include and @skip (skipped)",
    query: `query ($with: Boolean!) { steeringGroup { ...Group } }
      fragment Group on Body { members { node { ... on State { id
        memberOf @include(if: $with) { node { id } } hosted @skip(if: $with) { node { id } } } } } }`,
    variables: { with: false },
  },
  {
    name: "edges with all their properties and sources",
    query: `{ body(id: "ad-hoc-group") { members { properties sources { citation } node {
      ... on State { coChairOf { properties since node { id } } } } } } }`,
  },
  {
    name: "the generic relationships field beside typed ones",
    query: `{ body(id: "bali-process") { relationships(types: [MEMBER_OF], direction: IN) { node { id } }
      members { node { ... on State { id claims { property } hosted { node { id } } } } } } }`,
  },
  {
    name: "the same bodies under many states",
    query: `{ states(first: 100) { edges { node { id memberOf { node { id
      members { node { ... on Entity { id } } } ... on Body { operatesUnder { node { id } } } } } } } } }`,
  },
  {
    name: "five relationship levels from a lookup",
    query: `{ baliProcess { members { node { ... on State { id memberOf { node { ... on Body { id
      members { node { ... on State { id hosted { node { id heldIn { node { ... on Entity { id } } } } } } } } } } } } } } } }`,
  },
  {
    name: "an entity lookup by id and by name",
    query: `{ entity(id: "NZ") { ... on State { memberOf { node { ... on Body { reportsTo { node { id } } } } } } }
      state(name: "New Zealand") { id memberOf { node { id } } } }`,
  },
];

describe("relationship levels read ahead", () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = openTestDatabase();
    // Some selections here are deeper and costlier than the public limits allow.
    server = await startTestServer(db.executor, {
      limits: { ...DEFAULT_LIMITS, depth: 16, cost: 1_000_000 },
    });
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  /** The operation at each look-ahead: answers, and statements sent. */
  async function atEachLookAhead(query: string, variables?: Record<string, unknown>, operationName?: string) {
    const runs = [];
    for (const lookAhead of LOOK_AHEADS) {
      runs.push(await server.execute(query, variables, operationName, { lookAhead }));
    }
    return runs;
  }

  it.each(QUERIES.map((q) => [q.name, q] as const))(
    "answer %s as one statement per level does, with fewer statements",
    async (_name, { query, variables }) => {
      const [perLevel, ...ahead] = await atEachLookAhead(query, variables);

      expect(perLevel!.body.errors).toBeUndefined();
      for (const run of ahead) {
        expect(run.body).toEqual(perLevel!.body);
        expect(run.queries).toBeLessThanOrEqual(perLevel!.queries);
      }
      // Every query here has a relationship field below its root: the default reads it ahead.
      expect(ahead[1]!.queries).toBeLessThan(perLevel!.queries);
    },
  );

  it.each(operationNames)("answer the example %s as one statement per level does", async (operationName) => {
    const [perLevel, ...ahead] = await atEachLookAhead(operationTexts.get(operationName)!, {}, operationName);

    expect(perLevel!.body.errors).toBeUndefined();
    for (const run of ahead) {
      expect(run.body).toEqual(perLevel!.body);
      expect(run.queries).toBeLessThanOrEqual(perLevel!.queries);
    }
  });

  it("answer the three-level question in one statement", async () => {
    const query = `{ body(id: "ad-hoc-group") { id name members { role node {
      ... on State { id name coChairOf { role node { id name type reportsTo { node { id name } } } } }
      ... on Organisation { id name coChairOf { role node { id name type reportsTo { node { id name } } } } } } } } }`;
    const [perLevel, one, , all] = await atEachLookAhead(query);

    expect(perLevel!.queries).toBe(4);
    // The lookup with members; then coChairOf (State's and Organisation's together) with reportsTo.
    expect(one!.queries).toBe(2);
    expect(all!.queries).toBe(1);
    const australia = (all!.body.data as any).body.members.find((m: any) => m.node.id === "AU"); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(australia.node.coChairOf.map((c: { node: { id: string } }) => c.node.id)).toContain(
      "working-group-on-trafficking-in-persons",
    );
  });
});
