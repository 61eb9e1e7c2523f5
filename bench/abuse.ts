/**
 * The abuse scenario of `npm run load -- --scenario abuse`: a flood of the worst requests an
 * anonymous client can send (inputs past every bound, and valid queries chosen for their
 * cost) beside normal traffic (lookups by id), against a server with its own supervised
 * Neo4j. The requests are shared with the hostile-input tests.
 */

import { execFileSync } from "node:child_process";

export interface FloodRequest {
  /** A short name for the report. */
  kind: string;
  /** Appended to the server's address. */
  path: string;
  init: RequestInit;
}

const JSON_TYPE = { "content-type": "application/json" };

function graphql(kind: string, query: string, variables: Record<string, unknown> = {}): FloodRequest {
  return {
    kind,
    path: "/graphql",
    init: { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ query, variables }) },
  };
}

const TYPES = ["MEMBER_OF", "CO_CHAIRS", "PART_OF", "HELD_IN", "REPORTS_TO", "OPERATES_UNDER"];

/** A filter of eleven relationship conditions whose shape changes with `i`: Neo4j plans each afresh. */
export function heavyFilter(i: number): Record<string, unknown> {
  const condition = (k: number) => ({
    type: TYPES[(i + k) % TYPES.length],
    direction: "BOTH",
    nodeType: `t${i}`,
  });
  return {
    OR: [
      { related: [condition(0), condition(1), condition(2)] },
      { NOT: { related: [condition(3), condition(i % 2)] } },
      { AND: [{ related: [condition(4)] }, { notRelated: [condition(5), condition(1)] }] },
    ].slice(0, 1 + (i % 3)),
  };
}

/** Fifteen aliases of the Bali Process's members' memberships' members: thousands of relationships each. */
const WIDE_LEVELS = `{ ${Array.from(
  { length: 15 },
  (_, i) =>
    `a${i}: body(id: "bali-process") { members { node { ... on State { memberOf { node { ... on Body { members { node { ... on State { id name } } } } } } } } } }`,
).join(" ")} }`;

/**
 * Valid requests chosen for their cost: filters, deep neighbourhoods, exports, long paths,
 * long searches, and answers of many relationships that the cost estimate underrates.
 */
export function expensiveRequest(i: number): FloodRequest {
  switch (i % 6) {
    case 5:
      return graphql("15 aliases of members of members", WIDE_LEVELS);
    case 0:
      return graphql(
        "filter of 11 relationship conditions",
        "query($f: EntityFilter) { states(filter: $f, first: 100) { totalCount edges { node { id memberOf { node { ... on Body { id name } } } } } } }",
        { f: heavyFilter(i) },
      );
    case 1:
      return graphql(
        "neighbourhood depth 3, limit 500",
        '{ neighbourhood(id: "bali-process", depth: 3, limit: 500) { nodes { id } edges { id } } }',
      );
    case 2:
      return {
        kind: "GraphML export depth 3, limit 500",
        path: "/export/neighbourhood.graphml?id=bali-process&depth=3&limit=500",
        init: {},
      };
    case 3:
      return graphql(
        "paths of length 6",
        '{ paths(from: "AF", to: "VN", maxLength: 6, limit: 10) { paths { length } } }',
      );
    default:
      return graphql(
        "search of 20 fuzzy words",
        "query($t: String!) { search(text: $t, first: 50) { score } }",
        {
          t: Array.from({ length: 20 }, (_, k) => `naton${(i + k) % 9}`).join(" "),
        },
      );
  }
}

const STATES_COUNT = "query($f: EntityFilter) { states(filter: $f) { totalCount } }";

/**
 * The body of a request whose filter is NOT nested `levels` deep, written as text: JSON.stringify
 * would overflow the stack of the sender long before the server's bound is reached.
 */
export function nestedNotBody(levels: number): string {
  const query = JSON.stringify(STATES_COUNT);
  return `{"query":${query},"variables":{"f":${'{"NOT":'.repeat(levels)}{"name":"x"}${"}".repeat(levels)}}}`;
}

/** Requests past the bounds, in the classes that once took the service down. */
export function boundlessRequest(i: number): FloodRequest {
  const states = STATES_COUNT;
  switch (i % 5) {
    case 0:
      return graphql("name of 90,000 characters", "query($n: String) { entity(name: $n) { id } }", {
        n: `${"x".repeat(89_990)} ${i}`,
      });
    case 1:
      return graphql("name of 1,100 words", "query($n: String) { state(name: $n) { id } }", {
        n: Array.from({ length: 1100 }, (_, k) => `w${(k + i) % 10}`).join(" "),
      });
    case 2:
      return {
        kind: "NOT nested 3,000 deep",
        path: "/graphql",
        init: { method: "POST", headers: JSON_TYPE, body: nestedNotBody(3000) },
      };
    case 3:
      return graphql("OR of 2,000 names", states, {
        f: { OR: Array.from({ length: 2000 }, (_, k) => ({ name: `n${k + i}` })) },
      });
    default:
      return graphql("AND of 50 related conditions", states, {
        f: {
          AND: Array.from({ length: 50 }, () => ({
            related: [{ type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" }],
          })),
        },
      });
  }
}

/** Normal traffic: lookups by id with a relationship level, as a client app sends them. */
export function normalRequest(i: number): FloodRequest {
  const ids = ["NZ", "AU", "ID", "TH", "LK"];
  return graphql(
    "lookup by id",
    "query($id: ID!) { state(id: $id) { id name memberOf { role node { ... on Body { id name } } } } }",
    { id: ids[i % ids.length] },
  );
}

export interface Answer {
  kind: string;
  status: number;
  /** The first error's code, "OK" without errors, or "NO_RESPONSE" when the request failed. */
  code: string;
  retryAfter: string | null;
  ms: number;
}

/** Sends one request and classifies its answer. */
export async function send(url: string, request: FloodRequest, signal?: AbortSignal): Promise<Answer> {
  const startedAt = performance.now();
  try {
    const response = await fetch(`${url}${request.path}`, { ...request.init, signal });
    const text = await response.text();
    let code = response.ok ? "OK" : `HTTP_${response.status}`;
    if (text.startsWith("{")) {
      const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
      if (body.errors?.length) code = String(body.errors[0]?.extensions?.code ?? "NO_CODE");
    }
    return {
      kind: request.kind,
      status: response.status,
      code,
      retryAfter: response.headers.get("retry-after"),
      ms: performance.now() - startedAt,
    };
  } catch {
    return {
      kind: request.kind,
      status: 0,
      code: "NO_RESPONSE",
      retryAfter: null,
      ms: performance.now() - startedAt,
    };
  }
}

/** The pid of the local Neo4j serving Bolt on `port` (the launcher's command line names the port). */
export function neo4jPidOnPort(port: number): number | undefined {
  const out = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  const line = out
    .split("\n")
    .find((l) => l.includes("org.baliprocess.launcher.Main") && l.includes(`--port ${port} `));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}
