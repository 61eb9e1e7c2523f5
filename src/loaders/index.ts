import DataLoader from "dataloader";
import type { Repositories } from "../repository";
import type { FilterSpec } from "../repository/filters";
import type { ListReads, ListResult, PageSpec, SortSpec } from "../repository/list.repository";
import type { MentionPage } from "../repository/mentions.repository";
import type {
  ClaimRecord,
  EntityRecord,
  Prefetched,
  ReadAhead,
  ReferenceMatch,
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

/** A promise that carries its value once it is known, so that a resolver can take it at once. */
type Settled<V> = Promise<V> & { value?: V; known?: true };

function settled<V>(value: V): Settled<V> {
  return Object.assign(Promise.resolve(value), { value, known: true as const });
}

/**
 * The cache of a relationship loader: DataLoader's own cache map, whose promises also carry
 * their values once settled. A value primed by a read ahead is there from the start, so the
 * field below resolves without waiting a turn for a promise (see `primed`).
 */
class SettledCache<V> implements DataLoader.CacheMap<string, Promise<V>> {
  private readonly entries = new Map<string, Settled<V>>();

  get(key: string): Promise<V> | undefined {
    return this.entries.get(key);
  }

  set(key: string, promise: Promise<V>): void {
    const entry = promise as Settled<V>;
    this.entries.set(key, entry);
    if (!entry.known) {
      promise.then(
        (value) => Object.assign(entry, { value, known: true as const }),
        () => undefined,
      );
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Fills `key` with a known value unless it holds one already (a read made first is kept). */
  fill(key: string, value: V): void {
    if (!this.entries.has(key)) this.entries.set(key, settled(value));
  }

  /** The value for `key`, when it is known now. */
  peek(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry?.known ? entry.value : undefined;
  }
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
  /** The lines of a source document, or null when its text is not loaded (SOURCES_DIR). */
  sourceLines: DataLoader<string, string[] | null>;
  /** For entity ids, a page of the documents that mention each (one loader per page asked for). */
  mentionedIn(page: PageSpec): DataLoader<string, MentionPage>;
  /** For source ids, a page of the entities each mentions. */
  mentionsOf(page: PageSpec): DataLoader<string, MentionPage>;
  /**
   * What a text given where an entity is named (an id, a name or an alias) matches: every
   * text of a request's arguments and filters read in one statement.
   */
  references: DataLoader<string, ReferenceMatch>;
  /**
   * A page of a list, with the relationship fields selected below its entities read ahead
   * in the same statement; what they found fills the relationship loaders.
   */
  list(
    label: string,
    filter: FilterSpec | null | undefined,
    sort: SortSpec,
    page: PageSpec,
    reads: ListReads,
  ): Promise<ListResult>;
  /**
   * The records the relationship loader holds for `id` now, when it holds them (a read ahead
   * filled them, or a load settled): without waiting a turn for the loader's promise.
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
  const { entities, lists, search, provenance, mentions } = repositories;
  const relationshipLoaders = new Map<
    string,
    { loader: DataLoader<LoadKey, RelationshipRecord[], string>; cache: SettledCache<RelationshipRecord[]> }
  >();
  const memo = (
    key: string,
    load: (ids: string[], ahead: readonly ReadAhead[]) => Promise<Map<string, RelationshipRecord[]>>,
  ) => {
    let entry = relationshipLoaders.get(key);
    if (!entry) {
      const cache = new SettledCache<RelationshipRecord[]>();
      const loader = new DataLoader<LoadKey, RelationshipRecord[], string>(
        async (keys) => {
          const byId = await byPlan(keys, load);
          return keys.map((key) => byId.get(idOf(key)) ?? []);
        },
        { cacheKeyFn: idOf, cacheMap: cache },
      );
      relationshipLoaders.set(key, (entry = { loader, cache }));
    }
    return entry;
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
  /** The one way reads ahead reach the loaders: each found list fills its loader's cache. */
  const prime = (found: readonly Prefetched[]) => {
    for (const { read, id, records } of found) {
      relationshipsOf(read.type, read.direction, read.projection).cache.fill(id, records);
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
  const sourceLines = new DataLoader<string, string[] | null>(async (ids) => {
    const byId = await provenance.sourceLines(ids);
    return ids.map((id) => byId.get(id) ?? null);
  });
  const mentionLoaders = new Map<string, DataLoader<string, MentionPage>>();
  const mentionPages = (
    side: "in" | "of",
    page: PageSpec,
    read: (ids: readonly string[], page: PageSpec) => Promise<Map<string, MentionPage>>,
  ) => {
    const key = `${side}|${JSON.stringify([page.first, page.after, page.last, page.before])}`;
    let loader = mentionLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, MentionPage>(async (ids) => {
        const byId = await read(ids, page);
        return ids.map((id) => byId.get(id) ?? { rows: [], hasMore: false, total: 0 });
      });
      mentionLoaders.set(key, loader);
    }
    return loader;
  };
  const references = new DataLoader<string, ReferenceMatch>(async (texts) => {
    const found = await search.references(texts);
    return texts.map((text) => found.get(text) ?? { byId: null, byName: [] });
  });
  return {
    entity,
    entityWith,
    relationships: (type, direction, projection = {}) => relationshipsOf(type, direction, projection).loader,
    anyRelationships: (types, direction, projection = {}) => {
      const sorted = types === null ? null : [...new Set(types)].sort();
      const key = `any|${sorted?.join(",") ?? "*"}|${direction ?? "BOTH"}|${projectionKey(projection)}`;
      return memo(key, (ids) => entities.anyRelationships(ids, sorted, direction, projection)).loader;
    },
    claims,
    sourceLines,
    mentionedIn: (page) => mentionPages("in", page, (ids, p) => mentions.mentionedIn(ids, p)),
    mentionsOf: (page) => mentionPages("of", page, (ids, p) => mentions.mentionsOf(ids, p)),
    references,
    list: async (label, filter, sort, page, reads) => {
      const result = await lists.list(label, filter, sort, page, reads);
      prime(result.prefetched);
      return result;
    },
    primed: (type, direction, projection, id) => relationshipsOf(type, direction, projection).cache.peek(id),
    clearAll: () => {
      for (const loader of entityLoaders.values()) loader.clearAll();
      claims.clearAll();
      sourceLines.clearAll();
      mentionLoaders.clear();
      references.clearAll();
      relationshipLoaders.clear();
    },
  };
}
