import type { GraphQLResolveInfo } from "graphql";
import { type CursorKey, InvalidCursorError, decodeCursor, encodeCursor } from "../repository/pagination";
import type { Context } from "../request/context";
import type { ConnectionValue } from "../types/connection.type";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../limits/sizes";
import type { ListArgs } from "../types/inputs/list.args";
import { badInput } from "./errors";
import { checkFilter } from "./filter-check";
import { filterWithIds } from "./references";
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

/** Shared body of every root list: validate paging, fetch one page, and its count when selected. */
export async function listEntities(
  label: string,
  args: ListArgs,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<ConnectionValue> {
  const { repositories, loaders } = context;
  const first = pageSize(args.first, "first");
  const last = pageSize(args.last, "last");
  if (first !== null && last !== null) throw badInput("Give `first` or `last`, not both.", "last");
  checkFilter(args.filter);
  const after = cursor(args.after, "after");
  const before = cursor(args.before, "before");
  const page = { first: first ?? (last === null ? DEFAULT_PAGE_SIZE : null), last, after, before };
  const properties = selectedProperties(info, ["edges", "node"], context);
  const withTotal = selectedFieldNames(info, context).includes("totalCount");
  const ahead = readsAhead(info, ["edges", "node"], context, context.lookAhead);
  const filter = await filterWithIds(context, args.filter);
  const { rows, hasMore, total } = await loaders.list(label, filter, args.orderBy, page, {
    properties,
    withTotal,
    ahead,
  });
  const edges = rows.map((row) => ({
    cursor: encodeCursor({ key: row.sortKey, id: row.node.id }),
    node: row.node,
  }));
  const backward = last !== null;
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? before !== null : hasMore,
      hasPreviousPage: backward ? hasMore : after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count: () => (total === undefined ? repositories.lists.count(label, filter) : Promise.resolve(total)),
  };
}
