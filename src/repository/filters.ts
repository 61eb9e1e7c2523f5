import { firstDay, lastDay } from "../model/dates";
import { countProperty } from "../model/relationship-counts";
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
  date?: DateRangeSpec | null;
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
  /** … and passes this filter (a filter of its own, compiled on the far node). */
  where?: FilterSpec | null;
  /** The relationship has this role. */
  role?: string | null;
  /** The relationship has this `action` (adopted, endorsed, issued …). */
  action?: string | null;
  /** The relationship's `since`, `until` or `year`, a partial date, overlaps this range. */
  since?: DateRangeSpec | null;
  until?: DateRangeSpec | null;
  year?: DateRangeSpec | null;
  /** One of the relationship's citations is of this source document ("003"). */
  source?: string | null;
  /**
   * SOME (the default): at least one such relationship matches; NONE: none does; ALL: there
   * is at least one relationship of the type and direction, and every one matches.
   */
  quantifier?: Quantifier | null;
  /** How many distinct entities at the other end match (with SOME only). */
  count?: CountSpec | null;
}

export type Quantifier = "SOME" | "NONE" | "ALL";

/** Partial dates ("2018", "2018-08", "2018-08-06"), both ends included; either may be left open. */
export interface DateRangeSpec {
  from?: string | null;
  to?: string | null;
}

export interface CountSpec {
  min?: number | null;
  max?: number | null;
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
  for (const related of filter.notRelated ?? []) parts.push(compileNotRelated(related, params, node));
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
 * When the filter's top level requires a relationship to one entity named by id (`id`, or
 * `where: { ids }`), the match starts at that entity (a seek on the unique id) and follows
 * its relationships, instead of testing every node of the label for the relationship; the
 * rest of the filter applies to the nodes found. When only a nested condition names one (`{
 * type: CO_CHAIRS, where: { related: [{ type: OPERATES_UNDER, id: … }] } }`), the match
 * follows the chain of relationships from it. The set of nodes is the same either way; the
 * work no longer grows with the number of nodes of the label.
 */
export function compileMatch(label: string, filter: FilterSpec | null | undefined, params: Params): string {
  const labelled = `n:${labelToken(label)}`;
  const anchor = filter?.related?.find(namesOne) ?? filter?.related?.find(leadsToOne);
  if (!filter || !anchor) return `MATCH (${labelled}) WHERE ${compileFilter(filter, params)}`;
  const rest: FilterSpec = { ...filter, related: filter.related!.filter((spec) => spec !== anchor) };
  // The far node carries :Entity as well as its kind, so the id seek uses the unique constraint.
  const { patterns, conditions, named } = anchorChain(anchor, params, labelled);
  // One MATCH per hop, as the nested subqueries would: a relationship may be met twice. The
  // hint keeps the plan starting with a seek of the named entity whatever the statistics say
  // (a plain USING INDEX is met by a scan of the whole id index as well, which the planner
  // sometimes chose).
  return `${patterns.map((pattern) => `MATCH ${pattern}`).join(" ")} USING INDEX SEEK ${named}:Entity(id)${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}
       WITH DISTINCT n WHERE ${compileFilter(rest, params)}`;
}

/** The entity has no relationship that meets `spec`. */
function compileNotRelated(spec: RelatedSpec, params: Params, node: string): string {
  if (onlyTypeAndDirection(spec)) return keptCountTest(spec, node, spec.quantifier !== "NONE");
  return `NOT ${compileRelated(spec, params, node)}`;
}

/**
 * Whether `node` has a relationship of the spec's type and direction at all (`none`: has
 * none), from its kept count (indexed on the kinds whose fields follow the type), not by
 * following its relationships. A node written before counts were kept has none until
 * start-up counts it (before the first request): no count reads as none.
 */
function keptCountTest(spec: RelatedSpec, node: string, none: boolean): string {
  const count = `${node}.\`${countProperty(spec.type, spec.direction ?? "BOTH")}\``;
  return none ? `coalesce(${count}, 0) = 0` : `${count} > 0`;
}

/** A condition on a relationship type and direction and nothing else (a quantifier aside). */
function onlyTypeAndDirection(spec: RelatedSpec): boolean {
  return Object.entries(spec).every(
    ([key, value]) => key === "type" || key === "direction" || key === "quantifier" || !present(value),
  );
}

/** A condition that holds when some relationship leads to an entity it names by id. */
function namesOne(spec: RelatedSpec): boolean {
  if ((spec.quantifier ?? "SOME") !== "SOME" || present(spec.count)) return false;
  return present(spec.id) || (present(spec.where?.ids) && spec.where.ids.length > 0);
}

/** … or to an entity that has such a condition of its own, and so on. */
function leadsToOne(spec: RelatedSpec): boolean {
  if ((spec.quantifier ?? "SOME") !== "SOME" || present(spec.count)) return false;
  return namesOne(spec) || (spec.where?.related ?? []).some(leadsToOne);
}

/** The hops from `node` to the entity named by id, with the conditions met along the way. */
function anchorChain(
  spec: RelatedSpec,
  params: Params,
  node: string,
): { patterns: string[]; conditions: string[]; named: string } {
  if (namesOne(spec)) {
    const { pattern, conditions, other } = relatedPattern(spec, params, node, ":Entity");
    return { patterns: [pattern], conditions, named: other };
  }
  const related = spec.where!.related!;
  const inner = related.find(namesOne) ?? related.find(leadsToOne)!;
  const outer = relatedPattern(
    { ...spec, where: { ...spec.where, related: related.filter((s) => s !== inner) } },
    params,
    node,
    ":Entity",
  );
  const chain = anchorChain(inner, params, outer.other);
  return {
    patterns: [outer.pattern, ...chain.patterns],
    conditions: [...outer.conditions, ...chain.conditions],
    named: chain.named,
  };
}

/**
 * The pattern from `node` along one relationship condition, and the conditions a matching
 * relationship (variable `rel`) and far entity (`other`) meet. `withKind: false` leaves the
 * kind out of the pattern and tests it among the conditions (ALL tests every relationship of
 * the type, whatever is at the other end).
 */
function relatedPattern(
  spec: RelatedSpec,
  params: Params,
  node: string,
  baseLabel: "" | ":Entity",
  withKind = true,
): { pattern: string; conditions: string[]; other: string } {
  const type = relationshipTypeToken(spec.type);
  const other = params.variable("other");
  const rel = params.variable("rel");
  const direction = spec.direction ?? "BOTH";
  const label = spec.kind && withKind ? `${baseLabel}:${labelToken(spec.kind)}` : ":Entity";
  const pattern =
    direction === "OUT"
      ? `(${node})-[${rel}:${type}]->(${other}${label})`
      : direction === "IN"
        ? `(${node})<-[${rel}:${type}]-(${other}${label})`
        : `(${node})-[${rel}:${type}]-(${other}${label})`;
  const conditions: string[] = [];
  if (spec.kind && !withKind) conditions.push(`${other}:${labelToken(spec.kind)}`);
  if (present(spec.id)) conditions.push(`${other}.id = ${params.add(spec.id)}`);
  if (present(spec.nodeType)) conditions.push(`${other}.type = ${params.add(spec.nodeType)}`);
  if (present(spec.role)) conditions.push(`${rel}.role = ${params.add(spec.role)}`);
  if (present(spec.action)) conditions.push(`${rel}.action = ${params.add(spec.action)}`);
  for (const property of ["since", "until", "year"] as const) {
    const range = spec[property];
    if (!present(range)) continue;
    // A partial date stands for each day it may be: the ranges overlap.
    if (present(range.from)) {
      conditions.push(`${edgeDay(`${rel}.${property}`, "last")} >= ${params.add(firstDay(range.from))}`);
    }
    if (present(range.to)) {
      conditions.push(`${edgeDay(`${rel}.${property}`, "first")} <= ${params.add(lastDay(range.to))}`);
    }
  }
  if (present(spec.source)) {
    const citation = params.variable("citation");
    conditions.push(
      `any(${citation} IN coalesce(${rel}.sources, []) WHERE ${citation} STARTS WITH ${params.add(`${spec.source}:`)})`,
    );
  }
  if (present(spec.where)) {
    const far = compileFilter(spec.where, params, other);
    if (far !== "true") conditions.push(far);
  }
  return { pattern, conditions, other };
}

/**
 * The first or last day a relationship property may be, as "YYYY-MM-DD" text: a year as a
 * number (2018) or a partial date as text ("2002", "2018-08", "2016-03-23"). A month's last
 * day is written as its 31st, which compares with every real day as the true last day does.
 * A missing property has none, and fails every range.
 */
function edgeDay(property: string, end: "first" | "last"): string {
  const [year, month] = end === "first" ? ["-01-01", "-01"] : ["-12-31", "-31"];
  return (
    `CASE WHEN ${property} IS :: INTEGER | FLOAT THEN toString(toInteger(${property})) + '${year}' ` +
    `WHEN ${property} IS :: STRING AND size(${property}) = 4 THEN ${property} + '${year}' ` +
    `WHEN ${property} IS :: STRING AND size(${property}) = 7 THEN ${property} + '${month}' ` +
    `WHEN ${property} IS :: STRING THEN left(${property}, 10) END`
  );
}

function compileRelated(spec: RelatedSpec, params: Params, node: string): string {
  const quantifier = spec.quantifier ?? "SOME";
  // ALL without conditions is SOME.
  if (onlyTypeAndDirection(spec)) return keptCountTest(spec, node, quantifier === "NONE");
  if (quantifier === "ALL") {
    // At least one relationship of the type (its kept count), and none that fails the
    // conditions (a condition on a missing property counts as failing).
    const { pattern, conditions } = relatedPattern(spec, params, node, "", false);
    const exists = keptCountTest(spec, node, false);
    if (conditions.length === 0) return exists;
    return `(${exists} AND NOT EXISTS { MATCH ${pattern} WHERE NOT coalesce(${conditions.join(" AND ")}, false) })`;
  }
  const { pattern, conditions, other } = relatedPattern(spec, params, node, "");
  const where = conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "";
  if (present(spec.count)) {
    // Distinct far entities: two relationships to one entity (two claims of it) count once.
    const count = `COUNT { MATCH ${pattern}${where} RETURN DISTINCT ${other} }`;
    const min = present(spec.count.min) ? `${params.add(spec.count.min)} <= ` : "";
    const max = present(spec.count.max) ? ` <= ${params.add(spec.count.max)}` : "";
    return min || max ? `${min}${count}${max}` : "true";
  }
  const exists = `EXISTS { MATCH ${pattern}${where} }`;
  return quantifier === "NONE" ? `NOT ${exists}` : exists;
}
