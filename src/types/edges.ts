import { type KindRow, kindRow } from "../model/kinds";
import { type FarEnd, UNIONS } from "../model/relationships";
import { createEdgeType } from "./edge.type";
import { Entity } from "./entity.interface";
import { objectType } from "./object-types";
import { UNION_TYPES } from "./unions";

type EdgeType = ReturnType<typeof createEdgeType>;
const made = new Map<string, EdgeType>();

/**
 * The edge type of a relationship field whose far end is `far` (an entity kind, a union,
 * or any entity): `BodyEdge.node` is a `Body`. Made once per far end, when a field is
 * declared (before the schema is built), so the schema holds only edge types some field returns.
 */
export function edgeType(far: FarEnd | string): EdgeType {
  let type = made.get(far);
  if (!type) {
    type = createEdgeType(`${far}Edge`, nodeTypeOf(far), articleOf(far));
    made.set(far, type);
  }
  return type;
}

function nodeTypeOf(far: string) {
  if (far === "Entity") return () => Entity;
  const union = UNION_TYPES[far];
  return union ? () => union : () => objectType(far);
}

function articleOf(far: string): string {
  if (far === "Entity") return "any entity";
  const union = (UNIONS as Record<string, { article: string }>)[far];
  if (union) return union.article;
  const row: KindRow | undefined = kindRow(far);
  if (!row) throw new Error(`No kind or union ${far} for an edge type`);
  return row.article;
}
