import { ErrorCode } from "../errors/codes";
import {
  type ArgumentNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  type ValueNode,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from "graphql";

/**
 * The table of input bounds: every value a client can send is held to one of these before
 * any Cypher runs. The README's "Input bounds" table is generated from INPUT_BOUND_ROWS; the
 * rows with a setting can be changed through the environment (see config.ts).
 */
export interface InputBounds {
  /** Characters in an id. */
  idLength: number;
  /** Characters in a name, alias, name filter, search text, role, type or other short text. */
  textLength: number;
  /** Characters in a long text of a change to the graph (description, reason, note, reference). */
  longTextLength: number;
  /** Characters of a document added with its text (`addSource`). */
  documentLength: number;
  /** Characters in a page cursor. */
  cursorLength: number;
  /** Items in a list argument (ids, types, kinds …). */
  listLength: number;
  /** Relationship types or entity kinds in one list that says what a path goes through or avoids. */
  pathFilterLength: number;
  /** Filters in one `AND` or `OR` list. */
  filterBranches: number;
  /** Relationship conditions in one `related` or `notRelated` list. */
  relatedPerList: number;
  /** Relationship conditions in one filter, at every level together. */
  relatedTotal: number;
  /** Input objects nested in one another (a filter inside a filter inside …). */
  inputDepth: number;
  /** Conditions (fields given) in one argument, at every level together. */
  conditions: number;
  /** The ends of a relationship condition's `count` range. */
  relatedCount: number;
  /** Characters of a JSON value (relationship properties, a claim's value), serialised. */
  jsonLength: number;
  /** Nesting of a JSON value's objects and arrays. */
  jsonDepth: number;
  /** A line number of a source document. */
  lineNumber: number;
  /** Words of a name or search text handed to the full-text index. */
  searchTerms: number;
  /** Characters of one such word. */
  searchTermLength: number;
  /** Representations in one `_entities` request (subgraph mode). */
  representations: number;
}

export interface InputBoundRow {
  bound: keyof InputBounds;
  default: number;
  /** The environment variable that changes it, when a deployment may want to. */
  setting?: string;
  /** Where it applies, for the README. */
  appliesTo: string;
}

export const INPUT_BOUND_ROWS: readonly InputBoundRow[] = [
  { bound: "idLength", default: 100, appliesTo: "every `ID` argument and input field" },
  {
    bound: "textLength",
    default: 200,
    setting: "INPUT_MAX_TEXT_LENGTH",
    appliesTo:
      "every other `String`: names (`entity(name:)`, `state(name:)` …), `search(text:)`, `name`/`nameOrAlias`/`types` filters, roles, properties; and the `ID`s that take a name or alias too: `neighbourhood(id:)`, `paths(from:, to:)`, the filters' `ids` and `related { id }`",
  },
  {
    bound: "longTextLength",
    default: 2000,
    appliesTo: "`description`, `reason`, `note`, `reference` and `title` of changes to the graph",
  },
  {
    bound: "documentLength",
    default: 32000,
    appliesTo:
      "`text` of `addSource` and the file `npm run ingest` reads: a document of about 30 kB (the largest of the five sources is 24 kB); a request body is at most 100 kB",
  },
  { bound: "cursorLength", default: 512, appliesTo: "`after` and `before` cursors" },
  {
    bound: "listLength",
    default: 100,
    setting: "INPUT_MAX_LIST_LENGTH",
    appliesTo: "every list argument or input field not named below (`ids`, `types`, `kinds` …)",
  },
  {
    bound: "pathFilterLength",
    default: 40,
    appliesTo:
      "`paths(types:, avoidTypes:, throughKinds:, avoidKinds:)`: each list (a type or kind need be given only once)",
  },
  { bound: "filterBranches", default: 10, appliesTo: "filters in one `AND` or `OR`" },
  { bound: "relatedPerList", default: 8, appliesTo: "conditions in one `related` or `notRelated`" },
  {
    bound: "relatedTotal",
    default: 12,
    setting: "FILTER_MAX_RELATED",
    appliesTo: "`related` and `notRelated` conditions in one filter, all levels together",
  },
  {
    bound: "inputDepth",
    default: 5,
    setting: "FILTER_MAX_DEPTH",
    appliesTo:
      "input objects nested in one argument (`filter: { NOT: { AND: [{ related: […] }] } }` is 4; `filter: { related: [{ where: { related: [{ id: … }] } }] }` is 4)",
  },
  {
    bound: "conditions",
    default: 48,
    setting: "FILTER_MAX_CONDITIONS",
    appliesTo: "fields given in one argument, all levels together",
  },
  {
    bound: "relatedCount",
    default: 1000,
    appliesTo: "`min` and `max` of a relationship condition's `count` (from 0)",
  },
  {
    bound: "jsonLength",
    default: 4096,
    appliesTo: "a JSON value (`properties`, a claim's `value`), serialised",
  },
  { bound: "jsonDepth", default: 4, appliesTo: "objects and arrays nested in a JSON value" },
  {
    bound: "lineNumber",
    default: 100000,
    appliesTo: "`from` and `to` of `Source.lines` (a page is at most 200 lines)",
  },
  {
    bound: "searchTerms",
    default: 24,
    setting: "SEARCH_MAX_TERMS",
    appliesTo: "words of a name or search text handed to the full-text index",
  },
  { bound: "searchTermLength", default: 40, appliesTo: "characters of one such word" },
  {
    bound: "representations",
    default: 500,
    setting: "FEDERATION_MAX_REPRESENTATIONS",
    appliesTo:
      "`_entities(representations:)` in subgraph mode (`FEDERATION`): the entities a gateway asks for in one request; each representation is a JSON value, held to `jsonLength` and `jsonDepth`",
  },
];

export const DEFAULT_INPUT_BOUNDS: InputBounds = Object.fromEntries(
  INPUT_BOUND_ROWS.map((row) => [row.bound, row.default]),
) as Record<keyof InputBounds, number>;

/** Strings held to a bound other than their scalar's (`ID`: idLength, others: textLength). */
const STRING_BOUND_AT: Record<string, keyof InputBounds> = {
  "CreateEntityInput.description": "longTextLength",
  "EntityFieldsInput.description": "longTextLength",
  "ProvenanceInput.reason": "longTextLength",
  "NewSourceInput.title": "longTextLength",
  "NewSourceInput.reference": "longTextLength",
  "NewSourceInput.description": "longTextLength",
  "AddClaimInput.note": "longTextLength",
  "AddSourceInput.title": "longTextLength",
  "AddSourceInput.reference": "longTextLength",
  "AddSourceInput.description": "longTextLength",
  "AddSourceInput.reason": "longTextLength",
  "AddSourceInput.text": "documentLength",
  // They take an id, a name or an alias (src/resolvers/references.ts).
  "Query.neighbourhood(id)": "textLength",
  "Query.paths(from)": "textLength",
  "Query.paths(to)": "textLength",
  "EntityFilter.ids": "textLength",
  "RelatedFilter.id": "textLength",
};

/** Lists held to a bound other than listLength. */
const LIST_BOUND_AT: Record<string, keyof InputBounds> = {
  "EntityFilter.AND": "filterBranches",
  "EntityFilter.OR": "filterBranches",
  "EntityFilter.related": "relatedPerList",
  "EntityFilter.notRelated": "relatedPerList",
  "Query.paths(types)": "pathFilterLength",
  "Query.paths(avoidTypes)": "pathFilterLength",
  "Query.paths(throughKinds)": "pathFilterLength",
  "Query.paths(avoidKinds)": "pathFilterLength",
  "Query._entities(representations)": "representations",
};

/** Integers held to 0 … a bound. */
const INT_BOUND_AT: Record<string, keyof InputBounds> = {
  "CountRange.min": "relatedCount",
  "CountRange.max": "relatedCount",
  "Source.lines(from)": "lineNumber",
  "Source.lines(to)": "lineNumber",
};

/** Lists whose items count towards relatedTotal. */
const RELATED_LISTS = new Set(["EntityFilter.related", "EntityFilter.notRelated"]);

/** Texts handed to the full-text index, whose words are held to searchTerms and searchTermLength. */
const SEARCH_TEXT_AT = new Set([
  "Query.search(text)",
  "Query.entity(name)",
  "Query.state(name)",
  "Query.organisation(name)",
  "Query.body(name)",
  "Query.meeting(name)",
  "Query.document(name)",
]);

/** What each word of a name or search text adds to the query's cost: a fuzzy full-text match. */
export const SEARCH_WORD_COST = 20;

/**
 * The cost of the full-text work a field asks for: each word of its name or search text is
 * matched fuzzily against the index, which costs far more than reading one entity by id.
 */
export function searchCost(parent: string, field: string, args: Record<string, unknown>): number {
  const text = args.text ?? args.name;
  if (typeof text !== "string") return 0;
  const argument = typeof args.text === "string" ? "text" : "name";
  if (!SEARCH_TEXT_AT.has(`${parent}.${field}(${argument})`)) return 0;
  return searchWords(text).length * SEARCH_WORD_COST;
}

/** The words of a text as the full-text search sees them: runs of letters and digits. */
export function searchWords(text: string): string[] {
  return text
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Scalars whose values are JSON: `_Any` is a representation of an entity (subgraph mode). */
const JSON_SCALARS = new Set(["JSON", "JSONObject", "_Any"]);
const CURSOR_ARGUMENTS = new Set(["after", "before"]);

/** A value over its bound: BAD_USER_INPUT, naming the argument, the bound and what arrived. */
export function boundError(
  path: string,
  bound: keyof InputBounds,
  limit: number,
  actual: number,
  what: string,
): GraphQLError {
  const argument = path.split(/[.[]/)[0];
  const shownPath = path.length > 80 ? `${path.slice(0, 60)}…${path.slice(-16)}` : path;
  return new GraphQLError(`\`${shownPath}\` ${what}: the limit is ${limit}, and ${actual} arrived.`, {
    // Raised before execution, where Apollo would answer 500 without a status of its own.
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      argument,
      path: shownPath,
      bound,
      limit,
      actual,
      http: { status: 400 },
    },
  });
}

interface Walk {
  bounds: InputBounds;
  /** Declared variables are checked against the loosest bound their type allows. */
  loose: boolean;
  conditions: number;
  related: number;
}

function stringBound(coordinate: string, scalar: string, walk: Walk): [keyof InputBounds, number] {
  const { bounds } = walk;
  const at = STRING_BOUND_AT[coordinate];
  // A field of an input type has its bound wherever the object is used; a variable of a
  // scalar type may be used by any argument, so it is held to the loosest.
  if (at && !(walk.loose && coordinate.includes("("))) return [at, bounds[at]];
  if (walk.loose) {
    const loosest = Math.max(bounds.idLength, bounds.textLength, bounds.longTextLength, bounds.cursorLength);
    return ["longTextLength", loosest];
  }
  const argument = /\((\w+)\)$/.exec(coordinate)?.[1];
  if (argument && CURSOR_ARGUMENTS.has(argument)) return ["cursorLength", bounds.cursorLength];
  return scalar === "ID" ? ["idLength", bounds.idLength] : ["textLength", bounds.textLength];
}

function listBound(coordinate: string, item: GraphQLInputType, walk: Walk): [keyof InputBounds, number] {
  const { bounds } = walk;
  // Only `_entities` takes a list of `_Any`: a variable of that type is held to its bound.
  if (walk.loose && getNamedType(item).name === "_Any") return ["representations", bounds.representations];
  const at = walk.loose ? undefined : LIST_BOUND_AT[coordinate];
  return at ? [at, bounds[at]] : ["listLength", bounds.listLength];
}

/** Depth and length of a JSON value, without recursion (a deep value cannot overflow the stack). */
function measureJson(value: unknown, maxDepth: number): { depth: number; length: number } {
  let depth = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, level] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    depth = Math.max(depth, level + 1);
    if (depth > maxDepth) return { depth, length: 0 };
    for (const child of Object.values(item)) stack.push([child, level + 1]);
  }
  return { depth, length: JSON.stringify(value)?.length ?? 0 };
}

/**
 * Checks one value against `type`, where `coordinate` names the argument or input field that
 * declares it. Values of the wrong shape are left to graphql-js's own coercion, which reports
 * them; only sizes are checked here. Never descends further than the depth bound.
 */
function checkValue(
  value: unknown,
  type: GraphQLInputType,
  coordinate: string,
  path: string,
  depth: number,
  walk: Walk,
): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  const { bounds } = walk;
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    const [bound, limit] = listBound(coordinate, nullable.ofType as GraphQLInputType, walk);
    if (items.length > limit) throw boundError(path, bound, limit, items.length, "has too many items");
    if (RELATED_LISTS.has(coordinate)) {
      walk.related += items.length;
      if (walk.related > bounds.relatedTotal) {
        throw boundError(
          path,
          "relatedTotal",
          bounds.relatedTotal,
          walk.related,
          "brings the relationship conditions of the filter over the limit",
        );
      }
    }
    items.forEach((item, i) =>
      checkValue(item, nullable.ofType as GraphQLInputType, coordinate, `${path}[${i}]`, depth, walk),
    );
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== "object" || Array.isArray(value)) return;
    if (depth + 1 > bounds.inputDepth) {
      throw boundError(path, "inputDepth", bounds.inputDepth, depth + 1, "nests input objects too deep");
    }
    const fields = nullable.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field || item === null || item === undefined) continue;
      walk.conditions += 1;
      if (walk.conditions > bounds.conditions) {
        throw boundError(path, "conditions", bounds.conditions, walk.conditions, "has too many conditions");
      }
      checkValue(item, field.type, `${nullable.name}.${name}`, `${path}.${name}`, depth + 1, walk);
    }
    return;
  }
  if (isScalarType(nullable) && JSON_SCALARS.has(nullable.name)) {
    const { depth: jsonDepth, length } = measureJson(value, bounds.jsonDepth);
    if (jsonDepth > bounds.jsonDepth) {
      throw boundError(path, "jsonDepth", bounds.jsonDepth, jsonDepth, "nests JSON too deep");
    }
    if (length > bounds.jsonLength) {
      throw boundError(path, "jsonLength", bounds.jsonLength, length, "is too long as JSON");
    }
    return;
  }
  const intBound = walk.loose ? undefined : INT_BOUND_AT[coordinate];
  if (typeof value === "number" && intBound) {
    const limit = bounds[intBound];
    if (value < 0 || value > limit) throw boundError(path, intBound, limit, value, `is outside 0 … ${limit}`);
    return;
  }
  if (typeof value === "string" && (isScalarType(nullable) || isEnumType(nullable))) {
    const [bound, limit] = isEnumType(nullable)
      ? (["textLength", bounds.textLength] as const)
      : stringBound(coordinate, nullable.name, walk);
    if (value.length > limit) throw boundError(path, bound, limit, value.length, "is too long");
    if (!walk.loose && SEARCH_TEXT_AT.has(coordinate)) checkSearchText(value, path, bounds);
  }
}

function checkSearchText(text: string, path: string, bounds: InputBounds): void {
  const words = searchWords(text);
  if (words.length > bounds.searchTerms) {
    throw boundError(path, "searchTerms", bounds.searchTerms, words.length, "has too many words to search");
  }
  const longest = Math.max(0, ...words.map((word) => word.length));
  if (longest > bounds.searchTermLength) {
    throw boundError(
      path,
      "searchTermLength",
      bounds.searchTermLength,
      longest,
      "has a word too long to search",
    );
  }
}

/**
 * An argument's value as the client sent it: literals from the document, variables from
 * the request (uncoerced). The document's size is bounded by the token limit, so this
 * recursion is shallow.
 */
function rawValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.LIST:
      return node.values.map((item) => rawValue(item, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, rawValue(field.value, variables)]),
      );
    case Kind.NULL:
      return null;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    default:
      return node.value;
  }
}

/**
 * Holds every value of a request to the table of bounds: each variable the operation
 * declares (against the loosest bound of its type, since graphql-js coerces them all), then
 * each argument where it is used (literal or variable, against its own bound). Throws the
 * first violation as BAD_USER_INPUT.
 */
export function checkInputBounds(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  bounds: InputBounds = DEFAULT_INPUT_BOUNDS,
): void {
  const values = variables ?? {};
  const fresh = (loose: boolean): Walk => ({ bounds, loose, conditions: 0, related: 0 });
  const typeInfo = new TypeInfo(schema);
  const checkArgument = (node: ArgumentNode) => {
    const argument = typeInfo.getArgument();
    if (!argument) return;
    const owner = typeInfo.getDirective()
      ? `@${typeInfo.getDirective()!.name}`
      : `${typeInfo.getParentType()?.name ?? "?"}.${typeInfo.getFieldDef()?.name ?? "?"}`;
    checkValue(
      rawValue(node.value, values),
      argument.type,
      `${owner}(${argument.name})`,
      node.name.value,
      0,
      fresh(false),
    );
  };
  const declared: { name: string; type: GraphQLInputType }[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        if (type) declared.push({ name: node.variable.name.value, type: type as GraphQLInputType });
      },
      Argument: checkArgument,
    }),
  );
  // After the arguments, whose bounds are the precise ones: a variable no argument uses is
  // coerced all the same.
  for (const { name, type } of declared)
    checkValue(values[name], type, `$${name}`, `$${name}`, 0, fresh(true));
}

/**
 * What a filter adds to the query's cost: each input object (nested level) and each
 * condition (field given), so that filters are paid for by their size; a relationship
 * condition is a subquery of its own, which Neo4j plans and runs apart. What a relationship
 * condition asks of the entity at its other end (`where`) is tested for each such entity, so
 * it costs RELATIONSHIP_WHERE_FACTOR times as much as at the level above.
 */
export const INPUT_CONDITION_COST = 2;
export const INPUT_OBJECT_COST = 10;
export const RELATED_CONDITION_COST = 50;
export const RELATIONSHIP_WHERE_FACTOR = 5;
const RELATED_KEYS = new Set(["related", "notRelated"]);

export function filterCost(filter: unknown): number {
  let cost = 0;
  // Each item with the weight of its level, and whether it is a relationship condition.
  const stack: [unknown, number, boolean][] = [[filter, 1, false]];
  // Bounded: the arguments passed checkInputBounds before the cost is estimated.
  while (stack.length > 0) {
    const [item, weight, isRelated] = stack.pop()!;
    if (Array.isArray(item)) for (const child of item) stack.push([child, weight, isRelated]);
    else if (item !== null && typeof item === "object") {
      cost += INPUT_OBJECT_COST * weight;
      for (const [key, child] of Object.entries(item)) {
        if (child === null || child === undefined) continue;
        cost += INPUT_CONDITION_COST * weight;
        if (RELATED_KEYS.has(key) && Array.isArray(child)) {
          cost += RELATED_CONDITION_COST * child.length * weight;
          stack.push([child, weight, true]);
        } else if (isRelated && key === "where") {
          stack.push([child, weight * RELATIONSHIP_WHERE_FACTOR, false]);
        } else stack.push([child, weight, false]);
      }
    }
  }
  return cost;
}
