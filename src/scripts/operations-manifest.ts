import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  fromGraphQLCodegenPersistedDocuments,
  generatePersistedQueryManifest,
  getFilepaths,
} from "@apollo/generate-persisted-query-manifest";
import { gqlPluckFromCodeStringSync } from "@graphql-tools/graphql-tag-pluck";
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  buildSchema,
  getIntrospectionQuery,
  parse,
  print,
  validate,
  visit,
} from "graphql";
import { packageRoot } from "../config/package-root";
import type { OperationsManifest } from "../server/persisted-operations";

/** Where `npm run manifest` writes, relative to the project root. */
export const MANIFEST_PATH = "schema/operations-manifest.json";

/**
 * The operations of the server's own clients, relative to the project root: the examples
 * (the playground's first tab) and the explorer's operations, the same files `codegen.ts`
 * types (a unit test checks that the two lists agree).
 */
export const OWN_DOCUMENTS = ["schema/examples.graphql", "public/explore/operations.js"];

/**
 * The playground's own operation: GraphiQL asks for the schema with graphql-js's
 * introspection query, with the options @graphql-yoga/render-graphiql gives it (schema
 * description and deprecated input values).
 */
export const PLAYGROUND_INTROSPECTION = getIntrospectionQuery({
  schemaDescription: true,
  inputValueDeprecation: true,
});

interface Found {
  definition: DefinitionNode;
  file: string;
}

/** Every definition of a .graphql file, or of the GraphQL strings of a .js/.ts file. */
function definitionsOf(file: string, root: string): Found[] {
  const text = fs.readFileSync(path.resolve(root, file), "utf8");
  const documents: DocumentNode[] = /\.(graphql|gql)$/.test(file)
    ? [parse(text)]
    : gqlPluckFromCodeStringSync(file, text).map((source) => parse(source.body));
  return documents.flatMap((document) => document.definitions.map((definition) => ({ definition, file })));
}

/** Each operation with the fragments it uses, as one document of its own. */
function splitOperations(found: Found[]): Map<string, DocumentNode> {
  const problems: string[] = [];
  const fragments = new Map<string, Found & { definition: FragmentDefinitionNode }>();
  const operations = new Map<string, Found & { definition: OperationDefinitionNode }>();
  for (const item of found) {
    const { definition, file } = item;
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const name = definition.name.value;
      const other = fragments.get(name);
      if (other) problems.push(`fragment ${name} is defined in ${other.file} and in ${file}`);
      else fragments.set(name, { definition, file });
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      const name = definition.name?.value;
      if (!name) {
        problems.push(`${file} has an operation without a name: every operation of the manifest needs one`);
        continue;
      }
      const other = operations.get(name);
      if (other) problems.push(`operation ${name} is defined in ${other.file} and in ${file}`);
      else operations.set(name, { definition, file });
    } else {
      problems.push(`${file} holds a ${definition.kind}, which is not an operation or a fragment`);
    }
  }
  const documents = new Map<string, DocumentNode>();
  for (const [name, { definition, file }] of [...operations].sort(([a], [b]) => a.localeCompare(b))) {
    const used = new Map<string, FragmentDefinitionNode>();
    const pending: DefinitionNode[] = [definition];
    while (pending.length > 0) {
      visit(pending.pop()!, {
        FragmentSpread({ name: { value: spread } }) {
          if (used.has(spread)) return;
          const fragment = fragments.get(spread);
          if (!fragment) {
            problems.push(`operation ${name} (${file}) uses fragment ${spread}, defined nowhere`);
            return;
          }
          used.set(spread, fragment.definition);
          pending.push(fragment.definition);
        },
      });
    }
    documents.set(name, { kind: Kind.DOCUMENT, definitions: [definition, ...used.values()] });
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return documents;
}

export interface ManifestOptions {
  /** More operations files or globs, relative to the project root (a deployer's clients). */
  documents?: string[];
  /** The project root (default: this project's). */
  root?: string;
}

/**
 * Apollo's persisted query manifest of the server's own clients' operations and of any
 * `documents` given: every operation, with the fragments it uses, checked against the
 * committed SDL, then put through Apollo's generator, which writes each body as Apollo
 * Client sends it (`__typename` added, definitions sorted) and its id as the sha256 of that
 * body, the hash a client sends as `extensions.persistedQuery.sha256Hash`.
 */
export async function buildOperationsManifest(options: ManifestOptions = {}): Promise<OperationsManifest> {
  const root = options.root ?? packageRoot();
  const extra = options.documents ?? [];
  const files = [...OWN_DOCUMENTS];
  if (extra.length > 0) {
    const cwd = process.cwd();
    try {
      process.chdir(root);
      const matched = await getFilepaths(extra);
      if (matched.length === 0) throw new Error(`no file matches ${extra.join(", ")}`);
      files.push(...matched.filter((file) => !files.includes(file)));
    } finally {
      process.chdir(cwd);
    }
  }
  const found = files.flatMap((file) => definitionsOf(file, root));
  found.push(
    ...parse(PLAYGROUND_INTROSPECTION).definitions.map((definition) => ({ definition, file: "GraphiQL" })),
  );
  const documents = splitOperations(found);

  const schema = buildSchema(fs.readFileSync(path.join(root, "schema", "schema.graphql"), "utf8"));
  const invalid = [...documents].flatMap(([name, document]) =>
    validate(schema, document).map((error) => `operation ${name}: ${error.message}`),
  );
  if (invalid.length > 0) throw new Error(invalid.join("\n"));

  // Apollo's generator reads one document per operation from a file of GraphQL Codegen's
  // persisted-documents format ({ key: document }).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "operations-manifest-"));
  try {
    const input = path.join(dir, "documents.json");
    fs.writeFileSync(
      input,
      JSON.stringify(Object.fromEntries([...documents].map(([n, d]) => [n, print(d)]))),
    );
    const manifest = await generatePersistedQueryManifest(
      { documents: fromGraphQLCodegenPersistedDocuments(input) },
      undefined,
    );
    return manifest as OperationsManifest;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The manifest as it is written to disk. */
export function manifestText(manifest: OperationsManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
