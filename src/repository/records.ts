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

export interface RelationshipRecord {
  id: string;
  type: string;
  /** OUT when the entity asked about is the relationship's start node. */
  direction: RelationshipDirection;
  /** Every property except id and sources. */
  properties: Record<string, unknown>;
  sources: string[];
  node: EntityRecord;
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

/** Relationship properties as the API shows them: without id, sources and internal ("_") keys. */
export function publicProperties(all: Record<string, unknown>): {
  properties: Record<string, unknown>;
  sources: string[];
} {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (key !== "id" && key !== "sources" && !key.startsWith("_")) properties[key] = value;
  }
  return { properties, sources: (all.sources as string[] | null | undefined) ?? [] };
}
