import type { GraphQLResolveInfo } from "graphql";
import { type CursorKey, InvalidCursorError, decodeCursor, encodeCursor } from "../repository/pagination";
import type { PageSpec } from "../repository/list.repository";
import type { Context } from "../request/context";
import type { ConnectionValue } from "../types/connection.type";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../limits/sizes";
import type { ListArgs } from "../types/inputs/list.args";
import { badInput } from "./errors";
import { checkFilter } from "./filter-check";
import { filterTexts, filterWithIds, looksLikeId } from "./references";
import { readsAhead, selectedFieldNames, selectedProperties } from "./selection";

function pageSize(value: number | null | undefined, argument: string): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw badInput(`\`${argument}\` must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`, argument);
  }
  return value;
}

function cursor(value: string | null | undefined, argument: string): CursorKey | null {
  if (value === null || value === undefined) return null;
  try {
    return decodeCursor(value);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw badInput(`\`${argument}\`: ${error.message}.`, argument);
    throw error;
  }
}

/** The page `first`/`after`/`last`/`before` ask for, checked: BAD_USER_INPUT naming the argument. */
export function pageOf(args: {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}): PageSpec {
  const first = pageSize(args.first, "first");
  const last = pageSize(args.last, "last");
  if (first !== null && last !== null) throw badInput("Give `first` or `last`, not both.", "last");
  const after = cursor(args.after, "after");
  const before = cursor(args.before, "before");
  return { first: first ?? (last === null ? DEFAULT_PAGE_SIZE : null), last, after, before };
}

/** Relay page information for a page read in the direction `page` travels. */
export function pageInfoOf(page: PageSpec, cursors: readonly string[], hasMore: boolean) {
  const backward = page.last !== null && page.last !== undefined;
  return {
    hasNextPage: backward ? (page.before ?? null) !== null : hasMore,
    hasPreviousPage: backward ? hasMore : (page.after ?? null) !== null,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
  };
}

/** Shared body of every root list: validate paging, fetch one page, and its count when selected. */
export async function listEntities(
  label: string,
  args: ListArgs,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<ConnectionValue> {
  const { repositories, loaders } = context;
  const page = pageOf(args);
  checkFilter(args.filter);
  const properties = selectedProperties(info, ["edges", "node"], context);
  const withTotal = selectedFieldNames(info, context).includes("totalCount");
  const ahead = readsAhead(info, ["edges", "node"], context, context.lookAhead);
  // Texts that look like ids are tried as ids in the page's own statement; only when one is
  // no entity's id are the names read, and the page read again with the ids they give. A
  // text that cannot be an id (a name with spaces or capitals) has its names read first.
  const texts = filterTexts(args.filter);
  const tryAsIds = texts.every(looksLikeId);
  const filter = tryAsIds ? args.filter : await filterWithIds(context, args.filter);
  const reads = { properties, withTotal, ahead };
  const tried = await loaders.list(label, filter, args.orderBy, page, {
    ...reads,
    ...(tryAsIds ? { knownIds: texts } : {}),
  });
  const { rows, hasMore, total } =
    tried.idsKnown === false
      ? await loaders.list(label, await filterWithIds(context, args.filter), args.orderBy, page, reads)
      : tried;
  const edges = rows.map((row) => ({
    cursor: encodeCursor({ key: row.sortKey, id: row.node.id }),
    node: row.node,
  }));
  return {
    edges,
    pageInfo: pageInfoOf(
      page,
      edges.map((edge) => edge.cursor),
      hasMore,
    ),
    count: () => (total === undefined ? repositories.lists.count(label, filter) : Promise.resolve(total)),
  };
}
