import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { EntityRecord, RelationshipRecord } from "../model/records";
import type { Context } from "../request/context";
import { Body } from "../types/body.type";
import { Document } from "../types/document.type";
import type { EdgeRow } from "../types/edge.type";
import { EDGE_TYPES } from "../types/edges";
import { Event } from "../types/event.type";
import { Meeting } from "../types/meeting.type";
import { Objective } from "../types/objective.type";
import { Organisation } from "../types/organisation.type";
import { Person } from "../types/person.type";
import { Place } from "../types/place.type";
import { Source } from "../types/source.type";
import { State } from "../types/state.type";
import { toEdge } from "./records-to-types";
import { RELATIONSHIP_FIELDS, type RelationshipFieldSpec } from "./relationship-fields";
import { readsAhead, selectedRelationshipProjection } from "./selection";

/** Relationship types whose edges carry a `role`; their fields take a `role` filter. */
const TYPES_WITH_ROLES = new Set(["MEMBER_OF", "CO_CHAIRS", "AFFILIATED_WITH", "PARTICIPATED_IN"]);

const OBJECT_TYPES = {
  State,
  Organisation,
  Body,
  Meeting,
  Document,
  Place,
  Person,
  Objective,
  Event,
  Source,
};

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
    const kinds: readonly string[] | undefined = EDGE_TYPES[spec.edge].kinds;
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

/**
 * Builds one resolver class per object type from RELATIONSHIP_FIELDS. The decorators
 * are applied by hand because the fields are data; `design:*` metadata is what tsc
 * would have emitted for a written method.
 */
function buildResolver(typeName: keyof typeof OBJECT_TYPES, specs: RelationshipFieldSpec[]) {
  class RelationshipFieldsResolver {}
  Object.defineProperty(RelationshipFieldsResolver, "name", { value: `${typeName}RelationshipsResolver` });
  const prototype = RelationshipFieldsResolver.prototype as unknown as Record<string, unknown>;
  for (const spec of specs) {
    prototype[spec.field] = (
      entity: EntityRecord,
      context: Context,
      info: GraphQLResolveInfo,
      role?: string | null,
    ) => resolveRelationshipField(spec, entity, context, info, role ?? null);
    const hasRole = TYPES_WITH_ROLES.has(spec.type);
    Reflect.defineMetadata(
      "design:paramtypes",
      [Object, Object, Object, ...(hasRole ? [String] : [])],
      prototype,
      spec.field,
    );
    Reflect.defineMetadata("design:returntype", Promise, prototype, spec.field);
    Root()(prototype, spec.field, 0);
    Ctx()(prototype, spec.field, 1);
    Info()(prototype, spec.field, 2);
    if (hasRole) {
      Arg("role", () => String, {
        nullable: true,
        description: "Only relationships with this role (e.g. member, observer, business co-chair).",
      })(prototype, spec.field, 3);
    }
    const descriptor = Object.getOwnPropertyDescriptor(prototype, spec.field)!;
    FieldResolver(() => [EDGE_TYPES[spec.edge].type], {
      description: `${spec.description} (${spec.type}, ${spec.direction === "OUT" ? "outgoing" : "incoming"})`,
    })(prototype, spec.field, descriptor);
  }
  Resolver(() => OBJECT_TYPES[typeName])(RelationshipFieldsResolver);
  return RelationshipFieldsResolver;
}

export const relationshipResolvers = (Object.keys(OBJECT_TYPES) as (keyof typeof OBJECT_TYPES)[])
  .filter((name) => (RELATIONSHIP_FIELDS[name] ?? []).length > 0)
  .map((name) => buildResolver(name, RELATIONSHIP_FIELDS[name]!));
