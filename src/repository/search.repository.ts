import { FULLTEXT_INDEX } from "../db/constraints";
import type { Executor } from "../db/executor";
import { SEARCH_CANDIDATES_PER_WORD } from "../limits/sizes";
import { nameKey } from "../model/names";
import type { EntityRecord, ReferenceMatch } from "../model/records";
import { searchTerms } from "./names";

export interface SearchRow {
  node: EntityRecord;
  score: number;
}

/**
 * How a search ranks what it finds (the README's "Search and ranking" says the same). With n
 * the distinct words of the query and `found` those of them in some name or alias of an
 * entity (exactly, as the beginning of a word, or misspelt within the allowed edits):
 *
 *   score = (found + quality) / (n + 1) + phrase
 *
 * `quality` is below 1, so an entity with more words found always ranks above one with
 * fewer, and among equals it prefers exact words and names the query accounts for:
 *   quality = EXACTNESS_WEIGHT × the mean credit of the found words (WORD_CREDIT)
 *           + FIT_WEIGHT × fit, the largest share of one name's words the query accounts for
 *             (words it spells or begins, plus words found only misspelt), at most 1.
 * `phrase` is EXACT_NAME_BOOST when the whole text is a name or alias (up to case, accents,
 * punctuation and a leading "the"), else PHRASE_BOOST when its words appear together, in
 * order, in a name or alias. Scores are rounded to six decimals; equal scores are ordered by
 * name, then id.
 */
export const WORD_CREDIT = { exact: 1, prefix: 0.5, misspelt: 0.25 } as const;
export const EXACTNESS_WEIGHT = 0.6;
export const FIT_WEIGHT = 0.35;
export const PHRASE_BOOST = 0.5;
export const EXACT_NAME_BOOST = 1;

/**
 * The score above which `entity(name:)` (and `state(name:)` …) takes the best hit; below it
 * the answer is null. At 0.6 the best hit must hold more than about three in five of the
 * query's words: two exact words of three do, one of two only when it is exact and makes up
 * most of a name ("Indonesia Xyz"), one of three never, so a query that shares one common word
 * ("Islands", "Group") with many names and nothing else does not pick one of them. A one-word
 * query passes with any hit, exact, prefix or misspelt.
 */
export const ENTITY_NAME_MIN_SCORE = 0.6;

/** Name and alias look-ups: every word fuzzily through the full-text index, ranked in Cypher. */
export class SearchRepository {
  constructor(private readonly executor: Executor) {}

  async search(text: string, kinds: readonly string[] | null, limit: number): Promise<SearchRow[]> {
    const terms = searchTerms(text);
    if (terms.length === 0) return [];
    // One full-text query per word (SEARCH_MAX_TERMS at most, each paid for in the cost
    // estimate), each with at most SEARCH_CANDIDATES_PER_WORD hits; which words an entity
    // holds, and how, is then read from its stored name keys.
    return this.executor.read<SearchRow>(
      `UNWIND $terms AS term
       CALL db.index.fulltext.queryNodes($index, term.query, {limit: $perWord}) YIELD node
       WITH node, term.key AS word
       WHERE $kinds IS NULL OR node.kind IN $kinds
       WITH node, collect(DISTINCT word) AS found
       WITH node, found, [k IN coalesce(node.searchKeys, []) | split(k, " ")] AS names
       WITH node, found, names,
            [w IN found WHERE none(n IN names WHERE any(t IN n WHERE t STARTS WITH w))] AS misspelt
       WITH node, found, misspelt,
            reduce(s = 0.0, w IN found | s + CASE
              WHEN w IN misspelt THEN $credit.misspelt
              WHEN any(n IN names WHERE w IN n) THEN $credit.exact
              ELSE $credit.prefix END) / size(found) AS exactness,
            reduce(best = 0.0, share IN [n IN names |
              toFloat(size([t IN n WHERE any(w IN found WHERE t STARTS WITH w)]) + size(misspelt)) / size(n)] |
              CASE WHEN share > best THEN share ELSE best END) AS fit
       WITH node, found, exactness, CASE WHEN fit > 1.0 THEN 1.0 ELSE fit END AS fit,
            CASE
              WHEN $key IN node.searchKeys THEN $exactNameBoost
              WHEN size($terms) > 1 AND any(k IN node.searchKeys WHERE " " + k + " " CONTAINS " " + $key + " ")
                THEN $phraseBoost
              ELSE 0.0 END AS phrase
       WITH node, round((size(found) + $exactnessWeight * exactness + $fitWeight * fit) / (size($terms) + 1)
                        + phrase, 6) AS score
       RETURN node { .* } AS node, score
       ORDER BY score DESC, node.name, node.id
       LIMIT $limit`,
      {
        index: FULLTEXT_INDEX,
        terms,
        perWord: SEARCH_CANDIDATES_PER_WORD,
        kinds,
        key: nameKey(text),
        credit: WORD_CREDIT,
        exactnessWeight: EXACTNESS_WEIGHT,
        fitWeight: FIT_WEIGHT,
        phraseBoost: PHRASE_BOOST,
        exactNameBoost: EXACT_NAME_BOOST,
        limit,
      },
    );
  }

  /**
   * The best hit for a name, when it scores above ENTITY_NAME_MIN_SCORE (an exact name or
   * alias always does); else null.
   */
  async byName(name: string, kinds: readonly string[] | null): Promise<EntityRecord | null> {
    const [hit] = await this.search(name, kinds, 1);
    return hit && hit.score > ENTITY_NAME_MIN_SCORE ? hit.node : null;
  }

  /**
   * What each text matches as an entity's id and as a name or alias key, in one statement
   * for all of them: one id seek per text, and one scan of the entities' name keys only for
   * the texts that are no entity's id (an exact id wins, so its names are not needed).
   */
  async references(texts: readonly string[]): Promise<Map<string, ReferenceMatch>> {
    const refs = [...new Set(texts)].map((text) => ({ text, key: nameKey(text) }));
    const rows = await this.executor.read<{
      text: string;
      byId: ReferenceMatch["byId"];
      byName: ReferenceMatch["byName"];
    }>(
      `UNWIND $refs AS ref
       OPTIONAL MATCH (byId:Entity {id: ref.text})
       WITH collect({ ref: ref, byId: byId { .id, .kind, .name } }) AS seeks
       WITH seeks, [s IN seeks WHERE s.byId IS NULL AND s.ref.key <> "" | s.ref.key] AS keys
       CALL (keys) {
         UNWIND CASE WHEN size(keys) = 0 THEN [] ELSE [true] END AS needed
         MATCH (n:Entity) WHERE any(k IN n.searchKeys WHERE k IN keys)
         WITH n ORDER BY n.id
         RETURN collect(n { .id, .kind, .name, .searchKeys }) AS named }
       UNWIND seeks AS s
       RETURN s.ref.text AS text, s.byId AS byId,
              CASE WHEN s.byId IS NULL THEN [n IN named WHERE s.ref.key IN n.searchKeys | n { .id, .kind, .name }] ELSE [] END AS byName`,
      { refs },
    );
    return new Map(rows.map((row) => [row.text, { byId: row.byId, byName: row.byName }]));
  }
}
