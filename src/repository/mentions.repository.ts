import type { Executor } from "../db/executor";
import { MENTIONS, MentionDictionary, type MentionReport, findMentions, nodeNames } from "../model/mentions";
import type { PageSpec } from "./list.repository";

/** A source document naming an entity, on these lines. */
export interface MentionRecord {
  source: string;
  entity: string;
  lines: number[];
  /** The key the page is ordered by: the source id, or the first line. */
  sortKey: string | number;
  /** The id of the other end, after the key: the cursor's second part. */
  cursorId: string;
}

export interface MentionPage {
  rows: MentionRecord[];
  /** More rows exist beyond the page in the direction of travel. */
  hasMore: boolean;
  /** Mentions over all pages. */
  total: number;
}

/** Two entities of a graph named by the same documents: how many documents, and lines. */
export interface CoMentionRecord {
  a: string;
  b: string;
  documents: number;
  lines: number;
}

interface Side {
  /** The node the page belongs to. */
  anchor: "s:Source" | "e:Entity";
  key: string;
  id: string;
}

// An entity's documents by source id; a document's entities in the order it first names them.
const BY_DOCUMENT: Side = { anchor: "e:Entity", key: "s.id", id: "s.id" };
const BY_FIRST_LINE: Side = { anchor: "s:Source", key: "m.lines[0]", id: "e.id" };

/** The names of every entity but the sources: what a document's text is searched for. */
export const DICTIONARY_CYPHER =
  "MATCH (e:Entity) WHERE NOT e:Source RETURN e.id AS id, e.name AS name, e.acronym AS acronym, e.aliases AS aliases";

export interface NamesRow {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string[] | null;
}

export const dictionaryOf = (rows: readonly NamesRow[]) =>
  new MentionDictionary(rows.map((row) => ({ id: row.id, names: nodeNames(row) })));

/** Where documents name entities (MENTIONS, found in their text): pages of them, per node. */
export class MentionRepository {
  constructor(private readonly executor: Executor) {}

  /** What a text names among the graph's entities now, as `addSource` finds it; nothing is written. */
  async find(lines: readonly string[]): Promise<MentionReport> {
    return findMentions(lines, dictionaryOf(await this.executor.read<NamesRow>(DICTIONARY_CYPHER)));
  }

  /** For each entity id, a page of the documents that mention it, by source id. */
  mentionedIn(ids: readonly string[], page: PageSpec): Promise<Map<string, MentionPage>> {
    return this.pages(ids, page, BY_DOCUMENT);
  }

  /** For each source id, a page of the entities it mentions, in the order it first names them. */
  mentionsOf(sourceIds: readonly string[], page: PageSpec): Promise<Map<string, MentionPage>> {
    return this.pages(sourceIds, page, BY_FIRST_LINE);
  }

  private async pages(ids: readonly string[], page: PageSpec, side: Side): Promise<Map<string, MentionPage>> {
    const backward = page.last !== null && page.last !== undefined;
    const size = (backward ? page.last : page.first) ?? 0;
    const from = backward ? page.before : page.after;
    const [ahead, behind] = backward ? ["<", "DESC"] : [">", "ASC"];
    const rows = await this.executor.read<{ id: string; rows: MentionRecord[]; total: number }>(
      `UNWIND $ids AS id
       MATCH (${side.anchor} {id: id})
       CALL (${side.anchor.slice(0, 1)}) {
         MATCH (s:Source)-[m:${MENTIONS}]->(e:Entity)
         WITH s, m, e, ${side.key} AS key, ${side.id} AS cursorId
         WHERE $from IS NULL OR key ${ahead} $from.key OR (key = $from.key AND cursorId ${ahead} $from.id)
         ORDER BY key ${behind}, cursorId ${behind}
         LIMIT $limit
         RETURN collect({ source: s.id, entity: e.id, lines: m.lines, sortKey: key, cursorId: cursorId }) AS rows
       }
       RETURN id, rows, COUNT { (${side.anchor.slice(0, 1)})${side.anchor === "e:Entity" ? "<-" : "-"}[:${MENTIONS}]${side.anchor === "e:Entity" ? "-" : "->"}() } AS total`,
      { ids: [...new Set(ids)], from: from ?? null, limit: size + 1 },
    );
    return new Map(
      rows.map((row) => {
        const hasMore = row.rows.length > size;
        const kept = row.rows.slice(0, size);
        return [row.id, { rows: backward ? kept.reverse() : kept, hasMore, total: row.total }];
      }),
    );
  }

  /**
   * The pairs of `ids` that a document names both of, with how many documents do and on how
   * many lines both are named: links for drawing, not facts.
   */
  async coMentions(ids: readonly string[]): Promise<CoMentionRecord[]> {
    if (ids.length < 2) return [];
    return this.executor.read<CoMentionRecord>(
      `MATCH (a:Entity)<-[m1:${MENTIONS}]-(s:Source)-[m2:${MENTIONS}]->(b:Entity)
       WHERE a.id IN $ids AND b.id IN $ids AND a.id < b.id
       WITH a.id AS a, b.id AS b, count(s) AS documents,
            sum(size([line IN m1.lines WHERE line IN m2.lines])) AS lines
       RETURN a, b, documents, lines ORDER BY a, b`,
      { ids: [...new Set(ids)] },
    );
  }
}
