import type { ApolloServer } from "@apollo/server";
import type { Request, Response } from "express";
import type { Executor } from "../db/executor";
import { type Context, createContext } from "../request/context";
import { ErrorCode } from "../errors/codes";
import { type ExportGraph, type ExportMeta, toCytoscapeJson, toGraphML } from "./graph-formats";

/** The same operation the explorer sends: the export is a client of the public API. */
export const NEIGHBOURHOOD_QUERY = /* GraphQL */ `
  query Neighbourhood(
    $id: ID!
    $depth: Int!
    $types: [RelationshipType!]
    $limit: Int!
    $coMentions: Boolean! = false
  ) {
    neighbourhood(id: $id, depth: $depth, types: $types, limit: $limit, coMentions: $coMentions) {
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
          source {
            title
          }
        }
      }
      truncated
      coMentions @include(if: $coMentions) {
        source
        target
        documents
        lines
      }
    }
  }
`;

const PARAMETERS = ["id", "depth", "types", "limit", "coMentions"];

/** The relationship type co-mentions are written as in an export: a link for drawing, not a fact. */
export const CO_MENTIONED = "CO_MENTIONED";

class BadRequest extends Error {}

interface NeighbourhoodVariables {
  id: string;
  depth: number;
  limit: number;
  types?: string[];
  coMentions: boolean;
}

function flag(query: Request["query"], name: string): boolean {
  const text = single(query, name);
  if (text === undefined || text === "" || text === "false" || text === "0") return false;
  if (text === "true" || text === "1") return true;
  throw new BadRequest(`\`${name}\` must be true or false; got "${text.slice(0, 40)}"`);
}

function single(query: Request["query"], name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new BadRequest(`\`${name}\` was given more than once`);
  return value;
}

function integer(query: Request["query"], name: string, fallback: number): number {
  const text = single(query, name);
  if (text === undefined || text === "") return fallback;
  if (!/^\d{1,4}$/.test(text)) throw new BadRequest(`\`${name}\` must be a whole number; got "${text}"`);
  return Number(text);
}

/**
 * Reads ?id=&depth=&types=A,B&limit=&coMentions=true ; `id` is an id, a name or an alias, as the API's
 * `neighbourhood(id:)` takes it. The ranges themselves are the API's to check.
 */
function parseParameters(query: Request["query"]): NeighbourhoodVariables {
  const unknown = Object.keys(query).filter((name) => !PARAMETERS.includes(name));
  if (unknown.length > 0) {
    throw new BadRequest(`unknown parameter ${unknown.join(", ")}; expected ${PARAMETERS.join(", ")}`);
  }
  const id = single(query, "id")?.trim();
  if (!id) throw new BadRequest("`id` is required, e.g. ?id=NZ&depth=2");
  const rawTypes = query.types;
  const typeList = rawTypes === undefined ? [] : Array.isArray(rawTypes) ? rawTypes : [rawTypes];
  if (typeList.some((t) => typeof t !== "string"))
    throw new BadRequest("`types` must be a list such as MEMBER_OF,CO_CHAIRS");
  const types = (typeList as string[])
    .flatMap((t) => t.split(","))
    .map((t) => t.trim())
    .filter((t) => t !== "");
  return {
    id,
    depth: integer(query, "depth", 1),
    limit: integer(query, "limit", 200),
    ...(types.length > 0 ? { types } : {}),
    coMentions: flag(query, "coMentions"),
  };
}

/** A failed export, answered in the API's own error shape: `{ errors: [{ message, extensions: { code } }] }`. */
interface Failure {
  status: number;
  code: string;
  message: string;
  /** Seconds, for a 503. */
  retryAfter?: string;
}

type Outcome = { status: 200; graph: ExportGraph & { truncated: boolean } } | Failure;

/** The HTTP status of an export that failed with this GraphQL error code. */
const STATUS_OF_CODE: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  QUERY_TOO_COMPLEX: 400,
  [ErrorCode.QUERY_TOO_EXPENSIVE]: 400,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 504,
};

async function runNeighbourhood(
  options: ExportOptions,
  variables: NeighbourhoodVariables,
  signal: AbortSignal,
): Promise<Outcome> {
  const response = await options.apollo.executeOperation(
    { query: NEIGHBOURHOOD_QUERY, variables: { ...variables } },
    { contextValue: createContext(options.executor, { signal }) },
  );
  if (response.body.kind !== "single") {
    return { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: "Internal server error" };
  }
  const { data, errors } = response.body.singleResult;
  if (errors && errors.length > 0) {
    const code = String(errors[0]?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    const message = errors.map((e) => e.message).join("; ");
    const status = STATUS_OF_CODE[code] ?? 500;
    return {
      status,
      code,
      message,
      retryAfter: status === 503 ? (response.http.headers.get("retry-after") ?? "5") : undefined,
    };
  }
  type CoMention = { source: string; target: string; documents: number; lines: number };
  const found = (
    data as
      { neighbourhood: (ExportGraph & { truncated: boolean; coMentions?: CoMention[] }) | null } | undefined
  )?.neighbourhood;
  if (!found)
    return {
      status: 404,
      code: ErrorCode.NOT_FOUND,
      message: `no entity has the id or the name "${variables.id}"`,
    };
  const { coMentions = [], ...graph } = found;
  // Co-mentions are written as edges of their own type, weighted by documents and lines.
  const links = coMentions.map(({ source, target, documents, lines }) => ({
    id: `${source}-${CO_MENTIONED}-${target}`,
    type: CO_MENTIONED,
    source,
    target,
    properties: { documents, lines },
    sources: [],
  }));
  return { status: 200, graph: { ...graph, edges: [...graph.edges, ...links] } };
}

function fail(res: Response, failure: Failure): void {
  if (failure.retryAfter) res.setHeader("Retry-After", failure.retryAfter);
  res
    .status(failure.status)
    .json({ errors: [{ message: failure.message, extensions: { code: failure.code } }] });
}

export interface ExportOptions {
  apollo: ApolloServer<Context>;
  executor: Executor;
  /** The deadline of one export, as of a GraphQL request. */
  requestTimeoutMs: number;
}

function describe(
  variables: NeighbourhoodVariables,
  graph: ExportGraph & { truncated: boolean },
  url: string,
) {
  // The centre comes first; `id` may have named it by name or alias.
  const centreId = graph.nodes[0]?.id ?? variables.id;
  const centre = graph.nodes[0]?.name ?? variables.id;
  const meta: ExportMeta = {
    id: `neighbourhood-${centreId}-depth-${variables.depth}`,
    title: `Neighbourhood of ${centre} (depth ${variables.depth})`,
    description:
      `${graph.nodes.length} nodes and ${graph.edges.length} relationships within ${variables.depth} hops of ` +
      `${centre}` +
      (variables.types ? `, relationship types ${variables.types.join(", ")}` : "") +
      (graph.truncated ? `; cut short at ${variables.limit} nodes` : "") +
      `. From ${url}`,
  };
  return meta;
}

/**
 * GET /export/neighbourhood.graphml and .cyjs: the `neighbourhood` operation run through
 * the server's own schema (its bounds, cost limit, admission and deadline included), written
 * as a file. 400 for bad parameters (a name of several entities among them), 404 for an unknown id, 503 with Retry-After when the
 * server is busy or the database unavailable; errors in the API's shape.
 */
export function neighbourhoodExport(options: ExportOptions, format: "graphml" | "cyjs") {
  return async (req: Request, res: Response): Promise<void> => {
    let variables: NeighbourhoodVariables;
    try {
      variables = parseParameters(req.query);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      fail(res, { status: 400, code: ErrorCode.BAD_REQUEST, message: error.message });
      return;
    }
    // Cleared when the response ends, so that no timer outlives its request.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), options.requestTimeoutMs).unref();
    res.once("close", () => clearTimeout(timer));
    const outcome = await runNeighbourhood(options, variables, deadline.signal);
    if (!("graph" in outcome)) {
      fail(res, outcome);
      return;
    }
    const meta = describe(variables, outcome.graph, req.originalUrl);
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="${meta.id.replace(/[^\w.-]/g, "_")}.${format}"`,
    );
    res.setHeader("Cache-Control", "no-cache");
    if (format === "graphml") {
      res.type("application/graphml+xml; charset=utf-8").send(toGraphML(outcome.graph, meta));
    } else {
      res
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(toCytoscapeJson(outcome.graph, meta), null, 2));
    }
  };
}
