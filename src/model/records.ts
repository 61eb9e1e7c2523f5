import { publicProperties } from "./properties";

/** Plain records the repository returns; the GraphQL layer shapes them further. */

export interface EntityRecord {
  id: string;
  kind: string;
  name: string;
  description: string | null;
  sources: string[];
  /** JSON of the aliases with their provenance: [{ name, inferred, sources }]. */
  aliasData: string | null;
  [property: string]: unknown;
}

export type RelationshipDirection = "OUT" | "IN";

/**
 * What a relationship read returns: the far node's properties and the relationship's
 * own (id, type and direction always come); null or absent means all of them.
 */
export interface RelationshipProjection {
  node?: readonly string[] | null;
  edge?: readonly string[] | null;
}

/** One relationship read from an entity: a type, a direction, and what to return. */
export interface RelationshipRead {
  type: string;
  direction: RelationshipDirection;
  projection: RelationshipProjection;
}

/**
 * A relationship read made in the statement of the level above it (look-ahead), for the
 * far nodes that have one of `labels`, and the reads ahead of its own far nodes.
 */
export interface ReadAhead extends RelationshipRead {
  labels: readonly string[];
  next: readonly ReadAhead[];
}

/** What a read ahead found for one entity: what the loader for `read` would return for `id`. */
export interface Prefetched {
  read: RelationshipRead;
  id: string;
  records: RelationshipRecord[];
}

export interface RelationshipRecord {
  /** The relationship's id; empty when the read did not ask for it (see `relationshipIdRead`). */
  id: string;
  type: string;
  /** OUT when the entity asked about is the relationship's start node. */
  direction: RelationshipDirection;
  /** Every property except id and sources. */
  properties: Record<string, unknown>;
  sources: string[];
  node: EntityRecord;
}

/**
 * A relationship as a read returns it (`type` and `direction` when the read did not fix
 * them; `properties` as `properties(r)` or a projection of it).
 */
export function relationshipRecord(
  row: Record<string, unknown>,
  type: string | null,
  direction: RelationshipDirection | null,
): RelationshipRecord {
  return {
    id: (row.id as string | undefined) ?? "",
    type: type ?? (row.type as string),
    direction: direction ?? (row.direction as RelationshipDirection),
    ...publicProperties(row.properties as Record<string, unknown>),
    node: row.node as EntityRecord,
  };
}

export interface ClaimRecord {
  id: string;
  subjectId: string;
  property: string;
  value: string | number | boolean;
  qualifier: string | null;
  unit: string | null;
  note: string | null;
  sources: string[];
}

/** An entity as named in a message: enough to tell candidates apart. */
export interface EntityRef {
  id: string;
  kind: string;
  name: string;
}

/**
 * What a text given where an entity is named matches: the entity with that id, if any, and
 * the entities with that name or alias (up to case, accents and punctuation, see nameKey).
 */
export interface ReferenceMatch {
  byId: EntityRef | null;
  byName: EntityRef[];
}
