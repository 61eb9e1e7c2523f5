import { ErrorCode } from "../errors/codes";
import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type DocumentNode,
  GraphQLError,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
} from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import { type Config, SETTINGS } from "../config/config";
import {
  DEFAULT_INPUT_BOUNDS,
  type InputBounds,
  checkInputBounds,
  filterCost,
  searchCost,
} from "../limits/input-bounds";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_SOURCE_LINES } from "../limits/sizes";
import type { Admission } from "./admission";
import { LRUCache } from "lru-cache";

/** The shape limits every operation is held to; README "Limits and production" lists them. */
export interface Limits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: number;
}

/** The shape limits of the configuration. */
export function limitsFromConfig(config: Config): Limits {
  return {
    depth: config.GRAPHQL_MAX_DEPTH,
    aliases: config.GRAPHQL_MAX_ALIASES,
    directives: config.GRAPHQL_MAX_DIRECTIVES,
    tokens: config.GRAPHQL_MAX_TOKENS,
    cost: config.GRAPHQL_MAX_COST,
  };
}

/** The table of input bounds, with the rows a deployment may change taken from the configuration. */
export function inputBoundsFromConfig(config: Config): InputBounds {
  return {
    ...DEFAULT_INPUT_BOUNDS,
    textLength: config.INPUT_MAX_TEXT_LENGTH,
    listLength: config.INPUT_MAX_LIST_LENGTH,
    inputDepth: config.FILTER_MAX_DEPTH,
    conditions: config.FILTER_MAX_CONDITIONS,
    relatedTotal: config.FILTER_MAX_RELATED,
    searchTerms: config.SEARCH_MAX_TERMS,
    representations: config.FEDERATION_MAX_REPRESENTATIONS,
  };
}

export const DEFAULT_LIMITS: Limits = {
  depth: Number(SETTINGS.GRAPHQL_MAX_DEPTH.default),
  aliases: Number(SETTINGS.GRAPHQL_MAX_ALIASES.default),
  directives: Number(SETTINGS.GRAPHQL_MAX_DIRECTIVES.default),
  tokens: Number(SETTINGS.GRAPHQL_MAX_TOKENS.default),
  cost: Number(SETTINGS.GRAPHQL_MAX_COST.default),
};

/**
 * Estimated lengths of lists that take no size argument. A relationship field has 1.7
 * edges on average in the data set, 2 at the 90th percentile and 13 at the 99th (97 for the
 * largest body's members); an entity's sources, aliases and claims have 2 on average and at
 * most 7. Pessimistic enough that nesting multiplies quickly, not so much that a page of 100
 * with one relationship level is refused.
 */
export const RELATIONSHIP_FAN_OUT = 5;
export const ATTRIBUTE_LIST_SIZE = 3;
/** `claims` and `conflicts` at the root return every match (146 claims in the data set). */
export const ROOT_LIST_SIZE = 100;
/** graphql-query-complexity's own bound on the fields it visits: a cheap stop for huge documents. */
const MAX_VISITED_FIELDS = 10_000;

function count(value: unknown, cap: number): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0
    ? Math.min(value, cap)
    : undefined;
}

/**
 * How many items one field stands for. Sizes above the API's own maxima are capped here, so
 * that `first: 1000` gets the resolver's message about the maximum rather than a cost error.
 */
function itemCount(
  parent: string,
  field: string,
  item: string,
  args: Record<string, unknown>,
  paged: boolean,
  isList: boolean,
): number {
  if (paged) {
    return count(args.first, MAX_PAGE_SIZE) ?? count(args.last, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  }
  // A search for paths grows with their length: each further hop multiplies what is explored.
  if (parent === "Query" && field === "paths") {
    return Math.max(1, count(args.limit, 500) ?? 1) * 2 ** (count(args.maxLength, 8) ?? 1);
  }
  if (parent === "Source" && field === "lines") return sourceLineCount(args);
  if ("limit" in args) return Math.max(1, count(args.limit, 500) ?? 1);
  if (Array.isArray(args.ids)) return args.ids.length;
  if (Array.isArray(args.representations)) return args.representations.length;
  if (!isList) return 1;
  // Their length is the parent's page or limit, counted on the parent already.
  if (parent.endsWith("Connection") && field === "edges") return 1;
  if (parent === "Graph" || parent === "PathsResult") return 1;
  if (parent === "Query") return ROOT_LIST_SIZE;
  return item.endsWith("Edge") ? RELATIONSHIP_FAN_OUT : ATTRIBUTE_LIST_SIZE;
}

/** The lines `Source.lines(from:, to:)` may answer: its range, at most a page. */
function sourceLineCount(args: Record<string, unknown>): number {
  const from = count(args.from, Number.MAX_SAFE_INTEGER) ?? 1;
  const to = count(args.to, Number.MAX_SAFE_INTEGER);
  return to === undefined ? MAX_SOURCE_LINES : Math.max(1, Math.min(MAX_SOURCE_LINES, to - from + 1));
}

/**
 * The cost of a field is the number of objects it may return, each counted with the cost of
 * its own selection: one per object, leaves free, lists multiplied by their page size
 * (`first`/`last`, default 20), `limit`, id count or number of representations (`_entities`),
 * or else by an estimated length. A filter adds its size (each condition and each nested
 * level), a name or search text its words (each a fuzzy full-text match).
 * Introspection costs nothing here (its size is fixed; depth, aliases and tokens bound it).
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith("__")) return 0;
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 0;
  const isList = isListType(getNullableType(field.type));
  const paged = field.args.some((arg) => arg.name === "first" || arg.name === "last");
  return (
    itemCount(type.name, field.name, named.name, args, paged, isList) * (1 + childComplexity) +
    filterCost(args.filter) +
    searchCost(type.name, field.name, args)
  );
};

/** The estimated cost of the operation `operationName` of `document` with these variables. */
export function operationCost(
  schema: Parameters<typeof getComplexity>[0]["schema"],
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [costEstimator],
    maxQueryNodes: MAX_VISITED_FIELDS,
  });
}

function tooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    // Thrown before execution, where Apollo answers 500 unless told otherwise.
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...extensions, http: { status: 400 } },
  });
}

export interface RequestLimitsOptions {
  maxCost: number;
  bounds?: InputBounds;
  /** Turns for database work; none: every request is admitted at once. */
  admission?: Admission;
}

/** Operations whose inputs passed the bounds, with their estimated cost, kept per process. */
export const COSTED_OPERATIONS = 1000;
/** Variables longer than this, as JSON, are checked every time rather than kept. */
export const COSTED_VARIABLES_CHARS = 2048;

/**
 * The key of an operation's verdict: its query's hash, its name and its variables as JSON;
 * none when the variables are long (or cannot be written as JSON), so the kept keys stay small.
 */
export function costedKey(
  queryHash: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): string | undefined {
  let json: string;
  try {
    json = variables === undefined ? "" : JSON.stringify(variables);
  } catch {
    return undefined;
  }
  if (json.length > COSTED_VARIABLES_CHARS) return undefined;
  return `${queryHash}\n${operationName ?? ""}\n${json}`;
}

/**
 * Holds each operation to its limits once it is known (page sizes and filters often come from
 * variables, which validation rules cannot see), in this order: every input value to the
 * table of bounds (BAD_USER_INPUT), then the estimated cost (QUERY_TOO_COMPLEX), then a turn
 * for database work (SERVICE_UNAVAILABLE with 503 and Retry-After when none comes in time).
 * The verdict of the first two is kept for the same operation with the same variables (see
 * costedKey); the turn is asked for every time. The bounds come first: graphql-js coerces
 * every variable while the cost is estimated, and a value nested thousands deep would
 * overflow the stack there.
 */
export function requestLimitsPlugin(options: RequestLimitsOptions): ApolloServerPlugin {
  const { maxCost, admission } = options;
  const bounds = options.bounds ?? DEFAULT_INPUT_BOUNDS;
  // The verdict depends on the document, the operation and the variables only: an operation
  // sent again (a client redrawing the same view) skips the walk of its document and values.
  const costed = new LRUCache<string, number>({ max: COSTED_OPERATIONS });
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      // Set when the answer is sent: a turn granted after that (another plugin's hook failed
      // while this one waited) is given back at once instead of being held for good.
      let answered = false;
      return {
        async didResolveOperation({ schema, document, request, operation, operationName, queryHash }) {
          if (!operation) return;
          const key = costedKey(queryHash, operationName, request.variables);
          let cost = key === undefined ? undefined : costed.get(key);
          if (cost === undefined) {
            checkInputBounds(schema, document, request.variables, bounds);
            try {
              cost = operationCost(schema, document, request.variables, operationName ?? undefined);
            } catch (error) {
              if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
                throw tooComplex(`The query has more than ${MAX_VISITED_FIELDS} fields.`, { limit: "cost" });
              }
              // Invalid variables: execution reports them with their own message and code.
              cost = 0;
            }
            if (key !== undefined) costed.set(key, cost);
          }
          if (cost > maxCost) {
            throw tooComplex(
              `The query's estimated cost is ${cost}, above the limit of ${maxCost}: ask for smaller pages ` +
                `(first/last/limit) or fewer nested lists.`,
              { limit: "cost", cost, maxCost },
            );
          }
          if (admission) {
            const granted = await admission.admit(cost);
            if (answered) granted();
            else release = granted;
          }
        },
        async willSendResponse() {
          answered = true;
          release?.();
          release = undefined;
        },
      };
    },
  };
}

/** Armor's rules prefix "Syntax Error:"; these are validation errors, reported without throwing. */
function report(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { limit } }),
    );
  };
}

/** Depth, aliases and directives, checked with the other validation rules (a 400 with GRAPHQL_VALIDATION_FAILED). */
export function limitRules(limits: Limits): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true };
  return [
    // Inline fragments and fragment spreads add no depth: only nested fields do.
    maxDepthRule({ ...common, n: limits.depth, flattenFragments: true, onReject: [report("depth")] }),
    // Armor lets __typename be aliased freely by default; a flood of those costs a parse all the same.
    maxAliasesRule({ ...common, n: limits.aliases, allowList: [], onReject: [report("aliases")] }),
    maxDirectivesRule({ ...common, n: limits.directives, onReject: [report("directives")] }),
  ];
}

/** The tokens limit is graphql-js's own: the parser stops at the limit, before building the tree. */
export function limitParseOptions(limits: Limits): ParseOptions {
  return { maxTokens: limits.tokens };
}
