import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { EntityRecord, RelationshipRecord } from "../model/records";
import { RELATIONSHIP_FIELDS, type RelationshipFieldSpec } from "../model/relationships";
import type { Context } from "../request/context";
import type { EdgeRow } from "../types/edge.type";
import { edgeType } from "../types/edges";
import { objectType } from "../types/object-types";
import { addMethod, namedClass } from "./by-hand";
import { toEdge } from "./records-to-types";
import { readsAhead, selectedRelationshipProjection } from "./selection";

/**
 * Resolves one relationship field from its loader, keeping edges whose far node fits the
 * field's type. The loader reads ahead the relationship fields selected below (up to the
 * request's look-ahead); when a level above read this one ahead, the records are there
 * already and the field resolves at once, without a promise per parent.
 */
export function resolveRelationshipField(
  spec: RelationshipFieldSpec,
  entity: EntityRecord,
  context: Context,
  info: GraphQLResolveInfo,
  role: string | null,
): EdgeRow[] | Promise<EdgeRow[]> {
  const projection = selectedRelationshipProjection(info, context);
  const edges = (records: RelationshipRecord[]) => {
    const kinds = spec.kinds;
    const kept = records
      .filter((r) => kinds === undefined || kinds.includes(r.node.kind))
      .filter((r) => role === null || r.properties.role === role);
    context.relationships.spend(kept.length);
    return kept.map(toEdge);
  };
  const ready = context.loaders.primed(spec.type, spec.direction, projection, entity.id);
  if (ready) return edges(ready);
  const ahead = readsAhead(info, ["node"], context, context.lookAhead);
  return context.loaders
    .relationships(spec.type, spec.direction, projection)
    .load(ahead.length ? { id: entity.id, ahead } : entity.id)
    .then(edges);
}

/** The relationship fields of one object type, from the rows of the relationships table. */
function buildResolver(typeName: string, specs: readonly RelationshipFieldSpec[]) {
  const RelationshipFieldsResolver = namedClass(`${typeName}RelationshipsResolver`);
  for (const spec of specs) {
    const edge = edgeType(spec.far);
    addMethod(
      RelationshipFieldsResolver,
      spec.field,
      (entity: EntityRecord, context: Context, info: GraphQLResolveInfo, role?: string | null) =>
        resolveRelationshipField(spec, entity, context, info, role ?? null),
      [
        { decorator: Root(), type: Object },
        { decorator: Ctx(), type: Object },
        { decorator: Info(), type: Object },
        ...(spec.roles
          ? [
              {
                decorator: Arg("role", () => String, {
                  nullable: true,
                  description:
                    "Only relationships with this role (e.g. member, observer, business co-chair).",
                }),
                type: String,
              },
            ]
          : []),
      ],
      FieldResolver(() => [edge], {
        description: `${spec.description} (${spec.type}, ${spec.direction === "OUT" ? "outgoing" : "incoming"})`,
      }),
    );
  }
  Resolver(() => objectType(typeName))(RelationshipFieldsResolver);
  return RelationshipFieldsResolver;
}

/** One resolver class per object type that has relationship fields. */
export const relationshipResolvers = Object.entries(RELATIONSHIP_FIELDS).map(([typeName, specs]) =>
  buildResolver(typeName, specs),
);
