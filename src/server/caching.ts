import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { Context } from "../request/context";
import type { GraphVersion } from "../repository/version.repository";
import { VersionClock, versionTag } from "./graph-version";
import { type AnswerKey, ResponseCache, answerKey } from "./response-cache";

/** The caching settings (README "Caching"). */
export interface CachingOptions {
  /** RESPONSE_CACHE_BYTES: bytes of answers kept in this process; 0 keeps none. */
  responseCacheBytes: number;
  /** GRAPH_VERSION_STALENESS_MS: how long a version read may be used again; 0 reads it for every request. */
  versionStalenessMs: number;
  /** HTTP_CACHE_MAX_AGE: the max-age of anonymous GET answers, in seconds. */
  httpMaxAgeSeconds: number;
}

export interface Caching {
  plugin: ApolloServerPlugin<Context>;
  /** Absent when RESPONSE_CACHE_BYTES is 0. */
  responseCache?: ResponseCache;
  versions: VersionClock;
  /**
   * The key of the answer to `request` on `version` (read through `versions` after the request
   * arrived); the answers of an older version are dropped when a newer one is seen.
   */
  keyFor(version: GraphVersion, request: Omit<AnswerKey, "version">): string;
  /** The caching headers of an answer (see answerHeaders). */
  headers(request: AnsweredRequest, key: string | undefined): AnswerHeaders;
}

/** What the caching headers of an answer depend on. */
export interface AnsweredRequest {
  method: string;
  /** True when the request carried an Authorization header. */
  authorized: boolean;
  ifNoneMatch: string | undefined;
}

export interface AnswerHeaders {
  headers: [name: string, value: string][];
  /** The request's If-None-Match names the answer's ETag: send 304 without a body. */
  notModified: boolean;
}

/** True when `ifNoneMatch` (an If-None-Match header) names `etag`, compared weakly as RFC 9110 asks. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim())
    .some((t) => t === "*" || opaque(t) === opaque(etag));
}

/**
 * The caching headers of an answer: a GET query answered without errors (`key` given) carries
 * a weak ETag naming its key and `Cache-Control: public, max-age=N` (anonymous) or `private,
 * no-store` (an Authorization header was sent), with `Vary: Authorization`; every other
 * answer (POST, mutations, errors) gets `Cache-Control: no-store`.
 */
export function answerHeaders(
  request: AnsweredRequest,
  key: string | undefined,
  maxAgeSeconds: number,
): AnswerHeaders {
  if (key === undefined || request.method !== "GET") {
    return { headers: [["cache-control", "no-store"]], notModified: false };
  }
  const etag = `W/"${key}"`;
  return {
    headers: [
      ["etag", etag],
      ["cache-control", request.authorized ? "private, no-store" : `public, max-age=${maxAgeSeconds}`],
      ["vary", "Authorization"],
    ],
    notModified: etagMatches(request.ifNoneMatch, etag),
  };
}

/**
 * The response cache and HTTP caching, for queries received over HTTP (operations run in
 * process, such as the exports, bypass both):
 *
 * - before a query runs, the graph version is read (VersionClock: from Neo4j, one small
 *   statement counted with the request's others, shared with requests that arrive while it
 *   is under way, unless a read within the staleness allows its reuse); an answer kept for
 *   the same version, document, operation name, variables and API key is sent without
 *   running the query (by keptAnswersFirst, before the request reaches Express, or by this
 *   plugin). An answer without errors is kept. Mutations are never cached, and one ending
 *   makes this process read the version again.
 * - the answer carries answerHeaders(); `If-None-Match` naming its ETag gets 304 without a body.
 *
 * If the version cannot be read the query runs as if nothing were cached (and its answer is
 * neither kept nor tagged): the database's own error, if any, is the request's answer.
 */
export function createCaching(options: CachingOptions): Caching {
  const versions = new VersionClock(options.versionStalenessMs);
  const responseCache =
    options.responseCacheBytes > 0 ? new ResponseCache(options.responseCacheBytes) : undefined;
  let lastTag: string | undefined;

  const keyFor: Caching["keyFor"] = (version, request) => {
    const tag = versionTag(version);
    // Answers of an older version can never be asked for again.
    if (lastTag !== undefined && tag !== lastTag) responseCache?.clear();
    lastTag = tag;
    return answerKey({ ...request, version: tag });
  };
  const headers: Caching["headers"] = (request, key) =>
    answerHeaders(request, key, options.httpMaxAgeSeconds);

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ request }) {
      const http = request.http;
      let key: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation, source, contextValue }) {
          if (!http || operation.operation !== "query") return null;
          let version: GraphVersion;
          try {
            // keptAnswersFirst read it already when it looked for a kept answer and found none.
            version =
              contextValue.graphVersion ??
              (await versions.current(() => contextValue.repositories.versions.current()));
          } catch {
            return null;
          }
          key = keyFor(version, {
            document: source,
            operationName: request.operationName ?? null,
            variables: request.variables,
            actor: contextValue.actor,
          });
          const kept = responseCache?.get(key);
          if (!kept) return null;
          hit = true;
          return {
            http: { headers: new HeaderMap(), status: undefined },
            body: { kind: "single", singleResult: kept },
          };
        },

        async willSendResponse({ operation, response }) {
          if (operation?.operation === "mutation") versions.wrote();
          const single = response.body.kind === "single" ? response.body.singleResult : undefined;
          const ok = single !== undefined && !single.errors?.length && key !== undefined;
          if (ok && !hit && responseCache && (response.http.status ?? 200) === 200) {
            responseCache.set(key!, single!);
          }
          if (!http) return;
          const answer = headers(
            {
              method: http.method,
              authorized: http.headers.get("authorization") !== undefined,
              ifNoneMatch: http.headers.get("if-none-match"),
            },
            ok ? key : undefined,
          );
          for (const [name, value] of answer.headers) {
            const before = name === "vary" ? response.http.headers.get("vary") : undefined;
            response.http.headers.set(name, before ? `${before}, ${value}` : value);
          }
          if (answer.notModified) response.http.status = 304;
        },
      };
    },
  };
  return { plugin, responseCache, versions, keyFor, headers };
}
