import type { Executor } from "../db/executor";
import { labelToken, mapProjection, relationshipTypeToken } from "./cypher";
import { type FilterSpec, Params, compileFilter } from "./filters";
import type { CursorKey } from "./pagination";
import type { EntityRecord } from "./records";

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
    case "RELATIONSHIP_COUNT": {
      const type = sort.relationshipType ? `:${relationshipTypeToken(sort.relationshipType)}` : "";
      const direction = sort.relationshipDirection ?? "BOTH";
      const pattern =
        direction === "OUT"
          ? `(n)-[${type}]->()`
          : direction === "IN"
            ? `(n)<-[${type}]-()`
            : `(n)-[${type}]-()`;
      return `COUNT { ${pattern} }`;
    }
    default: {
      const unreachable: never = sort.field;
      throw new Error(`Unknown sort field ${String(unreachable)}`);
    }
  }
}

/** Paged, filtered, sorted lists of one kind of entity with keyset (cursor) pagination. */
export class ListRepository {
  constructor(private readonly executor: Executor) {}

  async list(
    label: string,
    filter: FilterSpec | null | undefined,
    sort: SortSpec,
    page: PageSpec,
    /** The nodes' properties to return (all when omitted). */
    properties?: readonly string[] | null,
  ): Promise<ListResult> {
    const params = new Params();
    const where = compileFilter(filter, params);
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
      return `(sortKey ${op} ${k} OR (sortKey = ${k} AND n.id ${op} ${id}))`;
    };
    if (page.after) bounds.push(beyond(page.after, true));
    if (page.before) bounds.push(beyond(page.before, false));
    const limit = (backward ? page.last : page.first) ?? 20;
    const order = ascending ? "ASC" : "DESC";
    const rows = await this.executor.read(
      `MATCH (n:${labelToken(label)}) WHERE ${where}
       WITH n, ${key} AS sortKey
       ${bounds.length ? `WHERE ${bounds.join(" AND ")}` : ""}
       RETURN ${mapProjection("n", properties)} AS node, sortKey
       ORDER BY sortKey ${order}, n.id ${order}
       LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const hasMore = rows.length > limit;
    const kept = rows.slice(0, limit) as unknown as ListedRow[];
    return { rows: backward ? kept.reverse() : kept, hasMore };
  }

  async count(label: string, filter: FilterSpec | null | undefined): Promise<number> {
    const params = new Params();
    const where = compileFilter(filter, params);
    const [row] = await this.executor.read(
      `MATCH (n:${labelToken(label)}) WHERE ${where} RETURN count(n) AS total`,
      params.values,
    );
    return row!.total as number;
  }
}
