import { type GraphQLSchema, isAbstractType, isObjectType } from "graphql";
import type { EntityRecord } from "../model/records";
import type { Context } from "../request/context";
import { RELATIONSHIP_FIELDS } from "../model/relationships";
import { resolveRelationshipField } from "./relationship.resolvers";

/**
 * The resolvers that are set on the built schema rather than through type-graphql, all here.
 *
 * Why: type-graphql calls a resolver through its own wrapper, which gathers the parameters
 * through an argument validation that is asynchronous even with validation off, and wraps
 * `resolveType` in an async function. Either costs a promise for every value: for every
 * parent of a relationship field (a field read ahead could otherwise resolve at once) and
 * for every value of an interface or union. The classes still declare the fields, their
 * types, arguments and descriptions; only the functions that resolve them are replaced,
 * with the same answers.
 *
 * - Relationship fields: a plain function of (entity, args, context, info) per field.
 * - Interfaces and unions: the type named by the value's `kind`.
 */
export function bindOnBuiltSchema(schema: GraphQLSchema): void {
  for (const [typeName, specs] of Object.entries(RELATIONSHIP_FIELDS)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`No object type ${typeName} in the schema`);
    const fields = type.getFields();
    for (const spec of specs) {
      const field = fields[spec.field];
      if (!field) throw new Error(`No field ${typeName}.${spec.field} in the schema`);
      field.resolve = (entity: EntityRecord, args: { role?: string | null }, context: Context, info) =>
        resolveRelationshipField(spec, entity, context, info, args.role ?? null);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) type.resolveType = typeOfKind;
  }
}

const typeOfKind = (value: { kind?: string }) => value.kind;
