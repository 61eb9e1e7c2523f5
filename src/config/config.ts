import path from "node:path";
import { z } from "zod";
import { parseApiKeys } from "../auth/api-keys";
import { DEFAULT_INPUT_BOUNDS } from "../limits/input-bounds";
import { packageRoot } from "./package-root";

/**
 * Every setting: its environment variable, default and one-line meaning. The README's
 * configuration table is generated from this list (`npm run docs:config`), so the two
 * cannot drift.
 */
const boolean = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    error: "expected true or false",
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const port = z.coerce
  .number({ error: "expected a port number" })
  .int("expected a whole number")
  .min(0, "expected a port from 0 to 65535")
  .max(65535, "expected a port from 0 to 65535");

const positiveInt = z.coerce
  .number({ error: "expected a number" })
  .int("expected a whole number")
  .positive("expected a number above 0");

const size = z.string().regex(/^\d+[kmg]$/i, "expected a size such as 256m or 1g");

/** A size such as "512m" in bytes. */
export function sizeInBytes(text: string): number {
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[text.slice(-1).toLowerCase() as "k" | "m" | "g"];
  return Number(text.slice(0, -1)) * unit;
}

const nonNegativeInt = z.coerce
  .number({ error: "expected a number" })
  .int("expected a whole number")
  .min(0, "expected 0 or more");

/** Bytes, as a whole number or a size such as 64m. */
const bytes = z
  .string()
  .regex(/^\d+[kmg]?$/i, "expected a number of bytes or a size such as 64m (0: none)")
  .transform((text) => (/\d$/.test(text) ? Number(text) : sizeInBytes(text)));

const bound = (name: keyof typeof DEFAULT_INPUT_BOUNDS) => String(DEFAULT_INPUT_BOUNDS[name]);

const levels = z.coerce
  .number({ error: "expected a number" })
  .int("expected a whole number")
  .min(0, "expected 0 or more")
  .max(8, "expected at most 8");

export const SETTINGS = {
  PORT: { schema: port, default: "4000", doc: "HTTP port of the GraphQL server (0 picks a free port)" },
  HOST: {
    schema: z.string().min(1),
    default: "127.0.0.1",
    doc: "Interface the HTTP server binds to (0.0.0.0 to accept outside connections)",
  },
  NEO4J_URI: {
    schema: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, "expected a bolt:// or neo4j:// URI")
      .optional(),
    default: undefined,
    doc: "Neo4j to use (bolt://, neo4j://, neo4j+s://…); unset: the project starts its own local Neo4j",
  },
  NEO4J_USERNAME: { schema: z.string(), default: "neo4j", doc: "User name for NEO4J_URI" },
  NEO4J_PASSWORD: { schema: z.string(), default: "", doc: "Password for NEO4J_URI (never logged)" },
  NEO4J_DATABASE: { schema: z.string().min(1), default: "neo4j", doc: "Database name on the Neo4j server" },
  NEO4J_PORT: {
    schema: port,
    default: "7687",
    doc: "Bolt port of the local Neo4j (only when NEO4J_URI is unset)",
  },
  NEO4J_DATA_DIR: {
    schema: z.string().min(1),
    default: ".data/neo4j",
    doc: "Data folder of the local Neo4j, relative to the project root (kept across restarts)",
  },
  NEO4J_PAGE_CACHE: { schema: size, default: "256m", doc: "Page cache size of the local Neo4j" },
  NEO4J_HEAP: {
    schema: size,
    default: "1g",
    doc: "Java heap of the local Neo4j; must be above NEO4J_TX_MEMORY_TOTAL",
  },
  NEO4J_TX_MEMORY_MAX: {
    schema: size,
    default: "128m",
    doc: "Memory one transaction of the local Neo4j may use (db.memory.transaction.max): a query past it is stopped with QUERY_TOO_EXPENSIVE",
  },
  NEO4J_TX_MEMORY_TOTAL: {
    schema: size,
    default: "512m",
    doc: "Memory all transactions of the local Neo4j may use together (dbms.memory.transaction.total.max)",
  },
  NEO4J_MAX_RESTARTS: {
    schema: levels,
    default: "5",
    doc: "Restarts in a row of a local Neo4j that exited (or exits again within a minute of its restart) before the server stops; 0: stop at once",
  },
  NEO4J_START_TIMEOUT_MS: {
    schema: positiveInt,
    default: "180000",
    doc: "How long to wait for Neo4j to answer at start-up before giving up",
  },
  NEO4J_TX_TIMEOUT_MS: {
    schema: positiveInt,
    default: "10000",
    doc: "Cypher transaction timeout; must be below NEO4J_MAX_RETRY_TIME_MS and REQUEST_TIMEOUT_MS",
  },
  NEO4J_MAX_RETRY_TIME_MS: {
    schema: positiveInt,
    default: "15000",
    doc: "How long a read or transaction that failed for a transient reason (connection lost, leader switch) is retried",
  },
  REQUEST_TIMEOUT_MS: {
    schema: positiveInt,
    default: "20000",
    doc: "Deadline of one GraphQL request: pending database work is abandoned with TIMEOUT or SERVICE_UNAVAILABLE",
  },
  SEED_ON_START: {
    schema: boolean,
    default: "true",
    doc: "Load seed/ at start-up into an empty graph, and re-import it when it has changed and nothing was curated since",
  },
  SOURCES_DIR: {
    schema: z.string().optional(),
    default: undefined,
    doc: "Folder holding the text of the source documents (e.g. ../shared/sources), loaded at start-up so that citations answer with their lines (`Citation.text`, `Source.lines`); unset: citations only",
  },
  GRAPHQL_INTROSPECTION: {
    schema: boolean,
    default: "true",
    doc: "Allow schema introspection, in production too: the schema is public and the playground needs it",
  },
  FEDERATION: {
    schema: boolean,
    default: "false",
    doc: "Serve the schema as an Apollo Federation 2 subgraph: every entity type keyed by `id` (`@key`), with `_service` and `_entities` (its SDL is schema/subgraph.graphql); false: the plain schema of schema/schema.graphql",
  },
  RELATIONSHIP_LOOKAHEAD: {
    schema: levels,
    default: "3",
    doc: "Relationship-field levels read in the statement of the level above them (0: one statement per level)",
  },
  GRAPHQL_MAX_DEPTH: { schema: positiveInt, default: "8", doc: "Deepest field nesting a query may have" },
  GRAPHQL_MAX_ALIASES: { schema: positiveInt, default: "15", doc: "Most aliases one operation may use" },
  GRAPHQL_MAX_DIRECTIVES: { schema: positiveInt, default: "5", doc: "Most directives one operation may use" },
  GRAPHQL_MAX_TOKENS: {
    schema: positiveInt,
    default: "1000",
    doc: "Most lexical tokens a query document may have (checked while parsing); more also lets a document of many duplicate fields cost more to validate",
  },
  GRAPHQL_MAX_COST: {
    schema: positiveInt,
    default: "5000",
    doc: "Highest estimated cost of an operation: objects it may return, lists counted by page size or fan-out",
  },
  INPUT_MAX_TEXT_LENGTH: {
    schema: positiveInt,
    default: bound("textLength"),
    doc: "Longest name, search text, name filter or other short text argument, in characters",
  },
  INPUT_MAX_LIST_LENGTH: {
    schema: positiveInt,
    default: bound("listLength"),
    doc: "Most items in a list argument such as `ids` or `types`",
  },
  FILTER_MAX_DEPTH: {
    schema: positiveInt,
    default: bound("inputDepth"),
    doc: "Deepest nesting of input objects in one argument (a filter inside AND/OR/NOT inside …)",
  },
  FILTER_MAX_CONDITIONS: {
    schema: positiveInt,
    default: bound("conditions"),
    doc: "Most conditions (fields given) in one argument, all levels together",
  },
  FILTER_MAX_RELATED: {
    schema: positiveInt,
    default: bound("relatedTotal"),
    doc: "Most `related`/`notRelated` conditions in one filter, all levels together",
  },
  SEARCH_MAX_TERMS: {
    schema: positiveInt,
    default: bound("searchTerms"),
    doc: "Most words of a name or search text handed to the full-text index",
  },
  FEDERATION_MAX_REPRESENTATIONS: {
    schema: positiveInt,
    default: bound("representations"),
    doc: "Most representations one `_entities` request may ask for, in subgraph mode (FEDERATION=true)",
  },
  DB_MAX_CONCURRENT: {
    schema: positiveInt,
    default: "16",
    doc: "Requests doing database work at once in one process; more wait DB_ADMISSION_WAIT_MS, then get 503 SERVICE_UNAVAILABLE with Retry-After",
  },
  DB_MAX_HEAVY: {
    schema: positiveInt,
    default: "1",
    doc: "Of DB_MAX_CONCURRENT, how many may be heavy (estimated cost at or above HEAVY_QUERY_COST): the rest stay free for cheap requests; raise it where the server and Neo4j have cores to spare",
  },
  DB_ADMISSION_WAIT_MS: {
    schema: positiveInt,
    default: "2000",
    doc: "How long a request waits for a turn at the database before it is refused with 503",
  },
  HEAVY_QUERY_COST: {
    schema: positiveInt,
    default: "1000",
    doc: "Estimated cost from which a request counts as heavy for admission (a page of 100 with a relationship level costs 600; a relationship filter condition 50)",
  },
  PERSISTED_QUERIES_CACHE: {
    schema: size,
    default: "8m",
    doc: "Memory for the texts of automatic persisted queries (hash → query) in each process, least recently used dropped first",
  },
  OPERATIONS_ALLOWLIST: {
    schema: z.string(),
    default: "",
    doc: "Allowlist mode: an Apollo persisted query manifest (npm run manifest writes schema/operations-manifest.json), relative to the project root; only its operations run, anything else is refused with 400 OPERATION_NOT_ALLOWED; empty: any operation runs",
  },
  RESPONSE_CACHE_BYTES: {
    schema: bytes,
    default: "64m",
    doc: "Memory for answers of queries kept by this process, keyed by operation, variables, API key and graph version, least recently used dropped first (bytes or a size such as 64m; 0: no response cache)",
  },
  GRAPH_VERSION_STALENESS_MS: {
    schema: nonNegativeInt,
    default: "0",
    doc: "How long a replica may use the graph version it read before answering from its cache instead of reading it again (0: read it for every query, so a read after a write through any replica sees it)",
  },
  HTTP_CACHE_MAX_AGE: {
    schema: nonNegativeInt,
    default: "0",
    doc: "max-age, in seconds, of the `Cache-Control: public` header of anonymous GET query answers (0: caches revalidate every time with the ETag); answers to a request with an API key are private and no-store",
  },
  SUBSCRIPTION_CONNECTIONS: {
    schema: positiveInt,
    default: "200",
    doc: "WebSocket connections (graphql-ws, for `graphChanged`) one process holds at once; one more is closed at once with code 1013 (try again later)",
  },
  SUBSCRIPTIONS_PER_CONNECTION: {
    schema: positiveInt,
    default: "10",
    doc: "Subscriptions at once on one WebSocket connection; one more is refused with TOO_MANY_SUBSCRIPTIONS",
  },
  SUBSCRIPTION_IDLE_SECONDS: {
    schema: positiveInt,
    default: "60",
    doc: "Seconds a WebSocket connection may stay open without a subscription before it is closed (code 1000, reason idle)",
  },
  CHANGE_FEED_POLL_MS: {
    schema: positiveInt,
    default: "250",
    doc: "How often each process reads the audit trail for new changes while anyone subscribes (one small indexed read): the most a change waits before it is sent",
  },
  CHANGE_FEED_HORIZON: {
    schema: positiveInt,
    default: "1000",
    doc: "Latest changes each process keeps for `graphChanged(since:)`: a client reconnecting with an older version gets CHANGES_EXPIRED and reads the graph again",
  },
  NODE_ENV: {
    schema: z.string(),
    default: "development",
    doc: 'production hides "Did you mean …" suggestions in error messages (errors are masked and stack-free in every mode)',
  },
  API_KEYS: {
    schema: z.string().transform((value, ctx) => {
      try {
        return parseApiKeys(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
    default: "",
    doc: 'Keys that may change the graph, as "name:secret,name2:secret2" (secrets of 16+ characters; the name is audited, the secret never logged); empty: no mutations',
  },
  LOG_LEVEL: {
    schema: z.enum(["debug", "info", "warn", "error", "silent"]),
    default: "info",
    doc: "Log verbosity; debug also logs every Cypher statement and its parameter names",
  },
} as const;

type Settings = typeof SETTINGS;
export type SettingName = keyof Settings;
export type Config = { [K in SettingName]: z.output<Settings[K]["schema"]> } & {
  /** NEO4J_DATA_DIR resolved against the project root. */
  neo4jDataPath: string;
  /** SOURCES_DIR resolved against the project root, when it is set. */
  sourcesPath: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates every setting; throws one ConfigError naming each bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, Settings[SettingName]][]) {
    const raw = env[name] === undefined || env[name] === "" ? setting.default : env[name];
    const parsed = (setting.schema as z.ZodType).safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      const shown = name === "NEO4J_PASSWORD" || name === "API_KEYS" ? "(hidden)" : JSON.stringify(raw);
      problems.push(`${name}=${shown}: ${parsed.error.issues[0]?.message ?? "invalid"} (${setting.doc})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const config = values as Omit<Config, "neo4jDataPath" | "sourcesPath">;
  problems.push(...relationProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...config,
    neo4jDataPath: path.resolve(packageRoot(), config.NEO4J_DATA_DIR),
    sourcesPath:
      config.SOURCES_DIR === undefined ? undefined : path.resolve(packageRoot(), config.SOURCES_DIR),
  };
}

/**
 * Timeouts that only make sense in order: a transaction the server stops must end before
 * the driver's retries give up (or the retry window hides the timeout), and before the
 * request's own deadline (or no slow query could ever finish).
 */
function relationProblems(config: Omit<Config, "neo4jDataPath" | "sourcesPath">): string[] {
  const problems: string[] = [];
  const [heap, total, one] = [config.NEO4J_HEAP, config.NEO4J_TX_MEMORY_TOTAL, config.NEO4J_TX_MEMORY_MAX];
  if (sizeInBytes(one) > sizeInBytes(total)) {
    problems.push(`NEO4J_TX_MEMORY_MAX=${one} must not be above NEO4J_TX_MEMORY_TOTAL=${total}`);
  }
  if (sizeInBytes(total) >= sizeInBytes(heap)) {
    problems.push(
      `NEO4J_TX_MEMORY_TOTAL=${total} must be below NEO4J_HEAP=${heap}: Neo4j needs heap of its own beside the transactions`,
    );
  }
  const tx = config.NEO4J_TX_TIMEOUT_MS;
  if (tx >= config.NEO4J_MAX_RETRY_TIME_MS) {
    problems.push(
      `NEO4J_TX_TIMEOUT_MS=${tx} must be below NEO4J_MAX_RETRY_TIME_MS=${config.NEO4J_MAX_RETRY_TIME_MS}: lower the first or raise the second`,
    );
  }
  if (tx >= config.REQUEST_TIMEOUT_MS) {
    problems.push(
      `NEO4J_TX_TIMEOUT_MS=${tx} must be below REQUEST_TIMEOUT_MS=${config.REQUEST_TIMEOUT_MS}: lower the first or raise the second`,
    );
  }
  return problems;
}
