import {
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isObjectType,
  isInterfaceType,
} from "graphql";
import { type ResolveTree, parseResolveInfo } from "graphql-parse-resolve-info";
import type { ReadAhead, RelationshipProjection } from "../model/records";
import { RELATIONSHIP_FIELDS } from "../model/relationships";

/** Entity fields served from a stored property of another name (or of a non-scalar type). */
const STORED_AS: Readonly<Record<string, string>> = { aliases: "aliasData", sources: "sources" };

/**
 * Read whatever the query selects: `id` (loaders, cursors, edges) and `kind` (the
 * concrete type of an interface or union, and which edges a typed field keeps).
 */
const ALWAYS = ["id", "kind"];

/** Edge fields served from the relationship property of the same name (see toEdge). */
const EDGE_STORED = new Set(["id", "role", "since", "until", "action", "frequency", "year", "sources"]);

interface Worked {
  tree: ResolveTree;
  answers: Map<string, unknown>;
}

/** Per request (keyed by its context), per field of the operation: its parsed selection and answers. */
const cache = new WeakMap<object, Map<GraphQLResolveInfo["fieldNodes"], Worked>>();

/**
 * Works `compute` out once per request and field: graphql-js hands every parent of a
 * list the same fieldNodes, so a whole level parses its selection once.
 */
function memoised<T>(
  info: GraphQLResolveInfo,
  request: object,
  key: string,
  compute: (tree: ResolveTree) => T,
): T {
  let perRequest = cache.get(request);
  if (!perRequest) cache.set(request, (perRequest = new Map()));
  let worked = perRequest.get(info.fieldNodes);
  if (!worked) {
    worked = { tree: parseResolveInfo(info) as ResolveTree, answers: new Map() };
    perRequest.set(info.fieldNodes, worked);
  }
  if (!worked.answers.has(key)) worked.answers.set(key, compute(worked.tree));
  return worked.answers.get(key) as T;
}

/**
 * The stored properties an entity needs for the selection found at `path` below the
 * field being resolved (e.g. `["node"]` for an edge list, `["edges", "node"]` for a
 * connection), through aliases, fragments on any of its types, and @skip/@include.
 * Sorted, so that equal selections give equal loader keys.
 *
 * Every leaf field of an entity type is a stored property of the same name; fields that
 * resolve from something else (claims, relationships) need only the id.
 */
export function selectedProperties(
  info: GraphQLResolveInfo,
  path: readonly string[],
  request: object,
): readonly string[] {
  return memoised(info, request, `node:${path.join(".")}`, (root) =>
    nodeProperties(info.schema, descend([root], path)),
  );
}

function nodeProperties(schema: GraphQLSchema, trees: ResolveTree[]): readonly string[] {
  const properties = new Set(ALWAYS);
  for (const tree of trees) {
    for (const [typeName, fields] of Object.entries(tree.fieldsByTypeName)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      const defined = type.getFields();
      for (const field of Object.values(fields)) {
        const stored = STORED_AS[field.name];
        if (stored !== undefined) properties.add(stored);
        else if (defined[field.name] && isLeafType(getNamedType(defined[field.name]!.type)))
          properties.add(field.name);
      }
    }
  }
  return [...properties].sort();
}

/**
 * The relationship properties the edges at `path` below the field being resolved need
 * (the field's own edges by default), sorted; null when the selection asks for
 * `properties` (all of them). `extra` are needed whatever the selection (e.g. `role`
 * when the field filters by it).
 */
export function selectedEdgeProperties(
  info: GraphQLResolveInfo,
  request: object,
  extra: readonly string[] = [],
  path: readonly string[] = [],
): readonly string[] | null {
  return memoised(info, request, `edge:${path.join(".")}:${extra.join(",")}`, (root) =>
    edgeProperties(descend([root], path), extra),
  );
}

function edgeProperties(trees: ResolveTree[], extra: readonly string[]): readonly string[] | null {
  const names = new Set(trees.flatMap(children).map((field) => field.name));
  if (names.has("properties")) return null;
  return [...new Set([...extra, ...[...names].filter((name) => EDGE_STORED.has(name))])].sort();
}

/**
 * What the relationship field being resolved reads: the far node's properties its `node`
 * selects, and the relationship's properties its edges select (with `role` when the field
 * filters by it). The same projection, worked out from a level above, keys the reads ahead
 * of the field, so the two must come from here.
 */
export function selectedRelationshipProjection(
  info: GraphQLResolveInfo,
  request: object,
): RelationshipProjection {
  return memoised(info, request, "relationship", (root) => relationshipProjection(info.schema, root));
}

function relationshipProjection(
  schema: GraphQLSchema,
  field: ResolveTree,
): { node: readonly string[]; edge: readonly string[] | null } {
  const role = field.args.role;
  return {
    node: nodeProperties(schema, descend([field], ["node"])),
    edge: edgeProperties([field], role === null || role === undefined ? [] : ["role"]),
  };
}

/**
 * The typed relationship fields selected on the entities at `path` below the field
 * being resolved, as reads to make in the field's own statement, `depth` levels down
 * (none when 0). Each read carries the projection its field's resolver will ask its
 * loader for, so the loader finds it primed; fields with equal reads on several types
 * (`... on State { coChairOf }` and `... on Organisation { coChairOf }`) share one.
 */
export function readsAhead(
  info: GraphQLResolveInfo,
  path: readonly string[],
  request: object,
  depth: number,
): readonly ReadAhead[] {
  if (depth <= 0) return [];
  return memoised(info, request, `ahead:${path.join(".")}:${depth}`, (root) =>
    readsBelow(info.schema, descend([root], path), depth),
  );
}

function readsBelow(schema: GraphQLSchema, trees: ResolveTree[], depth: number): ReadAhead[] {
  if (depth <= 0) return [];
  const reads = new Map<string, { read: Omit<ReadAhead, "labels">; labels: string[] }>();
  for (const tree of trees) {
    for (const [typeName, fields] of Object.entries(tree.fieldsByTypeName)) {
      const specs = RELATIONSHIP_FIELDS[typeName];
      if (!specs) continue;
      for (const field of Object.values(fields)) {
        const spec = specs.find((s) => s.field === field.name);
        if (!spec) continue;
        const read = {
          type: spec.type,
          direction: spec.direction,
          projection: relationshipProjection(schema, field),
          next: readsBelow(schema, descend([field], ["node"]), depth - 1),
        };
        const key = JSON.stringify(read);
        const seen = reads.get(key);
        if (!seen) reads.set(key, { read, labels: [typeName] });
        else if (!seen.labels.includes(typeName)) seen.labels.push(typeName);
      }
    }
  }
  return [...reads.values()].map(({ read, labels }) => ({ ...read, labels: labels.sort() }));
}

/**
 * The names of the fields selected directly on the field being resolved, through aliases,
 * fragments and @skip/@include; sorted.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, request: object): readonly string[] {
  return memoised(info, request, "names", (root) => [...new Set(children(root).map((f) => f.name))].sort());
}

function descend(trees: ResolveTree[], path: readonly string[]): ResolveTree[] {
  for (const step of path) trees = trees.flatMap((tree) => children(tree).filter((c) => c.name === step));
  return trees;
}

function children(tree: ResolveTree): ResolveTree[] {
  return Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields));
}
