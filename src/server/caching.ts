import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { Context } from "../request/context";
import type { GraphVersion } from "../repository/version.repository";
import { VersionClock, versionTag } from "./graph-version";
import { ResponseCache, answerKey } from "./response-cache";

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
 * The response cache and HTTP caching, for queries received over HTTP (operations run in
 * process, such as the exports, bypass both):
 *
 * - before a query runs, the graph version is read (VersionClock: from Neo4j, one small
 *   statement counted with the request's others, shared with requests that arrive while it
 *   is under way, unless a read within the staleness allows its reuse); an answer kept for the same version, document, operation name, variables and
 *   API key is sent without running the query. An answer without errors is kept. Mutations
 *   are never cached, and one ending makes this process read the version again.
 * - a GET query answered without errors carries a weak ETag naming (version, document,
 *   operation, variables, key) and `Cache-Control: public, max-age=N` (anonymous) or
 *   `private, no-store` (an Authorization header was sent), with `Vary: Authorization`;
 *   `If-None-Match` naming it gets 304 without a body. Every other answer (POST, mutations,
 *   errors) gets `Cache-Control: no-store`.
 *
 * If the version cannot be read the query runs as if nothing were cached (and its answer is
 * neither kept nor tagged): the database's own error, if any, is the request's answer.
 */
export function createCaching(options: CachingOptions): Caching {
  const versions = new VersionClock(options.versionStalenessMs);
  const responseCache =
    options.responseCacheBytes > 0 ? new ResponseCache(options.responseCacheBytes) : undefined;
  let lastTag: string | undefined;

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ request }) {
      const http = request.http;
      let version: GraphVersion | undefined;
      let key: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation, source, operationName, contextValue }) {
          if (!http || operation.operation !== "query") return null;
          try {
            version = await versions.current(() => contextValue.repositories.versions.current());
          } catch {
            return null;
          }
          const tag = versionTag(version);
          // Answers of an older version can never be asked for again.
          if (lastTag !== undefined && tag !== lastTag) responseCache?.clear();
          lastTag = tag;
          key = answerKey({
            version: tag,
            document: source,
            operationName,
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
          const headers = response.http.headers;
          if (!ok || http.method !== "GET") {
            headers.set("cache-control", "no-store");
            return;
          }
          const etag = `W/"${key!}"`;
          const withKey = http.headers.get("authorization") !== undefined;
          headers.set("etag", etag);
          headers.set(
            "cache-control",
            withKey ? "private, no-store" : `public, max-age=${options.httpMaxAgeSeconds}`,
          );
          const vary = headers.get("vary");
          headers.set("vary", vary ? `${vary}, Authorization` : "Authorization");
          if (etagMatches(http.headers.get("if-none-match"), etag)) response.http.status = 304;
        },
      };
    },
  };
  return { plugin, responseCache, versions };
}
