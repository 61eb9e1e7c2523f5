import type { GraphPicks } from "./generate";
import { NEIGHBOURHOOD_CYPHER, SHORTEST_PATH_CYPHER } from "./neo4j-graphql";

/**
 * The questions, each asked three ways: this server's GraphQL, the Neo4j GraphQL
 * Library's GraphQL, and one hand-written Cypher statement. Each way has its own
 * normaliser to one canonical answer; the three must be equal before anything is timed.
 */

type Json = Record<string, unknown>;

export interface GraphQLRequest {
  query: string;
  variables: Json;
}

export interface Question {
  name: string;
  title: string;
  /** Relationship-field levels in the GraphQL selection. */
  levels: number;
  /** Statements this server needs besides the levels (the root lookup or list; none when the first level reads the root too). */
  rootStatements: number;
  /**
   * Statements this server sends with its default look-ahead (RELATIONSHIP_LOOKAHEAD), which
   * reads relationship levels in the statement of the level above: at most root + levels.
   */
  statements: number;
  /** How the Neo4j GraphQL Library side is written, when it needs saying. */
  neo4jGraphqlNote?: string;
  ours: GraphQLRequest;
  neo4jGraphql: GraphQLRequest;
  raw: { cypher: string; params: Json };
  normaliseOurs(data: Json): unknown;
  normaliseNeo4jGraphql(data: Json): unknown;
  normaliseRaw(rows: Json[]): unknown;
}

const byKey =
  (...keys: string[]) =>
  (a: Json, b: Json) => {
    for (const key of keys) {
      const [x, y] = [String(a[key] ?? ""), String(b[key] ?? "")];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
const sorted = <T extends Json>(items: T[], ...keys: string[]) => [...items].sort(byKey(...keys));
/** Enum values of this server (WORKING_GROUP) and stored values (working-group) compare equal. */
const canonicalType = (value: unknown) =>
  typeof value === "string" ? value.toLowerCase().replace(/_/g, "-") : (value ?? null);
const list = (value: unknown) => (value ?? []) as Json[];
const node = (value: unknown) => value as Json;

interface Edge {
  role: unknown;
  id: unknown;
  name: unknown;
}
const edge = (role: unknown, other: Json, extra: Json = {}): Edge & Json => ({
  role: role ?? null,
  id: other.id,
  name: other.name,
  ...extra,
});

export function questions(picks: GraphPicks): Question[] {
  const lookup: Question = {
    name: "lookup",
    title: "Lookup by id",
    levels: 0,
    rootStatements: 1,
    statements: 1,
    ours: {
      query: `query Lookup($id: ID!) { state(id: $id) { id name type aliases { name } sources { citation } } }`,
      variables: { id: picks.state },
    },
    neo4jGraphql: {
      query: `query Lookup($id: ID!) { states(where: { id: { eq: $id } }) { id name type aliases sources } }`,
      variables: { id: picks.state },
    },
    raw: {
      cypher: `MATCH (n:State:Entity {id: $id}) RETURN n { .id, .name, .type, .aliases, .sources } AS state`,
      params: { id: picks.state },
    },
    normaliseOurs: (data) => {
      const s = node(data.state);
      return {
        id: s.id,
        name: s.name,
        type: canonicalType(s.type),
        aliases: list(s.aliases).map((a) => a.name),
        sources: list(s.sources).map((c) => c.citation),
      };
    },
    normaliseNeo4jGraphql: (data) => {
      const s = list(data.states)[0]!;
      return { ...s, type: canonicalType(s.type), aliases: s.aliases ?? [], sources: s.sources ?? [] };
    },
    normaliseRaw: (rows) => {
      const s = node(rows[0]!.state);
      return { ...s, type: canonicalType(s.type), aliases: s.aliases ?? [], sources: s.sources ?? [] };
    },
  };

  const memberships = (items: Json[]) => sorted(items, "id", "role");
  const list100: Question = {
    name: "list-100-one-hop",
    title: "List of 100 with one hop",
    levels: 1,
    rootStatements: 1,
    statements: 1,
    ours: {
      query: `{ states(first: 100) { edges { node { id name memberOf { role node { id name } } } } } }`,
      variables: {},
    },
    neo4jGraphql: {
      query: `{ states(limit: 100, sort: [{ name: ASC }]) {
        id name memberOfConnection { edges { properties { role } node { id name } } } } }`,
      variables: {},
    },
    raw: {
      cypher: `MATCH (s:State)
        WITH s ORDER BY s.name, s.id LIMIT 100
        RETURN s.id AS id, s.name AS name,
               [(s)-[r:MEMBER_OF]->(b:Body) | { role: r.role, id: b.id, name: b.name }] AS memberOf`,
      params: {},
    },
    normaliseOurs: (data) =>
      list(node(data.states).edges).map(({ node: s }) => {
        const state = node(s);
        return {
          id: state.id,
          name: state.name,
          memberOf: memberships(list(state.memberOf).map((e) => edge(e.role, node(e.node)))),
        };
      }),
    normaliseNeo4jGraphql: (data) =>
      list(data.states).map((s) => ({
        id: s.id,
        name: s.name,
        memberOf: memberships(
          list(node(s.memberOfConnection).edges).map((e) => edge(node(e.properties).role, node(e.node))),
        ),
      })),
    normaliseRaw: (rows) =>
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        memberOf: memberships(list(r.memberOf).map((m) => edge(m.role, m))),
      })),
  };

  const nested = (depth: 2 | 3): Question => {
    const reportsOurs = depth === 3 ? " reportsTo { node { id name } }" : "";
    const reportsTheirs = depth === 3 ? " reportsTo { id name }" : "";
    const reportsRaw =
      depth === 3 ? ", reportsTo: [(b)-[:REPORTS_TO]->(parent:Body) | parent { .id, .name }]" : "";
    const body = (b: Json, reportsTo: unknown) => ({
      id: b.id,
      name: b.name,
      type: canonicalType(b.type),
      ...(depth === 3 ? { reportsTo: sorted(list(reportsTo), "id") } : {}),
    });
    const coChairs = (items: Json[]) => sorted(items, "id", "role");
    const members = (items: Json[]) => sorted(items, "id", "role");
    const oursParticipant = `id name coChairOf { role node { id name type${reportsOurs} } }`;
    const theirsParticipant = `id name coChairOfConnection { edges { properties { role } node { id name type${reportsTheirs} } } }`;
    return {
      name: depth === 2 ? "nested-2" : "nested-3",
      title:
        depth === 2
          ? "Two levels: members → co-chair of"
          : "Three levels: members → co-chair of → reports to",
      levels: depth,
      rootStatements: 1,
      statements: 1,
      ours: {
        query: `query Nested($id: ID!) { body(id: $id) { id name members { role node {
          ... on State { ${oursParticipant} } ... on Organisation { ${oursParticipant} } } } } }`,
        variables: { id: picks.group },
      },
      neo4jGraphql: {
        query: `query Nested($id: ID!) { bodies(where: { id: { eq: $id } }) { id name
          membersConnection { edges { properties { role } node {
            ... on State { ${theirsParticipant} } ... on Organisation { ${theirsParticipant} } } } } } }`,
        variables: { id: picks.group },
      },
      raw: {
        cypher: `MATCH (g:Body:Entity {id: $id})
          RETURN g.id AS id, g.name AS name,
            [(g)<-[m:MEMBER_OF]-(p:Entity) WHERE p:State OR p:Organisation | {
              role: m.role, id: p.id, name: p.name,
              coChairOf: [(p)-[c:CO_CHAIRS]->(b:Body) | { role: c.role, id: b.id, name: b.name, type: b.type${reportsRaw} }]
            }] AS members`,
        params: { id: picks.group },
      },
      normaliseOurs: (data) => {
        const g = node(data.body);
        return {
          id: g.id,
          name: g.name,
          members: members(
            list(g.members).map((m) => {
              const p = node(m.node);
              return edge(m.role, p, {
                coChairOf: coChairs(
                  list(p.coChairOf).map((c) => {
                    const b = node(c.node);
                    return edge(
                      c.role,
                      b,
                      body(
                        b,
                        list(b.reportsTo).map((r) => node(r.node)),
                      ),
                    );
                  }),
                ),
              });
            }),
          ),
        };
      },
      normaliseNeo4jGraphql: (data) => {
        const g = list(data.bodies)[0]!;
        return {
          id: g.id,
          name: g.name,
          members: members(
            list(node(g.membersConnection).edges).map((m) => {
              const p = node(m.node);
              return edge(node(m.properties).role, p, {
                coChairOf: coChairs(
                  list(node(p.coChairOfConnection).edges).map((c) => {
                    const b = node(c.node);
                    return edge(node(c.properties).role, b, body(b, b.reportsTo));
                  }),
                ),
              });
            }),
          ),
        };
      },
      normaliseRaw: (rows) => {
        const g = rows[0]!;
        return {
          id: g.id,
          name: g.name,
          members: members(
            list(g.members).map((m) =>
              edge(m.role, m, {
                coChairOf: coChairs(list(m.coChairOf).map((c) => edge(c.role, c, body(c, c.reportsTo)))),
              }),
            ),
          ),
        };
      },
    };
  };

  const chaired = (items: Json[]) => sorted(items, "id", "role");
  const filtered: Question = {
    name: "relationship-filter",
    title: "Relationship filter: AHG members that co-chair a working group",
    levels: 1,
    rootStatements: 1,
    statements: 1, // an id the filter gives is tried as an id in the page's own statement
    ours: {
      query: `query Filtered($group: ID!) { states(first: 100, filter: { related: [
          { type: MEMBER_OF, direction: OUT, id: $group }
          { type: CO_CHAIRS, direction: OUT, nodeType: "working-group" } ] }) {
        totalCount edges { node { id name coChairOf { role node { id name type } } } } } }`,
      variables: { group: picks.group },
    },
    neo4jGraphql: {
      query: `query Filtered($group: ID!) { statesConnection(first: 100, sort: [{ name: ASC }], where: {
          memberOf: { some: { id: { eq: $group } } }
          coChairOf: { some: { type: { eq: "working-group" } } } }) {
        totalCount edges { node { id name
          coChairOfConnection { edges { properties { role } node { id name type } } } } } } }`,
      variables: { group: picks.group },
    },
    raw: {
      // Anchored at the group: the plan a person writes knowing the graph.
      cypher: `MATCH (:Entity {id: $group})<-[:MEMBER_OF]-(s:State)
        WHERE EXISTS { (s)-[:CO_CHAIRS]->(w:Entity) WHERE w.type = "working-group" }
        WITH DISTINCT s ORDER BY s.name, s.id
        WITH collect(s) AS states
        RETURN size(states) AS totalCount,
               [s IN states[0..100] | { id: s.id, name: s.name,
                 coChairOf: [(s)-[c:CO_CHAIRS]->(b:Body) | { role: c.role, id: b.id, name: b.name, type: b.type }] }] AS states`,
      params: { group: picks.group },
    },
    normaliseOurs: (data) => {
      const c = node(data.states);
      return {
        totalCount: c.totalCount,
        states: list(c.edges).map(({ node: s }) => {
          const state = node(s);
          return {
            id: state.id,
            name: state.name,
            coChairOf: chaired(
              list(state.coChairOf).map((e) => {
                const b = node(e.node);
                return edge(e.role, b, { type: canonicalType(b.type) });
              }),
            ),
          };
        }),
      };
    },
    normaliseNeo4jGraphql: (data) => {
      const c = node(data.statesConnection);
      return {
        totalCount: c.totalCount,
        states: list(c.edges).map(({ node: s }) => {
          const state = node(s);
          return {
            id: state.id,
            name: state.name,
            coChairOf: chaired(
              list(node(state.coChairOfConnection).edges).map((e) => {
                const b = node(e.node);
                return edge(node(e.properties).role, b, { type: canonicalType(b.type) });
              }),
            ),
          };
        }),
      };
    },
    normaliseRaw: (rows) => ({
      totalCount: rows[0]!.totalCount,
      states: list(rows[0]!.states).map((s) => ({
        id: s.id,
        name: s.name,
        coChairOf: chaired(list(s.coChairOf).map((c) => edge(c.role, c, { type: canonicalType(c.type) }))),
      })),
    }),
  };

  const sortByCount: Question = {
    name: "sort-by-relationship-count",
    title: "Sort by a relationship count: the 20 bodies with most members",
    levels: 0,
    rootStatements: 1,
    statements: 1,
    neo4jGraphqlNote: "the count is a `@cypher` field (`COUNT { (this)<-[:MEMBER_OF]-() }`) used in `sort`",
    ours: {
      query: `{ bodies(first: 20, orderBy: { field: RELATIONSHIP_COUNT, direction: DESC,
          relationshipType: MEMBER_OF, relationshipDirection: IN }) { edges { node { id name } } } }`,
      variables: {},
    },
    neo4jGraphql: {
      query: `{ bodies(limit: 20, sort: [{ memberCount: DESC }, { id: DESC }]) { id name } }`,
      variables: {},
    },
    raw: {
      cypher: `MATCH (b:Body)
        WITH b, COUNT { (b)<-[:MEMBER_OF]-() } AS members
        ORDER BY members DESC, b.id DESC LIMIT 20
        RETURN b.id AS id, b.name AS name`,
      params: {},
    },
    normaliseOurs: (data) =>
      list(node(data.bodies).edges).map(({ node: b }) => ({ id: node(b).id, name: node(b).name })),
    normaliseNeo4jGraphql: (data) => list(data.bodies).map((b) => ({ id: b.id, name: b.name })),
    normaliseRaw: (rows) => rows.map((r) => ({ id: r.id, name: r.name })),
  };

  const graph = (g: Json) => ({
    nodes: sorted(
      list(g.nodes).map((n) => ({ id: n.id, kind: canonicalType(n.kind), name: n.name })),
      "id",
    ),
    edges: sorted(
      list(g.edges).map((e) => ({ id: e.id, type: e.type, source: e.source, target: e.target })),
      "id",
    ),
  });
  const neighbourhood: Question = {
    name: "neighbourhood-depth-2",
    title: "Depth-2 neighbourhood",
    levels: 2,
    rootStatements: 0,
    statements: 1,
    neo4jGraphqlNote:
      "a `@cypher` query field (the library has no traversal of its own); raw runs the same statement",
    ours: {
      query: `query Hood($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 500) {
        truncated nodes { id kind name } edges { id type source target } } }`,
      variables: { id: picks.neighbourhoodCentre },
    },
    neo4jGraphql: {
      query: `query Hood($id: ID!) { neighbourhood(id: $id) { nodes { id kind name } edges { id type source target } } }`,
      variables: { id: picks.neighbourhoodCentre },
    },
    raw: { cypher: NEIGHBOURHOOD_CYPHER, params: { id: picks.neighbourhoodCentre } },
    normaliseOurs: (data) => {
      if (node(data.neighbourhood).truncated) throw new Error("the neighbourhood was truncated");
      return graph(node(data.neighbourhood));
    },
    normaliseNeo4jGraphql: (data) => graph(node(data.neighbourhood)),
    normaliseRaw: (rows) => graph(node(rows[0]!.graph)),
  };

  // Which of several equally short paths comes back is Neo4j's choice: compare lengths and ends.
  const pathShape = (paths: Json[]) =>
    paths.map((p) => {
      const ids = list(p.nodeIds) as unknown as string[];
      return { length: ids.length - 1, from: ids[0], to: ids[ids.length - 1] };
    });
  const shortestPath: Question = {
    name: "shortest-path",
    title: "Shortest path",
    levels: 0,
    rootStatements: 1,
    statements: 1,
    neo4jGraphqlNote: "a `@cypher` query field with `shortestPath()`; raw runs the same statement",
    ours: {
      query: `query Path($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxLength: 4, limit: 1) {
        paths { length nodeIds edgeIds } } }`,
      variables: { from: picks.pathFrom, to: picks.pathTo },
    },
    neo4jGraphql: {
      query: `query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { nodeIds edgeIds } }`,
      variables: { from: picks.pathFrom, to: picks.pathTo },
    },
    raw: { cypher: SHORTEST_PATH_CYPHER, params: { from: picks.pathFrom, to: picks.pathTo } },
    normaliseOurs: (data) => pathShape(list(node(data.paths).paths)),
    normaliseNeo4jGraphql: (data) => pathShape(list(data.shortestPath)),
    normaliseRaw: (rows) => pathShape(rows.map((r) => node(r.path))),
  };

  return [lookup, list100, nested(2), nested(3), filtered, sortByCount, neighbourhood, shortestPath];
}
