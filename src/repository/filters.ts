import { firstDay, lastDay } from "../model/dates";
import { labelToken, relationshipTypeToken } from "./cypher";

/** A filter over entities, as plain data (the GraphQL inputs are shaped like this). */
export interface FilterSpec {
  AND?: FilterSpec[] | null;
  OR?: FilterSpec[] | null;
  NOT?: FilterSpec | null;
  ids?: string[] | null;
  /** Case-insensitive substring of the name. */
  name?: string | null;
  /** Case-insensitive substring of the name or of any alias. */
  nameOrAlias?: string | null;
  /** The entity's `type` (body type, meeting type …) is one of these. */
  types?: string[] | null;
  year?: number | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  /** Its dates may fall in this range (partial dates, both ends included). */
  date?: { from?: string | null; to?: string | null } | null;
  /** Each must hold: the entity has such a relationship. */
  related?: RelatedSpec[] | null;
  /** Each must hold: the entity has no such relationship. */
  notRelated?: RelatedSpec[] | null;
}

export interface RelatedSpec {
  type: string;
  direction?: "OUT" | "IN" | "BOTH" | null;
  /** The entity at the other end has this id … */
  id?: string | null;
  /** … or is of this kind … */
  kind?: string | null;
  /** … and/or has this `type` (e.g. working-group). */
  nodeType?: string | null;
  /** The relationship has this role. */
  role?: string | null;
}

/** Collects parameters while a WHERE clause is built, so no value enters the text. */
export class Params {
  readonly values: Record<string, unknown> = {};
  private next = 0;
  add(value: unknown): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `$${name}`;
  }
  /** A variable name no other part of the statement uses. */
  variable(prefix: string): string {
    return `${prefix}_${this.next++}`;
  }
}

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** Compiles a filter on the node variable `n` into a Cypher predicate ("true" when empty). */
export function compileFilter(filter: FilterSpec | null | undefined, params: Params, node = "n"): string {
  if (!filter) return "true";
  const parts: string[] = [];
  if (present(filter.ids)) parts.push(`${node}.id IN ${params.add(filter.ids)}`);
  if (present(filter.name))
    parts.push(`toLower(${node}.name) CONTAINS ${params.add(filter.name.toLowerCase())}`);
  if (present(filter.nameOrAlias)) {
    const p = params.add(filter.nameOrAlias.toLowerCase());
    parts.push(
      `(toLower(${node}.name) CONTAINS ${p} OR any(a IN coalesce(${node}.aliases, []) WHERE toLower(a) CONTAINS ${p}))`,
    );
  }
  if (present(filter.types)) parts.push(`${node}.type IN ${params.add(filter.types)}`);
  if (present(filter.year)) parts.push(`${node}.year = ${params.add(filter.year)}`);
  if (present(filter.yearFrom)) parts.push(`${node}.year >= ${params.add(filter.yearFrom)}`);
  if (present(filter.yearTo)) parts.push(`${node}.year <= ${params.add(filter.yearTo)}`);
  if (present(filter.date)) {
    // A partial date stands for each day it may be: the ranges overlap.
    const { from, to } = filter.date;
    if (present(from)) parts.push(`${node}.dateLastDay >= ${params.add(firstDay(from))}`);
    if (present(to)) parts.push(`${node}.dateFirstDay <= ${params.add(lastDay(to))}`);
    if (!present(from) && !present(to)) parts.push(`${node}.dateFirstDay IS NOT NULL`);
  }
  for (const related of filter.related ?? []) parts.push(compileRelated(related, params, node));
  for (const related of filter.notRelated ?? []) parts.push(`NOT ${compileRelated(related, params, node)}`);
  if (present(filter.AND) && filter.AND.length > 0) {
    parts.push(`(${filter.AND.map((f) => compileFilter(f, params, node)).join(" AND ")})`);
  }
  if (present(filter.OR)) {
    parts.push(
      filter.OR.length === 0
        ? "false"
        : `(${filter.OR.map((f) => compileFilter(f, params, node)).join(" OR ")})`,
    );
  }
  if (present(filter.NOT)) parts.push(`NOT (${compileFilter(filter.NOT, params, node)})`);
  return parts.length === 0 ? "true" : parts.join(" AND ");
}

/**
 * The `MATCH … WHERE …` that binds `n` to the entities labelled `label` that pass `filter`.
 *
 * When the filter's top level requires a relationship to one entity named by id, the match
 * starts at that entity (a seek on the unique id) and follows its relationships, instead of
 * testing every node of the label for the relationship; the rest of the filter applies to
 * the nodes found. The set of nodes is the same either way; the work no longer grows with
 * the number of nodes of the label.
 */
export function compileMatch(label: string, filter: FilterSpec | null | undefined, params: Params): string {
  const labelled = `n:${labelToken(label)}`;
  const anchor = filter?.related?.find((spec) => present(spec.id));
  if (!filter || !anchor) return `MATCH (${labelled}) WHERE ${compileFilter(filter, params)}`;
  const rest: FilterSpec = { ...filter, related: filter.related!.filter((spec) => spec !== anchor) };
  // The far node carries :Entity as well as its kind, so the id seek uses the unique constraint.
  const { pattern, conditions } = relatedPattern(anchor, params, labelled, ":Entity");
  return `MATCH ${pattern}${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}
       WITH DISTINCT n WHERE ${compileFilter(rest, params)}`;
}

function relatedPattern(
  spec: RelatedSpec,
  params: Params,
  node: string,
  baseLabel: "" | ":Entity",
): { pattern: string; conditions: string[] } {
  const type = relationshipTypeToken(spec.type);
  const other = params.variable("other");
  const rel = params.variable("rel");
  const direction = spec.direction ?? "BOTH";
  const label = spec.kind ? `${baseLabel}:${labelToken(spec.kind)}` : ":Entity";
  const pattern =
    direction === "OUT"
      ? `(${node})-[${rel}:${type}]->(${other}${label})`
      : direction === "IN"
        ? `(${node})<-[${rel}:${type}]-(${other}${label})`
        : `(${node})-[${rel}:${type}]-(${other}${label})`;
  const conditions: string[] = [];
  if (present(spec.id)) conditions.push(`${other}.id = ${params.add(spec.id)}`);
  if (present(spec.nodeType)) conditions.push(`${other}.type = ${params.add(spec.nodeType)}`);
  if (present(spec.role)) conditions.push(`${rel}.role = ${params.add(spec.role)}`);
  return { pattern, conditions };
}

function compileRelated(spec: RelatedSpec, params: Params, node: string): string {
  const { pattern, conditions } = relatedPattern(spec, params, node, "");
  return `EXISTS { MATCH ${pattern}${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""} }`;
}
