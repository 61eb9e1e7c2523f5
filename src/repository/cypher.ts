import { KINDS } from "../model/kinds";
import { RELATIONSHIP_TYPES } from "../model/relationships";

/**
 * Labels and relationship types cannot be Cypher parameters. They come only from the
 * closed sets of the data contract and are checked here before a statement uses them;
 * values always travel as parameters.
 */
export function relationshipTypeToken(type: string): string {
  if (!Object.prototype.hasOwnProperty.call(RELATIONSHIP_TYPES, type)) {
    throw new Error(`Unknown relationship type ${JSON.stringify(type)}`);
  }
  return type;
}

const LABELS = new Set<string>([...KINDS, "Source", "Entity"]);

export function labelToken(label: string): string {
  if (!LABELS.has(label)) throw new Error(`Unknown label ${JSON.stringify(label)}`);
  return label;
}

const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A map projection of node or relationship `variable`: only `properties` when given (names of the
 * GraphQL schema, checked to be plain identifiers), every property otherwise.
 */
export function mapProjection(variable: string, properties?: readonly string[] | null): string {
  if (!properties) return `${variable} { .* }`;
  if (properties.length === 0) return "{}";
  return `${variable} { ${plainNames(properties)
    .map((p) => `.${p}`)
    .join(", ")} }`;
}

/** `properties`, once each is checked to be a plain identifier (they are written into Cypher). */
function plainNames(properties: readonly string[]): readonly string[] {
  for (const property of properties) {
    if (!PROPERTY.test(property)) throw new Error(`Not a property name: ${JSON.stringify(property)}`);
  }
  return properties;
}

/**
 * `properties` of node or relationship `variable` as a list of their values, in that order,
 * for rowFromList to name again (every property, as a map, when none are named). A list
 * costs Neo4j and the driver less than a map: its keys are neither written nor read.
 */
export function listProjection(variable: string, properties?: readonly string[] | null): string {
  if (!properties) return mapProjection(variable);
  return `[${plainNames(properties)
    .map((p) => `${variable}.${p}`)
    .join(", ")}]`;
}

/** A value read by listProjection(variable, properties), as the map mapProjection would have read. */
export function rowFromList<T extends object>(value: unknown, properties?: readonly string[] | null): T {
  if (!properties) return value as T;
  const values = value as unknown[];
  const row: Record<string, unknown> = {};
  for (let i = 0; i < properties.length; i++) row[properties[i]!] = values[i] ?? null;
  return row as T;
}

/**
 * The properties of relationship `variable` a read returns as its `properties`: those
 * named, or all when `properties` is null or absent. `id` is returned apart, and only
 * when `relationshipIdRead` says so.
 */
export function relationshipProperties(variable: string, properties?: readonly string[] | null): string {
  return properties
    ? mapProjection(
        variable,
        properties.filter((p) => p !== "id"),
      )
    : `properties(${variable})`;
}

/** Whether a relationship read with these properties returns the relationship's id (all: yes). */
export const relationshipIdRead = (properties?: readonly string[] | null) =>
  !properties || properties.includes("id");
