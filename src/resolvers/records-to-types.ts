import type { ClaimRecord, RelationshipRecord } from "../model/records";
import type { Alias } from "../types/alias.type";
import { type Citation, parseCitation } from "../types/citation.type";
import type { Claim } from "../types/claim.type";
import type { EdgeRow } from "../types/edge.type";
import type { Direction } from "../types/enums";

export const toCitations = (sources: readonly string[] | null | undefined): Citation[] =>
  (sources ?? []).map(parseCitation);

export function toAliases(aliasData: string | null): Alias[] {
  if (!aliasData) return [];
  const parsed = JSON.parse(aliasData) as { name: string; inferred?: boolean; sources?: string[] }[];
  return parsed.map((a) => ({
    name: a.name,
    inferred: a.inferred === true,
    sources: toCitations(a.sources),
  }));
}

export function toClaim(record: ClaimRecord): Claim {
  return {
    id: record.id,
    subjectId: record.subjectId,
    property: record.property,
    value: String(record.value),
    qualifier: record.qualifier ?? null,
    unit: record.unit ?? null,
    note: record.note ?? null,
    sources: toCitations(record.sources),
  };
}

const text = (value: unknown): string | null =>
  value === undefined || value === null ? null : String(value);

export function toEdge(record: RelationshipRecord): EdgeRow {
  const p = record.properties;
  return {
    id: record.id,
    type: record.type,
    direction: record.direction as Direction,
    role: text(p.role),
    since: text(p.since),
    until: text(p.until),
    action: text(p.action),
    frequency: text(p.frequency),
    year: typeof p.year === "number" ? p.year : null,
    properties: p,
    sources: toCitations(record.sources),
    node: record.node,
  };
}
