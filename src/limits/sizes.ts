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

/**
 * Relationships one request may return in all, at every level and alias together. The cost
 * estimate counts a relationship field as five edges; a body's members are ninety-seven, so
 * a few levels of them can make an answer of a hundred thousand objects from a query the
 * estimate lets through. Past this the relationship fields answer QUERY_TOO_EXPENSIVE.
 */
export const MAX_RELATIONSHIPS_PER_REQUEST = 10_000;

/** `search(first:)`. */
export const MAX_SEARCH_RESULTS = 50;

/**
 * Entities each word of a search may bring from the full-text index (exact matches first),
 * before they are ranked: a word common to more names than this leaves the rest uncounted.
 */
export const SEARCH_CANDIDATES_PER_WORD = 200;

/** Lines one `Source.lines(from:, to:)` answers: a page of a document (default and maximum). */
export const MAX_SOURCE_LINES = 200;
