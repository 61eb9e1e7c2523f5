import DataLoader from "dataloader";
import type { Repositories } from "../repository";
import type {
  ClaimRecord,
  EntityRecord,
  RelationshipDirection,
  RelationshipProjection,
  RelationshipRecord,
} from "../repository/records";

const projectionKey = ({ node, edge }: RelationshipProjection) =>
  `${node?.join(",") ?? "*"}|${edge?.join(",") ?? "*"}`;

/**
 * Per-request loaders. Batch functions return one entry per key, in key order (an
 * empty list or null for a key with nothing), as DataLoader requires. One loader per
 * (relationship type, direction): every field of a query level that needs the same
 * relationships shares one Cypher statement, whatever the number of parents.
 *
 * Relationship loaders also take what the selection needs of the far node and of the
 * relationship (sorted property names; all by default): fields of one level with the
 * same selection share a loader.
 */
export interface Loaders {
  /** Whole entities by id. */
  entity: DataLoader<string, EntityRecord | null>;
  /** Entities by id with only these properties (sorted names; all when null). */
  entityWith(properties: readonly string[] | null): DataLoader<string, EntityRecord | null>;
  relationships(
    type: string,
    direction: RelationshipDirection,
    projection?: RelationshipProjection,
  ): DataLoader<string, RelationshipRecord[]>;
  anyRelationships(
    types: readonly string[] | null,
    direction: RelationshipDirection | null,
    projection?: RelationshipProjection,
  ): DataLoader<string, RelationshipRecord[]>;
  claims: DataLoader<string, ClaimRecord[]>;
  /** Forgets everything cached in this request: called after a write, so later reads see it. */
  clearAll(): void;
}

export function createLoaders(repositories: Repositories): Loaders {
  const { entities } = repositories;
  const relationshipLoaders = new Map<string, DataLoader<string, RelationshipRecord[]>>();
  const memo = (
    key: string,
    load: (ids: readonly string[]) => Promise<Map<string, RelationshipRecord[]>>,
  ) => {
    let loader = relationshipLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const byId = await load(ids);
        return ids.map((id) => byId.get(id) ?? []);
      });
      relationshipLoaders.set(key, loader);
    }
    return loader;
  };
  const entityLoaders = new Map<string, DataLoader<string, EntityRecord | null>>();
  const entityWith = (properties: readonly string[] | null) => {
    const key = properties?.join(",") ?? "*";
    let loader = entityLoaders.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => entities.byIds(ids, "Entity", properties));
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
    relationships: (type, direction, projection = {}) =>
      memo(`${type}|${direction}|${projectionKey(projection)}`, (ids) =>
        entities.relationships(ids, type, direction, projection),
      ),
    anyRelationships: (types, direction, projection = {}) => {
      const sorted = types === null ? null : [...new Set(types)].sort();
      const key = `any|${sorted?.join(",") ?? "*"}|${direction ?? "BOTH"}|${projectionKey(projection)}`;
      return memo(key, (ids) => entities.anyRelationships(ids, sorted, direction, projection));
    },
    claims,
    clearAll: () => {
      for (const loader of entityLoaders.values()) loader.clearAll();
      claims.clearAll();
      relationshipLoaders.clear();
    },
  };
}
