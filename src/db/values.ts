import neo4j from "neo4j-driver";

/**
 * Neo4j values to plain JSON-friendly values: integers to numbers (or strings past
 * 2^53, which never lose digits silently), temporals to ISO strings, graph objects to
 * their properties. Lists and plain maps are converted in place and returned: the driver
 * builds them for one record, and a copy of each would only feed the garbage collector.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Most values are strings, booleans, floats or lists and maps of them: they need no
  // conversion, and the driver's type checks below are costly when run on every one.
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined || (item !== null && typeof item === "object")) value[i] = toPlain(item);
    }
    return value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>;
    for (const key in map) {
      const item = map[key];
      if (item === undefined || (item !== null && typeof item === "object")) map[key] = toPlain(item);
    }
    return map;
  }
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toPlain(value.properties);
  // Anything else (a point, say): its own enumerable properties.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
  return out;
}

/**
 * Plain values to Cypher parameters: whole numbers become Neo4j integers (JavaScript
 * numbers would arrive as floats, which LIMIT rejects and which store 2016 as 2016.0).
 */
export function toParameter(value: unknown): unknown {
  if (typeof value === "number") return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toParameter);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toParameter(v);
    return out;
  }
  return value;
}
