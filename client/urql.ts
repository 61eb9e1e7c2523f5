// urql with its normalising cache (Graphcache) for this API, built from the files
// `npm run schema` writes beside the SDL (also served at /schema/possible-types.json and
// /schema/cache-policies.json).
import { Client, fetchExchange } from "@urql/core";
import {
  type CacheExchangeOpts,
  type KeyingConfig,
  type ResolverConfig,
  cacheExchange,
} from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import cachePolicies from "../schema/cache-policies.json";
import possibleTypes from "../schema/possible-types.json";

/**
 * Options for `cacheExchange(…)`: fragments on interfaces and unions match by `possibleTypes`;
 * objects without an `id` are kept inside their parent; every connection merges the pages
 * fetched with `after` into one list per filter and order.
 */
export function graphcacheOptions(): Partial<CacheExchangeOpts> {
  const keys: KeyingConfig = Object.fromEntries(
    cachePolicies.typesWithoutId.map((type) => [type, () => null]),
  );
  const resolvers: ResolverConfig = {};
  for (const [type, fields] of Object.entries(cachePolicies.connections)) {
    resolvers[type] = Object.fromEntries(Object.keys(fields).map((field) => [field, relayPagination()]));
  }
  return { possibleTypes, keys, resolvers };
}

/**
 * A client for the API at `url` (…/graphql). Queries go as POST: the server refuses a GET
 * without a preflight header, as a guard against cross-site request forgery.
 */
export function createUrqlClient(url: string, cache: Partial<CacheExchangeOpts> = {}): Client {
  return new Client({
    url,
    preferGetMethod: false,
    exchanges: [cacheExchange({ ...graphcacheOptions(), ...cache }), fetchExchange],
  });
}
