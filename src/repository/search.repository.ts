import { FULLTEXT_INDEX } from "../db/constraints";
import type { Executor } from "../db/executor";
import { nameKey } from "../model/names";
import { fuzzyQuery } from "./names";
import type { EntityRecord, ReferenceMatch } from "../model/records";

export interface SearchRow {
  node: EntityRecord;
  score: number;
}

/** Name and alias look-ups: exact keys first, then the full-text index, fuzzily. */
export class SearchRepository {
  constructor(private readonly executor: Executor) {}

  async search(text: string, kinds: readonly string[] | null, limit: number): Promise<SearchRow[]> {
    const query = fuzzyQuery(text);
    if (query === null) return [];
    return this.executor.read<SearchRow>(
      `CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node, score
       WHERE $kinds IS NULL OR node.kind IN $kinds
       RETURN node { .* } AS node, score + CASE WHEN $key IN node.searchKeys THEN 100.0 ELSE 0.0 END AS score
       ORDER BY score DESC, node.id
       LIMIT $limit`,
      { index: FULLTEXT_INDEX, query, candidates: limit * 5 + 20, kinds, key: nameKey(text), limit },
    );
  }

  /** The entity whose name or alias is this name (exactly, up to case and accents), else the best fuzzy hit. */
  async byName(name: string, kinds: readonly string[] | null): Promise<EntityRecord | null> {
    const [hit] = await this.search(name, kinds, 1);
    return hit?.node ?? null;
  }

  /**
   * What each text matches as an entity's id and as a name or alias key, in one statement
   * for all of them: one scan of the entities' name keys, one id seek per text.
   */
  async references(texts: readonly string[]): Promise<Map<string, ReferenceMatch>> {
    const refs = [...new Set(texts)].map((text) => ({ text, key: nameKey(text) }));
    const rows = await this.executor.read<{
      text: string;
      byId: ReferenceMatch["byId"];
      byName: ReferenceMatch["byName"];
    }>(
      `CALL () {
         MATCH (n:Entity) WHERE any(k IN n.searchKeys WHERE k IN $keys)
         WITH n ORDER BY n.id
         RETURN collect(n { .id, .kind, .name, .searchKeys }) AS named }
       UNWIND $refs AS ref
       OPTIONAL MATCH (byId:Entity {id: ref.text})
       RETURN ref.text AS text, byId { .id, .kind, .name } AS byId,
              [n IN named WHERE ref.key IN n.searchKeys | n { .id, .kind, .name }] AS byName`,
      { refs, keys: [...new Set(refs.map((r) => r.key).filter((k) => k !== ""))] },
    );
    return new Map(rows.map((row) => [row.text, { byId: row.byId, byName: row.byName }]));
  }
}
