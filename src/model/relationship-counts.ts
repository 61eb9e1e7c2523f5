import { KINDS } from "./kinds";
import { RELATIONSHIP_FIELDS, RELATIONSHIP_TYPES } from "./relationships";

/**
 * Relationship counts kept on every entity node, so that sorting a list by a count reads the
 * count from one indexed property instead of counting every candidate's relationships. One
 * property per relationship type (or all types) and direction, named from the relationship
 * table. Names start with "_": internal, the API never shows them.
 *
 * The counts with no type count every relationship of the node, claims' CLAIM_ABOUT included,
 * as `COUNT { (n)--() }` does. A relationship from a node to itself counts once in each of
 * OUT, IN and BOTH, as the patterns `(n)-->()`, `(n)<--()` and `(n)--()` match it.
 */

export type CountDirection = "OUT" | "IN" | "BOTH";
export const COUNT_DIRECTIONS: readonly CountDirection[] = ["OUT", "IN", "BOTH"];

export interface KeptCount {
  property: string;
  /** The relationship type counted; null for every type. */
  type: string | null;
  direction: CountDirection;
}

const DIRECTION_PART: Record<CountDirection, string> = { OUT: "Out", IN: "In", BOTH: "" };

/** The node property that keeps the number of `type` relationships (all when null) in `direction`. */
export function countProperty(type: string | null, direction: CountDirection): string {
  if (type !== null && !Object.prototype.hasOwnProperty.call(RELATIONSHIP_TYPES, type)) {
    throw new Error(`Unknown relationship type ${JSON.stringify(type)}`);
  }
  return `_rel${DIRECTION_PART[direction]}Count${type === null ? "" : `_${type}`}`;
}

/** Every kept count: all types, then each type of the relationship table, in each direction. */
export function keptCounts(): KeptCount[] {
  const types: (string | null)[] = [null, ...Object.keys(RELATIONSHIP_TYPES)];
  return types.flatMap((type) =>
    COUNT_DIRECTIONS.map((direction) => ({ property: countProperty(type, direction), type, direction })),
  );
}

const KEPT = /^_rel(Out|In)?Count(_[A-Z][A-Z0-9_]*)?$/;

/** Whether a node property is a kept count (and so never part of an entity's data). */
export const isCountProperty = (name: string): boolean => KEPT.test(name);

/**
 * The counts indexed for each kind's list: every kind's all-type counts, and, for each
 * relationship field of a kind, its type's count in the field's direction and in both. A
 * list sorted by another count still reads the kept property, over every node of the kind.
 */
export function indexedCounts(): { label: string; property: string }[] {
  const out = new Map<string, { label: string; property: string }>();
  const add = (label: string, property: string) => out.set(`${label}.${property}`, { label, property });
  for (const kind of KINDS) {
    for (const direction of COUNT_DIRECTIONS) add(kind, countProperty(null, direction));
    for (const field of RELATIONSHIP_FIELDS[kind] ?? []) {
      add(kind, countProperty(field.type, field.direction));
      add(kind, countProperty(field.type, "BOTH"));
    }
  }
  return [...out.values()];
}

/** The relationships at one node: the types of those leaving it, arriving at it, and looping. */
export interface NodeRelationships {
  out: readonly string[];
  in: readonly string[];
  /** Relationships from the node to itself (also in `out` and in `in`). */
  loops: readonly string[];
}

/** The kept counts of one node, from the types of its relationships. */
export function countsOf({ out, in: incoming, loops }: NodeRelationships): Record<string, number> {
  const counts = zeroCounts();
  const add = (type: string, direction: CountDirection, by: number) => {
    for (const property of [countProperty(null, direction), countPropertyOrNull(type, direction)]) {
      if (property !== null) counts[property] = counts[property]! + by;
    }
  };
  for (const type of out) {
    add(type, "OUT", 1);
    add(type, "BOTH", 1);
  }
  for (const type of incoming) {
    add(type, "IN", 1);
    add(type, "BOTH", 1);
  }
  // `(n)--()` matches a relationship from n to itself once.
  for (const type of loops) add(type, "BOTH", -1);
  return counts;
}

/** A type outside the table (a claim's CLAIM_ABOUT) counts among all types only. */
function countPropertyOrNull(type: string, direction: CountDirection): string | null {
  return Object.prototype.hasOwnProperty.call(RELATIONSHIP_TYPES, type)
    ? countProperty(type, direction)
    : null;
}

/**
 * The kept counts of each node, computed from a list of relationships (ids of their ends).
 * Nodes with no relationship are absent; their counts are all 0 (`zeroCounts`).
 */
export function countRelationships(
  relationships: readonly { from: string; to: string; type: string }[],
): Map<string, Record<string, number>> {
  const ends = new Map<string, { out: string[]; in: string[]; loops: string[] }>();
  const at = (id: string) => {
    let own = ends.get(id);
    if (!own) ends.set(id, (own = { out: [], in: [], loops: [] }));
    return own;
  };
  for (const { from, to, type } of relationships) {
    at(from).out.push(type);
    at(to).in.push(type);
    if (from === to) at(from).loops.push(type);
  }
  return new Map([...ends].map(([id, rels]) => [id, countsOf(rels)]));
}

/** Every kept count at 0: a node with no relationships. */
export function zeroCounts(): Record<string, number> {
  return Object.fromEntries(keptCounts().map(({ property }) => [property, 0]));
}
