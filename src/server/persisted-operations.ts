import { createHash } from "node:crypto";
import fs from "node:fs";
import type { ApolloServerPlugin, GraphQLRequest } from "@apollo/server";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type ParseOptions,
  getOperationAST,
  parse,
  print,
  visit,
} from "graphql";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { ErrorCode } from "../errors/codes";

/** sha256 of a text, in hex: the hash automatic persisted queries and the manifest use. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The store of automatic persisted queries (Apollo's `persistedQueries.cache`): hash → query
 * text, least recently used first out once the texts held pass `maxBytes`. Each replica
 * keeps its own; a client whose hash a replica does not hold gets PERSISTED_QUERY_NOT_FOUND
 * and sends the text again, as after a restart.
 */
export class PersistedQueryStore {
  private readonly texts: LRUCache<string, string>;

  constructor(maxBytes: number) {
    this.texts = new LRUCache<string, string>({
      maxSize: maxBytes,
      sizeCalculation: (text, hash) => Buffer.byteLength(text) + hash.length,
    });
  }

  async get(hash: string): Promise<string | undefined> {
    return this.texts.get(hash);
  }

  async set(hash: string, text: string): Promise<void> {
    this.texts.set(hash, text);
  }

  async delete(hash: string): Promise<boolean> {
    return this.texts.delete(hash);
  }

  /** Texts held and their bytes (for tests and diagnostics). */
  stats(): { entries: number; bytes: number } {
    return { entries: this.texts.size, bytes: this.texts.calculatedSize };
  }
}

const manifestSchema = z.object({
  format: z.literal("apollo-persisted-query-manifest"),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 hash in hex"),
      name: z.string().min(1),
      type: z.enum(["query", "mutation", "subscription"]),
      body: z.string().min(1),
    }),
  ),
});

/** Apollo's persisted query manifest, as `npm run manifest` writes it. */
export type OperationsManifest = z.infer<typeof manifestSchema>;

/**
 * The operation `operationName` of `document` (the only one when no name is given) with the
 * fragments it uses, in one canonical text: fragments sorted by name, `__typename` fields
 * without an alias left out (Apollo Client adds them to every selection), printed by
 * graphql-js. Two texts that differ only in layout, comments, other operations or fragments
 * beside them, or the `__typename`s a client adds, have the same canonical text; undefined
 * when the document has no such operation or uses a fragment it lacks.
 */
export function canonicalOperation(
  document: DocumentNode,
  operationName?: string | null,
): string | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const used = new Map<string, FragmentDefinitionNode>();
  let missing = false;
  const collect = (node: DocumentNode["definitions"][number]) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) {
          missing = true;
          return;
        }
        used.set(name, fragment);
        collect(fragment);
      },
    });
  collect(operation);
  if (missing) return undefined;
  const definitions = [operation, ...[...used.keys()].sort().map((name) => used.get(name)!)];
  const canonical = visit(
    { kind: Kind.DOCUMENT, definitions },
    { Field: (field) => (field.name.value === "__typename" && !field.alias ? null : undefined) },
  );
  return print(canonical);
}

/** The operations a server in allowlist mode runs: by manifest id, or by canonical text. */
export class OperationsAllowlist {
  /** Manifest id (sha256 of the body) → body. */
  readonly bodies = new Map<string, string>();
  /** sha256 of each operation's canonical text → its name. */
  private readonly canonical = new Map<string, string>();

  constructor(readonly manifest: OperationsManifest) {
    for (const operation of manifest.operations) {
      if (sha256(operation.body) !== operation.id) {
        throw new Error(
          `the id of operation ${operation.name} is not the sha256 of its body: regenerate the manifest (npm run manifest)`,
        );
      }
      let document: DocumentNode;
      try {
        document = parse(operation.body);
      } catch (error) {
        throw new Error(`operation ${operation.name} does not parse: ${(error as Error).message}`);
      }
      const text = canonicalOperation(document, operation.name);
      if (text === undefined) {
        throw new Error(`operation ${operation.name} is not in its own body, or uses a fragment it lacks`);
      }
      this.bodies.set(operation.id, operation.body);
      this.canonical.set(sha256(text), operation.name);
    }
  }

  /** Whether the operation `operationName` of this document is one of the manifest's. */
  allows(document: DocumentNode, operationName?: string | null): boolean {
    const text = canonicalOperation(document, operationName);
    return text !== undefined && this.canonical.has(sha256(text));
  }

  get size(): number {
    return this.bodies.size;
  }
}

/** Reads and checks a manifest file; the error names the file and what is wrong with it. */
export function loadOperationsAllowlist(file: string): OperationsAllowlist {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`OPERATIONS_ALLOWLIST=${file}: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `OPERATIONS_ALLOWLIST=${file} is not an Apollo persisted query manifest: ${issue?.path.join(".") || "(top)"}: ${issue?.message}`,
    );
  }
  try {
    return new OperationsAllowlist(parsed.data);
  } catch (error) {
    throw new Error(`OPERATIONS_ALLOWLIST=${file}: ${(error as Error).message}`);
  }
}

export const NOT_ALLOWED_MESSAGE =
  "This server runs only the operations of its allowlist (OPERATIONS_ALLOWLIST), sent as their full text or as " +
  "extensions.persistedQuery.sha256Hash; the operation sent is not in it.";

/**
 * What a refused request is turned into before Apollo parses it: a document whose only
 * operation is anonymous, asked for by a name, so that it resolves to no operation. The
 * request's own text is then never parsed nor validated by Apollo, its variables never
 * coerced, and the limits plugin, which does nothing for a request without an operation,
 * takes no turn at the database for it (src/server/limits.ts).
 */
const REFUSED = { query: "{ __typename }", operationName: "OperationNotAllowed" };

function persistedHash(request: GraphQLRequest): string | undefined {
  const hash: unknown = request.extensions?.persistedQuery?.sha256Hash;
  return typeof hash === "string" ? hash : undefined;
}

/**
 * Allowlist mode: only the manifest's operations run. A request that sends
 * `extensions.persistedQuery.sha256Hash` alone is answered with the manifest's body of that
 * id (no registration first); one that sends a text runs if that text's operation is one
 * of the manifest's (compared by canonical text, `canonicalOperation`). Anything else is
 * refused with 400 OPERATION_NOT_ALLOWED before Apollo parses it, at no database cost. A
 * text that differs from the manifest's own body is parsed here once (under the token
 * limit), then remembered; a hash that does not match its text is left to Apollo, which
 * refuses it. Operations the server runs itself (apollo.executeOperation: the exports) are
 * not clients' and are not held to the list.
 */
export function allowlistPlugin(
  allowlist: OperationsAllowlist,
  parseOptions: ParseOptions,
): ApolloServerPlugin {
  /** sha256 of a text and the operation name asked for → allowed; bounded, only allowed ones. */
  const allowedTexts = new LRUCache<string, true>({ max: 1000 });

  const allows = (request: GraphQLRequest, query: string): boolean => {
    const hash = sha256(query);
    if (allowlist.bodies.has(hash)) return true;
    const key = `${hash}:${request.operationName ?? ""}`;
    if (allowedTexts.has(key)) return true;
    let document: DocumentNode;
    try {
      document = parse(query, parseOptions);
    } catch {
      return false;
    }
    if (!allowlist.allows(document, request.operationName)) return false;
    allowedTexts.set(key, true);
    return true;
  };

  return {
    async requestDidStart({ request }) {
      // The server's own operations (the exports) run in-process, without HTTP: the
      // allowlist is for what clients send.
      if (!request.http) return;
      const hash = persistedHash(request);
      if (request.query === undefined && hash !== undefined) {
        const body = allowlist.bodies.get(hash);
        if (body !== undefined) {
          request.query = body;
          return;
        }
      } else if (request.query === undefined || (hash !== undefined && hash !== sha256(request.query))) {
        // No operation, or a hash that is not its text's: Apollo's own errors say so.
        return;
      } else if (allows(request, request.query)) {
        return;
      }
      const { persistedQuery: _dropped, ...extensions } = request.extensions ?? {};
      request.query = REFUSED.query;
      request.operationName = REFUSED.operationName;
      request.variables = undefined;
      request.extensions = extensions;
      return {
        async didResolveOperation() {
          throw new GraphQLError(NOT_ALLOWED_MESSAGE, {
            extensions: { code: ErrorCode.OPERATION_NOT_ALLOWED, http: { status: 400 } },
          });
        },
      };
    },
  };
}
