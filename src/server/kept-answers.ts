import type http from "node:http";
import etag from "etag";
import type { RequestHandler } from "express";
import Negotiator from "negotiator";
import MIMEType from "whatwg-mimetype";
import type { GraphVersion } from "../repository/version.repository";
import type { Caching } from "./caching";
import type { PersistedQueryStore } from "./persisted-operations";
import type { ResponseCache } from "./response-cache";

/** Where the graph version read for a request waits for its context, when no kept answer was found. */
export const READ_VERSION = "graphVersion";

/**
 * The path of the GraphQL endpoint: the Express route is mounted at it, and the lane answers
 * requests for exactly it (any other spelling goes through Express).
 */
export const GRAPHQL_PATH = "/graphql";
/** Apollo Server's prefix for the texts of automatic persisted queries in their store. */
const APQ_PREFIX = "apq:";
/** The headers that let a GET through CSRF prevention (Apollo Server's defaults). */
const PREFLIGHT_HEADERS = ["x-apollo-operation-name", "apollo-require-preflight"];
/** Content types a browser sends cross-site without a preflight: such requests need a preflight header. */
const SIMPLE_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
/** The types a GET may prefer to JSON, answered by Apollo Server with a landing page (text/html) or refused. */
const OTHER_GET_TYPES = [
  "multipart/mixed; deferSpec=20220824",
  "multipart/mixed; incrementalSpec=v0.2",
  "multipart/mixed",
  "text/html",
];
/** The types Apollo Server answers a single result with, in its order of preference. */
const ANSWER_TYPES = [
  "application/json; charset=utf-8",
  "application/graphql-response+json; charset=utf-8",
  "application/json; callbackSpec=1.0; charset=utf-8",
];
/**
 * The types the lane answers with: Express sends these as they are written (it rewrites the
 * third's parameters), so an answer from the lane is the same bytes as one through Express.
 */
const LANE_TYPES = new Set(ANSWER_TYPES.slice(0, 2));

type Next = (error?: unknown) => void;

export interface KeptAnswersOptions {
  caching: Caching;
  /** Reads the graph version from Neo4j (one small statement). */
  readVersion: () => Promise<GraphVersion>;
  /** Who the request's Authorization header names (null: anonymous). */
  actor: (authorization: string | undefined) => string | null;
  persistedQueries: PersistedQueryStore;
  /**
   * The JSON body parser of the Express route (express.json with its limit): the lane reads a
   * POST body with it, and the route's own finds the body read and leaves it.
   */
  parseBody: (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void;
}

/** The parts of a GraphQL request over HTTP that name its answer, or undefined if they are not plainly given. */
interface Asked {
  query?: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
  hash?: string;
}

/** The errors the body parser met in the lane, for the Express route to answer as its own. */
const bodyErrors = new WeakMap<http.IncomingMessage, unknown>();

/**
 * First on the Express route of the endpoint: a body the lane could not read fails there as it
 * would have in the route's own parser (the route's parser finds the body read and does nothing).
 */
export const bodyErrorFromLane: RequestHandler = (req, _res, next) => next(bodyErrors.get(req));

/**
 * Answers a query whose answer is kept before Express and Apollo Server see the request: a
 * repeated read then costs the body's parsing, the version read and a copy of bytes, not
 * Express's routing and the GraphQL pipeline. It answers exactly as the caching plugin would
 * through Express (status, body, content type chosen from Accept, caching headers, the ETag
 * Express gives a POST answer, 304); every request it cannot answer so, or has no answer
 * for, goes on to `rest` (the Express app) unchanged, which then reads no version again.
 * Requests that CSRF prevention would refuse, that Apollo would refuse or answer otherwise (a
 * persisted query hash with its text, an Accept it cannot meet, anything not plainly a GET or
 * POST of a query to the endpoint) always go on.
 */
export function keptAnswersFirst(
  options: KeptAnswersOptions,
  rest: http.RequestListener,
): http.RequestListener {
  const { caching } = options;
  return (req, res) => {
    const cache = caching.responseCache;
    const url = req.url ?? "";
    const at = url.indexOf("?");
    if (!cache || (at < 0 ? url : url.slice(0, at)) !== GRAPHQL_PATH || !passesCsrfPrevention(req.headers))
      return rest(req, res);
    // Found (an answer, or the version read for the pipeline) before anything is sent, so that
    // the request goes on once, and a failed read leaves it to the pipeline as it came.
    const answer = (asked: Asked | undefined) => {
      const contentType = asked && answerType(req.headers.accept);
      if (!asked || !contentType || !LANE_TYPES.has(contentType)) return rest(req, res);
      keptText(options, cache, req.headers.authorization, asked)
        .then(
          (found) => {
            if (!("text" in found)) {
              if (found.version) locals(res)[READ_VERSION] = found.version;
              return rest(req, res);
            }
            send(
              res,
              contentType,
              found.text,
              caching.headers(
                {
                  method: req.method!,
                  authorized: req.headers.authorization !== undefined,
                  ifNoneMatch: req.headers["if-none-match"],
                },
                found.key,
              ),
            );
          },
          () => rest(req, res),
        )
        // Nothing above is expected to throw; if it did, the connection ends, not the process.
        .catch(() => res.destroy());
    };
    if (req.method === "GET") {
      if (prefersOtherThanJson(req.headers.accept, req.headers["content-type"])) return rest(req, res);
      return answer(askedByGet(at < 0 ? "" : url.slice(at + 1)));
    }
    if (req.method !== "POST") return rest(req, res);
    options.parseBody(req, res, (error) => {
      if (error !== undefined) {
        bodyErrors.set(req, error);
        return rest(req, res);
      }
      answer(askedByPost((req as { body?: unknown }).body));
    });
  };
}

/** The response's locals, which Express keeps when it takes the response over. */
function locals(res: http.ServerResponse): Record<string, unknown> {
  const held = res as { locals?: Record<string, unknown> };
  return (held.locals ??= Object.create(null) as Record<string, unknown>);
}

/**
 * A kept answer, sent as Express's `res.status(…).send(text)` sends it after the content type
 * and caching headers: a length, and the weak ETag Express makes of the body when none is set;
 * a 304 without a body, its content type or its length.
 */
function send(
  res: http.ServerResponse,
  contentType: string,
  text: string,
  answer: ReturnType<Caching["headers"]>,
): void {
  if (answer.notModified) {
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = 304;
    res.end();
    return;
  }
  // Names spelled as Express spells them (header names are case-insensitive; this is for tidiness).
  res.setHeader("Content-Type", contentType);
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  const body = Buffer.from(text, "utf8");
  res.setHeader("Content-Length", body.length);
  if (!res.hasHeader("etag")) res.setHeader("ETag", etag(body, { weak: true }));
  res.statusCode = 200;
  res.end(body);
}

/** The kept answer to `asked` and its key, or the version read (none when a persisted hash is unknown). */
async function keptText(
  options: KeptAnswersOptions,
  cache: ResponseCache,
  authorization: string | undefined,
  asked: Asked,
): Promise<{ text: string; key: string } | { version?: GraphVersion }> {
  const document = asked.query ?? (await options.persistedQueries.get(APQ_PREFIX + asked.hash));
  if (document === undefined) return {};
  const version = await options.caching.versions.current(options.readVersion);
  const key = options.caching.keyFor(version, {
    document,
    operationName: asked.operationName,
    variables: asked.variables,
    actor: options.actor(authorization),
  });
  const text = cache.text(key);
  return text === undefined ? { version } : { text, key };
}

/** Apollo Server's CSRF prevention: a content type a browser would preflight, or a preflight header. */
function passesCsrfPrevention(headers: http.IncomingHttpHeaders): boolean {
  const contentType = headers["content-type"];
  if (contentType !== undefined) {
    const parsed = MIMEType.parse(contentType);
    if (parsed !== null && !SIMPLE_CONTENT_TYPES.includes(parsed.essence)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = headers[name];
    return typeof value === "string" && value.length > 0;
  });
}

/**
 * A GET whose Accept prefers an HTML page to JSON (Apollo Server's landing page), and one with
 * a content type other than JSON (which Apollo Server refuses with 415).
 */
function prefersOtherThanJson(accept: string | undefined, contentType?: string): boolean {
  if (
    accept &&
    new Negotiator({ headers: { accept } }).mediaType([...ANSWER_TYPES.slice(0, 2), ...OTHER_GET_TYPES]) ===
      "text/html"
  )
    return true;
  return contentType !== undefined && MIMEType.parse(contentType)?.essence !== "application/json";
}

/** The content type Apollo Server would answer with, or undefined when Accept allows none of them. */
function answerType(accept: string | undefined): string | undefined {
  if (!accept) return ANSWER_TYPES[0];
  return new Negotiator({ headers: { accept } }).mediaType(ANSWER_TYPES);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A request's parts, when they are what Apollo Server reads without complaint: a query text,
 * or an automatic persisted query's hash alone (with its text, Apollo checks and stores it).
 */
function askedOf(fields: {
  query: unknown;
  operationName: unknown;
  variables: unknown;
  extensions: unknown;
}): Asked | undefined {
  const { query, operationName, variables, extensions } = fields;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return;
  const common = {
    operationName: operationName ?? null,
    variables: variables ?? undefined,
  } as Pick<Asked, "operationName" | "variables">;
  if (extensions === undefined || extensions === null) {
    return typeof query === "string" ? { ...common, query } : undefined;
  }
  if (query !== undefined || !isRecord(extensions) || Object.keys(extensions).length !== 1) return;
  const persisted = extensions.persistedQuery;
  if (!isRecord(persisted) || persisted.version !== 1 || typeof persisted.sha256Hash !== "string") return;
  return { ...common, hash: persisted.sha256Hash };
}

function askedByPost(body: unknown): Asked | undefined {
  if (!isRecord(body)) return;
  return askedOf(body as Parameters<typeof askedOf>[0]);
}

function askedByGet(query: string): Asked | undefined {
  const search = new URLSearchParams(query);
  // Apollo Server refuses a parameter given twice.
  const once = (name: string): string | undefined => {
    const values = search.getAll(name);
    if (values.length > 1) throw new Error(`${name} given twice`);
    return values[0];
  };
  const json = (name: string): unknown => {
    const text = once(name);
    return text === undefined ? undefined : JSON.parse(text);
  };
  try {
    return askedOf({
      query: once("query"),
      operationName: once("operationName"),
      variables: json("variables"),
      extensions: json("extensions"),
    });
  } catch {
    return undefined;
  }
}
