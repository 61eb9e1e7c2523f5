import type { GraphQLResolveInfo } from "graphql";
import type { EntityRecord } from "../model/records";
import type { Context } from "../request/context";
import { OBJECT_TYPES } from "../types/object-types";
import { badInput } from "./errors";
import { ID_PATTERN } from "./ids";
import { readsAhead, selectedProperties } from "./selection";

/**
 * The entity types of the subgraph (one per kind, and `Source`): each keyed by `id`, so a
 * representation is `{ __typename, id }`.
 */
export const ENTITY_TYPES: readonly string[] = Object.keys(OBJECT_TYPES);

const isEntityType = new Set(ENTITY_TYPES);

interface Representation {
  typename: string;
  id: string;
}

function representationAt(value: unknown, index: number): Representation {
  const where = `\`representations[${index}]\``;
  const { __typename: typename, id } = (value ?? {}) as { __typename?: unknown; id?: unknown };
  if (typeof value !== "object" || value === null || typeof typename !== "string" || typeof id !== "string") {
    throw badInput(
      `${where} must be an object with a \`__typename\` and an \`id\` (a string), e.g. { "__typename": "State", "id": "NZ" }; got ${String(JSON.stringify(value)).slice(0, 80)}.`,
      "representations",
    );
  }
  if (!isEntityType.has(typename)) {
    throw badInput(
      `${where}: ${JSON.stringify(typename.slice(0, 80))} is not an entity type of this subgraph; the entity types are ${ENTITY_TYPES.join(", ")}.`,
      "representations",
    );
  }
  return { typename, id };
}

/**
 * `_entities(representations:)`: the entities a gateway asks this subgraph for, in the order
 * given. Every representation is checked first (an entity type and an id, or the whole field
 * is refused); then all of them are one load of the entity loader `node` and the look-ups use,
 * which is kind-agnostic: one statement for the request, whatever the number and the types of
 * the representations, with the relationship fields selected below read ahead in it. An id
 * that names no entity, or an entity of another type, answers null (the federation
 * convention for an entity the subgraph does not hold).
 */
export async function resolveEntities(
  representations: readonly unknown[],
  context: Context,
  info: GraphQLResolveInfo,
): Promise<(EntityRecord | Error | null)[]> {
  const wanted = representations.map(representationAt);
  const ahead = readsAhead(info, [], context, context.lookAhead);
  const loader = context.loaders.entityWith(selectedProperties(info, [], context));
  // A text that cannot be an id names no entity: not worth a place in the statement.
  const ids = [...new Set(wanted.map((r) => r.id).filter((id) => ID_PATTERN.test(id)))];
  const loaded = await loader.loadMany(ids.map((id) => (ahead.length ? { id, ahead } : id)));
  const byId = new Map(ids.map((id, i) => [id, loaded[i]]));
  return wanted.map(({ typename, id }) => {
    const entity = byId.get(id);
    if (entity instanceof Error) return entity;
    return entity && entity.kind === typename ? entity : null;
  });
}
