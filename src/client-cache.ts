import {
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from "graphql";

/** Abstract type → the object types it may be, as Apollo Client's and graphcache's `possibleTypes` take it. */
export type PossibleTypes = Record<string, string[]>;

/** Parent type → connection field → the arguments that name a list (every argument but the page's). */
export type ConnectionFields = Record<string, Record<string, string[]>>;

const PAGE_ARGUMENTS = new Set(["first", "after", "last", "before"]);

/** Every interface and union with the object types that implement or belong to it, sorted. */
export function possibleTypes(schema: GraphQLSchema): PossibleTypes {
  const result: PossibleTypes = {};
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith("__"))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    if (isInterfaceType(type) || isUnionType(type)) {
      result[type.name] = schema
        .getPossibleTypes(type)
        .map((t) => t.name)
        .sort();
    }
  }
  return result;
}

/** A Relay connection: `edges { cursor node }` and `pageInfo`, paged by `first`/`after`. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return (
    "edges" in fields &&
    "pageInfo" in fields &&
    field.args.some((a) => a.name === "first") &&
    field.args.some((a) => a.name === "after")
  );
}

/** Every field that returns a connection, with the arguments a client cache keys its pages by. */
export function connectionFields(schema: GraphQLSchema): ConnectionFields {
  const result: ConnectionFields = {};
  const types = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith("__"))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields()).filter(isConnection)) {
      (result[type.name] ??= {})[field.name] = field.args
        .map((a) => a.name)
        .filter((name) => !PAGE_ARGUMENTS.has(name))
        .sort();
    }
  }
  return result;
}

/** Object types without an `id`: caches keep them inside their parent instead of by key. */
export function typesWithoutId(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith("__") && !("id" in type.getFields()))
    .map((type) => type.name)
    .filter((name) => ![schema.getQueryType()?.name, schema.getMutationType()?.name].includes(name))
    .sort();
}

/** What a normalising cache needs beyond possibleTypes: which fields page, which types have no key. */
export interface CachePolicies {
  connections: ConnectionFields;
  typesWithoutId: string[];
}

/** The committed files under schema/ that client caches are set up from, by file name. */
export function clientCacheFiles(schema: GraphQLSchema): Record<string, string> {
  const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
  return {
    "possible-types.json": json(possibleTypes(schema)),
    "cache-policies.json": json({
      connections: connectionFields(schema),
      typesWithoutId: typesWithoutId(schema),
    } satisfies CachePolicies),
  };
}
