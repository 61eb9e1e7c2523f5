import DataLoader from "dataloader";
import type { Repositories } from "../repository";
import type {
  ClaimRecord,
  EntityRecord,
  Prefetched,
  ReadAhead,
  RelationshipDirection,
  RelationshipProjection,
  RelationshipRecord,
} from "../model/records";

/** A projection as a key; memoised per projection object (resolvers reuse one per field and request). */
const projectionKeys = new WeakMap<RelationshipProjection, string>();
function projectionKey(projection: RelationshipProjection): string {
  let key = projectionKeys.get(projection);
  if (key === undefined) {
    key = `${projection.node?.join(",") ?? "*"}|${projection.edge?.join(",") ?? "*"}`;
    projectionKeys.set(projection, key);
  }
  return key;
}

/**
 * A key of the entity and relationship loaders: an entity id, and the reads to make
 * ahead of it (below it in the query) in the same statement. Cached by id alone: what
 * is read ahead does not change the answer for the id.
 */
export type LoadKey = string | { id: string; ahead: readonly ReadAhead[] };

const idOf = (key: LoadKey) => (typeof key === "string" ? key : key.id);
const NO_READS: readonly ReadAhead[] = [];
const readsOf = (key: LoadKey) => (typeof key === "string" ? NO_READS : key.ahead);

/** Equal reads ahead, from whichever field of the query, give equal strings (memoised per plan). */
const aheadKeys = new WeakMap<readonly ReadAhead[], string>();
function aheadKey(reads: readonly ReadAhead[]): string {
  if (reads.length === 0) return "";
  let key = aheadKeys.get(reads);
  if (key === undefined) aheadKeys.set(reads, (key = JSON.stringify(reads)));
  return key;
}

/**
 * Runs `load` once per distinct plan of reads ahead among `keys` (one plan, hence one
 * statement, in practice: every parent of a level shares its field's plan).
 */
async function byPlan<T>(
  keys: readonly LoadKey[],
  load: (ids: string[], ahead: readonly ReadAhead[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const plans = new Map<string, { ahead: readonly ReadAhead[]; ids: Set<string> }>();
  for (const key of keys) {
    const ahead = readsOf(key);
    const plan = aheadKey(ahead);
    let group = plans.get(plan);
    if (!group) plans.set(plan, (group = { ahead, ids: new Set() }));
    group.ids.add(idOf(key));
  }
  const results = await Promise.all([...plans.values()].map(({ ahead, ids }) => load([...ids], ahead)));
  return new Map(results.flatMap((result) => [...result]));
}

/**
 * Per-request loaders. Batch functions return one entry per key, in key order (an
 * empty list or null for a key with nothing), as DataLoader requires. One loader per
 * (relationship type, direction): every field of a query level that needs the same
 * relationships shares one Cypher statement, whatever the number of parents.
 *
 * Relationship loaders also take what the selection needs of the far node and of the
 * relationship (sorted property names; all by default): fields of one level with the
 * same selection share a loader.
 *
 * Entity and relationship loads may name reads to make ahead (the relationship fields
 * selected below, see selection.ts): their results prime the loaders those fields will
 * call, so the levels below cost no round trip of their own.
 */
export interface Loaders {
  /** Whole entities by id. */
  entity: DataLoader<LoadKey, EntityRecord | null, string>;
  /** Entities by id with only these properties (sorted names; all when null). */
  entityWith(properties: readonly string[] | null): DataLoader<LoadKey, EntityRecord | null, string>;
  relationships(
    type: string,
    direction: RelationshipDirection,
    projection?: RelationshipProjection,
  ): DataLoader<LoadKey, RelationshipRecord[], string>;
  anyRelationships(
    types: readonly string[] | null,
    direction: RelationshipDirection | null,
    projection?: RelationshipProjection,
  ): DataLoader<LoadKey, RelationshipRecord[], string>;
  claims: DataLoader<string, ClaimRecord[]>;
  /** Fills the relationship loaders with what reads ahead found (a read already cached is kept). */
  prime(found: readonly Prefetched[]): void;
  /**
   * What a read ahead found for `id`, at once, when one did (undefined otherwise): the
   * value the relationship loader holds for it, without waiting a turn for its promise.
   */
  primed(
    type: string,
    direction: RelationshipDirection,
    projection: RelationshipProjection,
    id: string,
  ): RelationshipRecord[] | undefined;
  /** Forgets everything cached in this request: called after a write, so later reads see it. */
  clearAll(): void;
}

export function createLoaders(repositories: Repositories): Loaders {
  const { entities } = repositories;
  const relationshipLoaders = new Map<string, DataLoader<LoadKey, RelationshipRecord[], string>>();
  const memo = (
    key: string,
    load: (ids: string[], ahead: readonly ReadAhead[]) => Promise<Map<string, RelationshipRecord[]>>,
  ) => {
    let loader = relationshipLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(
        async (keys) => {
          const byId = await byPlan(keys, load);
          return keys.map((key) => byId.get(idOf(key)) ?? []);
        },
        { cacheKeyFn: idOf },
      );
      relationshipLoaders.set(key, loader);
    }
    return loader;
  };
  const readKey = (type: string, direction: RelationshipDirection, projection: RelationshipProjection) =>
    `${type}|${direction}|${projectionKey(projection)}`;
  const relationshipsOf = (
    type: string,
    direction: RelationshipDirection,
    projection: RelationshipProjection,
  ) =>
    memo(readKey(type, direction, projection), async (ids, ahead) => {
      const { byId, prefetched } = await entities.relationships(ids, type, direction, projection, ahead);
      prime(prefetched);
      return byId;
    });
  /** Read key → id → records, for what reads ahead primed. */
  const primedRecords = new Map<string, Map<string, RelationshipRecord[]>>();
  const prime = (found: readonly Prefetched[]) => {
    for (const { read, id, records } of found) {
      const key = readKey(read.type, read.direction, read.projection);
      let byId = primedRecords.get(key);
      if (!byId) primedRecords.set(key, (byId = new Map()));
      if (byId.has(id)) continue;
      byId.set(id, records);
      relationshipsOf(read.type, read.direction, read.projection).prime(id, records);
    }
  };
  const entityLoaders = new Map<string, DataLoader<LoadKey, EntityRecord | null, string>>();
  const entityWith = (properties: readonly string[] | null) => {
    const key = properties?.join(",") ?? "*";
    let loader = entityLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(
        async (keys) => {
          const byId = await byPlan(keys, async (ids, ahead) => {
            const { nodes, prefetched } = await entities.byIds(ids, "Entity", properties, ahead);
            prime(prefetched);
            return new Map(nodes.flatMap((node) => (node ? [[node.id, node] as const] : [])));
          });
          return keys.map((key) => byId.get(idOf(key)) ?? null);
        },
        { cacheKeyFn: idOf },
      );
      entityLoaders.set(key, loader);
    }
    return loader;
  };
  const entity = entityWith(null);
  const claims = new DataLoader<string, ClaimRecord[]>(async (ids) => {
    const byId = await entities.claims(ids);
    return ids.map((id) => byId.get(id) ?? []);
  });
  return {
    entity,
    entityWith,
    relationships: (type, direction, projection = {}) => relationshipsOf(type, direction, projection),
    anyRelationships: (types, direction, projection = {}) => {
      const sorted = types === null ? null : [...new Set(types)].sort();
      const key = `any|${sorted?.join(",") ?? "*"}|${direction ?? "BOTH"}|${projectionKey(projection)}`;
      return memo(key, (ids) => entities.anyRelationships(ids, sorted, direction, projection));
    },
    claims,
    prime,
    primed: (type, direction, projection, id) =>
      primedRecords.get(readKey(type, direction, projection))?.get(id),
    clearAll: () => {
      for (const loader of entityLoaders.values()) loader.clearAll();
      claims.clearAll();
      relationshipLoaders.clear();
      primedRecords.clear();
    },
  };
}
