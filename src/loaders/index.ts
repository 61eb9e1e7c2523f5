import DataLoader from "dataloader";
import type { Repositories } from "../repository";
import type {
  ClaimRecord,
  EntityRecord,
  RelationshipDirection,
  RelationshipRecord,
} from "../repository/records";

/**
 * Per-request loaders. Batch functions return one entry per key, in key order (an
 * empty list or null for a key with nothing), as DataLoader requires. One loader per
 * (relationship type, direction): every field of a query level that needs the same
 * relationships shares one Cypher statement, whatever the number of parents.
 */
export interface Loaders {
  entity: DataLoader<string, EntityRecord | null>;
  relationships(type: string, direction: RelationshipDirection): DataLoader<string, RelationshipRecord[]>;
  anyRelationships(
    types: readonly string[] | null,
    direction: RelationshipDirection | null,
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
  const entity = new DataLoader<string, EntityRecord | null>((ids) => entities.byIds(ids));
  const claims = new DataLoader<string, ClaimRecord[]>(async (ids) => {
    const byId = await entities.claims(ids);
    return ids.map((id) => byId.get(id) ?? []);
  });
  return {
    entity,
    relationships: (type, direction) =>
      memo(`${type}|${direction}`, (ids) => entities.relationships(ids, type, direction)),
    anyRelationships: (types, direction) => {
      const sorted = types === null ? null : [...new Set(types)].sort();
      return memo(`any|${sorted?.join(",") ?? "*"}|${direction ?? "BOTH"}`, (ids) =>
        entities.anyRelationships(ids, sorted, direction),
      );
    },
    claims,
    clearAll: () => {
      entity.clearAll();
      claims.clearAll();
      relationshipLoaders.clear();
    },
  };
}
