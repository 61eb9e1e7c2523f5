// Apollo Client's cache for this API, built from the files `npm run schema` writes beside the
// SDL (also served at /schema/possible-types.json and /schema/cache-policies.json).
import { ApolloClient, HttpLink, InMemoryCache, type TypePolicies } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";
import cachePolicies from "../schema/cache-policies.json";
import possibleTypes from "../schema/possible-types.json";

/**
 * - every connection (`states`, `bodies`, …) keeps one list per filter and order, and pages
 *   fetched with `after` are appended to it;
 * - graph nodes and edges are normalised by their `id` (`GraphNode:NZ`), so a neighbourhood,
 *   a path and an expansion share them;
 * - an object without an `id` (a `Graph`, `Stats`, …) is the same object each time its field
 *   is read with the same arguments: a second query merges into it instead of replacing it.
 */
export function typePolicies(): TypePolicies {
  const policies: TypePolicies = {
    GraphNode: { keyFields: ["id"] },
    GraphEdge: { keyFields: ["id"] },
  };
  for (const type of cachePolicies.typesWithoutId) policies[type] = { merge: true };
  for (const [type, fields] of Object.entries(cachePolicies.connections)) {
    policies[type] = {
      ...policies[type],
      fields: Object.fromEntries(
        Object.entries(fields).map(([field, keyArgs]) => [field, relayStylePagination(keyArgs)]),
      ),
    };
  }
  return policies;
}

export function createApolloCache(): InMemoryCache {
  return new InMemoryCache({ possibleTypes, typePolicies: typePolicies() });
}

/** A client for the API at `url` (…/graphql). */
export function createApolloClient(url: string): ApolloClient {
  return new ApolloClient({ link: new HttpLink({ uri: url }), cache: createApolloCache() });
}
