import { MENTIONS } from "../model/mentions";
import type { Executor } from "../db/executor";
import { aheadOf, prefetched } from "./ahead";
import {
  labelToken,
  mapProjection,
  relationshipIdRead,
  relationshipProperties,
  relationshipTypeToken,
} from "./cypher";
import {
  type ClaimRecord,
  type EntityRecord,
  type Prefetched,
  type ReadAhead,
  type RelationshipDirection,
  type RelationshipProjection,
  type RelationshipRecord,
  relationshipRecord,
} from "../model/records";

/** Relationships by the entity asked about, and what the reads ahead found below them. */
export interface RelationshipsFound {
  byId: Map<string, RelationshipRecord[]>;
  prefetched: Prefetched[];
}

/**
 * One row per entity asked about, its relationships collected in order (far node's name,
 * then relationship id): a row per relationship would cost Neo4j and the driver a record
 * each. Relationships leave out the type when one type was asked for, and the direction
 * when one direction was (the caller knows them). Each carries what the reads `ahead`
 * of its far node found.
 */
const relationshipReturn = (
  projection: RelationshipProjection,
  oneType: boolean,
  direction: RelationshipDirection | null,
  ahead: readonly ReadAhead[] = [],
) => `
  WITH id, n, r, m ORDER BY id, m.name, r.id
  RETURN id AS key, collect({ ${relationshipIdRead(projection.edge) ? "id: r.id," : ""}
         ${oneType ? "" : "type: type(r),"}
         ${direction ? "" : 'direction: CASE WHEN startNode(r) = n THEN "OUT" ELSE "IN" END,'}
         properties: ${relationshipProperties("r", projection.edge)},
         node: ${mapProjection("m", projection.node)}
         ${ahead.length ? `, ahead: ${aheadOf("m", ahead)}` : ""} }) AS relationships`;

/** Reads of entities, their relationships and claims: every statement batched by id. */
export class EntityRepository {
  constructor(private readonly executor: Executor) {}

  /**
   * Entities by id, in the order asked, null where an id is unknown; only `properties`
   * when given (they must include `id`); with the reads `ahead` of them made in the same
   * statement.
   */
  async byIds(
    ids: readonly string[],
    label = "Entity",
    properties?: readonly string[] | null,
    ahead: readonly ReadAhead[] = [],
  ): Promise<{ nodes: (EntityRecord | null)[]; prefetched: Prefetched[] }> {
    const rows = await this.executor.read(
      `UNWIND $ids AS id MATCH (n:${labelToken(label)} {id: id})
       RETURN ${mapProjection("n", properties)} AS node${ahead.length ? `, ${aheadOf("n", ahead)} AS ahead` : ""}`,
      { ids: [...new Set(ids)] },
    );
    const byId = new Map(rows.map((row) => [(row.node as EntityRecord).id, row.node as EntityRecord]));
    const found: Prefetched[] = [];
    for (const row of rows) prefetched((row.node as EntityRecord).id, ahead, row.ahead, found);
    return { nodes: ids.map((id) => byId.get(id) ?? null), prefetched: found };
  }

  /**
   * Relationships of one type and direction for many entities: one statement, returning
   * what `projection` names (everything by default), with the reads `ahead` of the far
   * nodes.
   */
  async relationships(
    ids: readonly string[],
    type: string,
    direction: RelationshipDirection,
    projection: RelationshipProjection = {},
    ahead: readonly ReadAhead[] = [],
  ): Promise<RelationshipsFound> {
    const token = relationshipTypeToken(type);
    const pattern = direction === "OUT" ? `(n)-[r:${token}]->(m:Entity)` : `(n)<-[r:${token}]-(m:Entity)`;
    const rows = await this.executor.read(
      `UNWIND $ids AS id MATCH (n:Entity {id: id}) MATCH ${pattern} ${relationshipReturn(projection, true, direction, ahead)}`,
      { ids: [...new Set(ids)] },
    );
    const found: Prefetched[] = [];
    if (ahead.length) {
      for (const row of rows) {
        for (const r of row.relationships as Record<string, unknown>[]) {
          prefetched((r.node as EntityRecord).id, ahead, r.ahead, found);
        }
      }
    }
    return { byId: groupRelationships(rows, token, direction), prefetched: found };
  }

  /** Relationships of any of `types` (all when null) in a direction (both when null). */
  async anyRelationships(
    ids: readonly string[],
    types: readonly string[] | null,
    direction: RelationshipDirection | null,
    projection: RelationshipProjection = {},
  ): Promise<Map<string, RelationshipRecord[]>> {
    const pattern =
      direction === "OUT"
        ? `(n)-[r:!${MENTIONS}]->(m:Entity)`
        : direction === "IN"
          ? `(n)<-[r:!${MENTIONS}]-(m:Entity)`
          : `(n)-[r:!${MENTIONS}]-(m:Entity)`;
    const rows = await this.executor.read(
      `UNWIND $ids AS id MATCH (n:Entity {id: id}) MATCH ${pattern}
       WHERE $types IS NULL OR type(r) IN $types ${relationshipReturn(projection, false, direction)}`,
      { ids: [...new Set(ids)], types: types === null ? null : [...types] },
    );
    return groupRelationships(rows, null, direction);
  }

  /** Claims about many entities: one statement. */
  async claims(ids: readonly string[]): Promise<Map<string, ClaimRecord[]>> {
    const rows = await this.executor.read(
      `UNWIND $ids AS id
       MATCH (c:Claim)-[:CLAIM_ABOUT]->(:Entity {id: id})
       RETURN id AS subjectId, c { .* } AS claim
       ORDER BY c.property, c.id`,
      { ids: [...new Set(ids)] },
    );
    const out = new Map<string, ClaimRecord[]>();
    for (const row of rows) {
      const claim = { ...(row.claim as ClaimRecord), subjectId: row.subjectId as string };
      const list = out.get(claim.subjectId) ?? [];
      list.push(claim);
      out.set(claim.subjectId, list);
    }
    return out;
  }
}

/** Relationships by the entity they start from; `type` and `direction`, when known, fill in what rows leave out. */
function groupRelationships(
  rows: Record<string, unknown>[],
  type: string | null,
  direction: RelationshipDirection | null,
): Map<string, RelationshipRecord[]> {
  const out = new Map<string, RelationshipRecord[]>();
  for (const row of rows) {
    const relationships = row.relationships as Record<string, unknown>[];
    out.set(
      row.key as string,
      relationships.map((r) => relationshipRecord(r, type, direction)),
    );
  }
  return out;
}
