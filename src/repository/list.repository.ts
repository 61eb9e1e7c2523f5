import type { Executor } from "../db/executor";
import { mapProjection, relationshipTypeToken } from "./cypher";
import { type FilterSpec, Params, compileMatch } from "./filters";
import { aheadOf, prefetched } from "./ahead";
import type { CursorKey } from "./pagination";
import type { EntityRecord, Prefetched, ReadAhead } from "../model/records";
import { countProperty } from "../model/relationship-counts";

export type SortField = "NAME" | "ID" | "DATE" | "YEAR" | "RELATIONSHIP_COUNT";

export interface SortSpec {
  field: SortField;
  direction: "ASC" | "DESC";
  /** For RELATIONSHIP_COUNT: which relationships to count, and which way (both when null). */
  relationshipType?: string | null;
  relationshipDirection?: "OUT" | "IN" | "BOTH" | null;
}

export interface PageSpec {
  first?: number | null;
  after?: CursorKey | null;
  last?: number | null;
  before?: CursorKey | null;
}

export interface ListedRow {
  node: EntityRecord;
  sortKey: string | number;
}

export interface ListResult {
  rows: ListedRow[];
  /** More rows exist beyond the page in the direction of travel. */
  hasMore: boolean;
  /** Rows that pass the filter over all pages, when the list was asked to count them. */
  total?: number;
  /** What the reads ahead of the page's nodes found. */
  prefetched: Prefetched[];
  /** Whether every text of `knownIds` is an entity's id, when the list was asked. */
  idsKnown?: boolean;
}

/** What a list reads besides its page of ids: all optional, in the page's one statement. */
export interface ListReads {
  /** The nodes' properties to return (all when null or omitted). */
  properties?: readonly string[] | null;
  /** Count the rows over all pages too. */
  withTotal?: boolean;
  /** Relationships of the page's nodes to read ahead. */
  ahead?: readonly ReadAhead[];
  /**
   * Texts the filter uses as ids that may be names: the statement says whether each is an
   * entity's id, and reads the page only when all are (the page is then the answer: an
   * exact id wins over names), so a filter on ids costs one statement.
   */
  knownIds?: readonly string[];
}

function sortExpression(sort: SortSpec): string {
  switch (sort.field) {
    case "NAME":
      return "toLower(n.name)";
    case "ID":
      return "n.id";
    case "DATE":
      return 'coalesce(n.startDate, n.date, "")';
    case "YEAR":
      return "coalesce(n.year, -1)";
    case "RELATIONSHIP_COUNT":
      return `n.\`${keptCount(sort)}\``;
    default: {
      const unreachable: never = sort.field;
      throw new Error(`Unknown sort field ${String(unreachable)}`);
    }
  }
}

/**
 * The node property that keeps the count a RELATIONSHIP_COUNT sort reads (maintained by the
 * seed import and every curation write; indexed for the counts each kind's fields walk).
 */
function keptCount(sort: SortSpec): string {
  const type = sort.relationshipType ? relationshipTypeToken(sort.relationshipType) : null;
  return countProperty(type, sort.relationshipDirection ?? "BOTH");
}

/** Paged, filtered, sorted lists of one kind of entity with keyset (cursor) pagination. */
export class ListRepository {
  constructor(private readonly executor: Executor) {}

  async list(
    label: string,
    filter: FilterSpec | null | undefined,
    sort: SortSpec,
    page: PageSpec,
    { properties = null, withTotal = false, ahead = [], knownIds }: ListReads = {},
  ): Promise<ListResult> {
    const params = new Params();
    const counted = sort.field === "RELATIONSHIP_COUNT" ? keptCount(sort) : null;
    const match = compileMatch(label, filter, params);
    // A kept count is on every entity; saying so lets the planner read the nodes in the
    // order of the count's index, so the top k of a count read about k nodes. A cursor
    // bounds the count too (a range of the index), so a later page starts where it left off.
    const onCount = counted ? [`n.\`${counted}\` IS NOT NULL`] : [];
    const key = sortExpression(sort);
    const backward =
      page.last !== null && page.last !== undefined && (page.first === null || page.first === undefined);
    const ascending = (sort.direction === "ASC") !== backward;
    const bounds: string[] = [];
    // A row is past `after` when it sorts after it in the requested order; `before` likewise.
    const beyond = (cursor: CursorKey, later: boolean) => {
      const k = params.add(cursor.key);
      const id = params.add(cursor.id);
      const op = later === (sort.direction === "ASC") ? ">" : "<";
      if (counted) onCount.push(`n.\`${counted}\` ${op}= ${k}`);
      return `(sortKey ${op} ${k} OR (sortKey = ${k} AND n.id ${op} ${id}))`;
    };
    if (page.after) bounds.push(beyond(page.after, true));
    if (page.before) bounds.push(beyond(page.before, false));
    const limit = (backward ? page.last : page.first) ?? 20;
    const order = ascending ? "ASC" : "DESC";
    const pageMatch = onCount.length ? `${match} AND ${onCount.join(" AND ")}` : match;
    const pageOf = `${pageMatch}
       WITH n, ${key} AS sortKey
       ${bounds.length ? `WHERE ${bounds.join(" AND ")}` : ""}`;
    const node = mapProjection("n", properties);
    // Reads ahead are made after the limit: for the page's rows (and the one that tells
    // whether more follow).
    const aheadList = ahead.length ? aheadOf("n", ahead) : null;
    let rows: (ListedRow & { ahead?: unknown })[];
    let total: number | undefined;
    let idsKnown: boolean | undefined;
    if (knownIds && knownIds.length > 0) {
      const texts = params.add([...new Set(knownIds)]);
      const [row] = await this.executor.read(
        `CALL { RETURN all(t IN ${texts} WHERE EXISTS { MATCH (:Entity {id: t}) }) AS idsKnown }
         CALL (idsKnown) { WITH idsKnown WHERE idsKnown ${pageOf}
           WITH n, sortKey ORDER BY sortKey ${order}, n.id ${order} LIMIT ${params.add(limit + 1)}
           RETURN collect({ node: ${node}, sortKey: sortKey${aheadList ? `, ahead: ${aheadList}` : ""} }) AS rows }
         ${withTotal ? `CALL (idsKnown) { WITH idsKnown WHERE idsKnown ${match} RETURN count(n) AS total }` : ""}
         RETURN idsKnown, rows${withTotal ? ", total" : ""}`,
        params.values,
      );
      idsKnown = row!.idsKnown as boolean;
      rows = (row!.rows as ListedRow[] | null) ?? [];
      if (withTotal) total = row!.total as number;
    } else if (!withTotal) {
      rows = await this.executor.read<ListedRow>(
        `${pageOf}
         WITH n, sortKey ORDER BY sortKey ${order}, n.id ${order} LIMIT ${params.add(limit + 1)}
         RETURN ${node} AS node, sortKey${aheadList ? `, ${aheadList} AS ahead` : ""}`,
        params.values,
      );
    } else {
      // Two uncorrelated subqueries: each keeps its own plan (a count store lookup when
      // unfiltered, a top-k sort for the page), and the request saves a round trip.
      const [row] = await this.executor.read(
        `CALL { ${match} RETURN count(n) AS total }
         CALL { ${pageOf}
           WITH n, sortKey ORDER BY sortKey ${order}, n.id ${order} LIMIT ${params.add(limit + 1)}
           RETURN collect({ node: ${node}, sortKey: sortKey${aheadList ? `, ahead: ${aheadList}` : ""} }) AS rows }
         RETURN total, rows`,
        params.values,
      );
      rows = row!.rows as ListedRow[];
      total = row!.total as number;
    }
    const hasMore = rows.length > limit;
    const kept = rows.slice(0, limit);
    const found: Prefetched[] = [];
    for (const row of kept) prefetched(row.node.id, ahead, row.ahead, found);
    return {
      rows: (backward ? kept.reverse() : kept).map(({ node, sortKey }) => ({ node, sortKey })),
      hasMore,
      prefetched: found,
      ...(total === undefined ? {} : { total }),
      ...(idsKnown === undefined ? {} : { idsKnown }),
    };
  }

  async count(label: string, filter: FilterSpec | null | undefined): Promise<number> {
    const params = new Params();
    const [row] = await this.executor.read(
      `${compileMatch(label, filter, params)} RETURN count(n) AS total`,
      params.values,
    );
    return row!.total as number;
  }
}
