/**
 * The sizes the API allows on its own arguments (pages, graphs, search results): checked by
 * the resolvers with a message naming the range, and read by the cost estimate. Together
 * with the input bounds (input-bounds.ts) they are the table of limits.
 */

/** Page size of every connection: `first`/`last` default and maximum. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `neighbourhood` (depth, nodes) and `paths` (length, how many). */
export const GRAPH_LIMITS = { maxDepth: 3, maxNodes: 500, defaultNodes: 200, maxPathLength: 6, maxPaths: 10 };

/** `search(first:)`. */
export const MAX_SEARCH_RESULTS = 50;
