import type { RequestHandler, Request } from "express";
import Negotiator from "negotiator";
import MIMEType from "whatwg-mimetype";
import type { GraphVersion } from "../repository/version.repository";
import type { Caching } from "./caching";
import type { PersistedQueryStore } from "./persisted-operations";
import type { ResponseCache } from "./response-cache";

/** Where the graph version read for a request waits for its context, when no kept answer was found. */
export const READ_VERSION = "graphVersion";

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

export interface KeptAnswersOptions {
  caching: Caching;
  /** Reads the graph version from Neo4j (one small statement). */
  readVersion: () => Promise<GraphVersion>;
  /** Who the request's Authorization header names (null: anonymous). */
  actor: (authorization: string | undefined) => string | null;
  persistedQueries: PersistedQueryStore;
}

/** The parts of a GraphQL request over HTTP that name its answer, or undefined if they are not plainly given. */
interface Asked {
  query?: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
  hash?: string;
}

/**
 * Answers a query whose answer is kept, before the request reaches Apollo Server: a repeated
 * read then costs the version read and a copy of bytes, not the GraphQL pipeline. It answers
 * exactly as Apollo Server and the caching plugin would (status, body, content type chosen
 * from Accept, caching headers, 304); every request it cannot answer so, or has no answer
 * for, goes on to Apollo Server unchanged, which then reads no version again. Requests that
 * CSRF prevention would refuse, that Apollo would refuse or answer otherwise (a persisted
 * query hash with its text, an Accept it cannot meet, anything not plainly a GET or POST of
 * a query) always go on.
 */
export function keptAnswers(options: KeptAnswersOptions): RequestHandler {
  const { caching } = options;
  return (req, res, next) => {
    const cache = caching.responseCache;
    if (!cache || !passesCsrfPrevention(req)) return next();
    if (req.method === "GET" && prefersOtherThanJson(req.headers.accept, req.headers["content-type"]))
      return next();
    const asked =
      req.method === "GET" ? askedByGet(req) : req.method === "POST" ? askedByPost(req.body) : undefined;
    if (!asked) return next();
    const contentType = answerType(req.headers.accept);
    if (!contentType) return next();
    // Found (an answer, or the version read for the pipeline) before anything is sent, so
    // that next() runs once, and a failed read leaves the request to the pipeline as it came.
    keptText(options, cache, req, asked).then(
      (found) => {
        if (!("text" in found)) {
          if (found.version) res.locals[READ_VERSION] = found.version;
          return next();
        }
        const answer = caching.headers(
          {
            method: req.method,
            authorized: req.headers.authorization !== undefined,
            ifNoneMatch: req.headers["if-none-match"],
          },
          found.key,
        );
        res.setHeader("content-type", contentType);
        for (const [name, value] of answer.headers) res.setHeader(name, value);
        res.status(answer.notModified ? 304 : 200).send(found.text);
      },
      () => next(),
    );
  };
}

/** The kept answer to `asked` and its key, or the version read (none when a persisted hash is unknown). */
async function keptText(
  options: KeptAnswersOptions,
  cache: ResponseCache,
  req: Request,
  asked: Asked,
): Promise<{ text: string; key: string } | { version?: GraphVersion }> {
  const document = asked.query ?? (await options.persistedQueries.get(APQ_PREFIX + asked.hash));
  if (document === undefined) return {};
  const version = await options.caching.versions.current(options.readVersion);
  const key = options.caching.keyFor(version, {
    document,
    operationName: asked.operationName,
    variables: asked.variables,
    actor: options.actor(req.headers.authorization),
  });
  const text = cache.text(key);
  return text === undefined ? { version } : { text, key };
}

/** Apollo Server's CSRF prevention: a content type a browser would preflight, or a preflight header. */
function passesCsrfPrevention(req: Request): boolean {
  const contentType = req.headers["content-type"];
  if (contentType !== undefined) {
    const parsed = MIMEType.parse(contentType);
    if (parsed !== null && !SIMPLE_CONTENT_TYPES.includes(parsed.essence)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = req.headers[name];
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

function askedByGet(req: Request): Asked | undefined {
  const at = req.originalUrl.indexOf("?");
  const search = new URLSearchParams(at < 0 ? "" : req.originalUrl.slice(at + 1));
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
