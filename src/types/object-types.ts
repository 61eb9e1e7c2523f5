import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import { ENTITY_KINDS, type KindField, type KindRow } from "../model/kinds";
import { Entity } from "./entity.interface";
import { DatePrecision, KIND_ENUMS } from "./enums";
import { Node } from "./node.interface";
import { PartialDate } from "./partial-date.scalar";
import { Source } from "./source.type";

type GraphQLOutput = Parameters<typeof Field>[0];

const FIELD_TYPES: Record<string, { graphql: GraphQLOutput; design: unknown }> = {
  String: { graphql: () => String, design: String },
  Int: { graphql: () => Int, design: Number },
  PartialDate: { graphql: () => PartialDate, design: String },
  DatePrecision: { graphql: () => DatePrecision, design: String },
};

function fieldType(field: KindField): { graphql: GraphQLOutput; design: unknown } {
  const scalar = FIELD_TYPES[field.type];
  if (scalar) return scalar;
  const graphqlEnum = KIND_ENUMS[field.type];
  if (!graphqlEnum) throw new Error(`No GraphQL type for ${field.type} (field ${field.name})`);
  return { graphql: () => graphqlEnum, design: String };
}

/**
 * The object type of one entity kind, from its row: the `Entity` interface's fields and
 * the kind's own. The decorators are applied by hand because the fields are data;
 * `design:type` is what tsc would have emitted for a written property.
 */
function createEntityType(row: KindRow): ClassType<Entity> {
  const type = { [row.kind]: class extends Entity {} }[row.kind]!;
  for (const field of row.fields) {
    const { graphql, design } = fieldType(field);
    Reflect.defineMetadata("design:type", design, type.prototype, field.name);
    Field(graphql, {
      description: field.description,
      ...(field.nullable ? { nullable: true } : {}),
    })(type.prototype, field.name);
  }
  ObjectType(row.kind, { simpleResolvers: true, implements: [Node, Entity], description: row.description })(
    type,
  );
  return type;
}

/** The object type of every node kind: one per row of the kinds table, and `Source`. */
export const OBJECT_TYPES: Readonly<Record<string, ClassType<Entity>>> = {
  ...Object.fromEntries((ENTITY_KINDS as readonly KindRow[]).map((row) => [row.kind, createEntityType(row)])),
  Source,
};

export function objectType(kind: string): ClassType<Entity> {
  const type = OBJECT_TYPES[kind];
  if (!type) throw new Error(`No object type for kind ${kind}`);
  return type;
}
