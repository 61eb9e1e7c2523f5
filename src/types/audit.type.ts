import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Citation } from "./citation.type";

@ObjectType({
  simpleResolvers: true,
  description: "One change to the graph: who made it, when, to what, and the state before and after.",
})
export class AuditEntry {
  @Field(() => ID, { description: "Id of the entry." })
  id!: string;

  @Field({ description: "When the change was committed (ISO 8601)." })
  at!: string;

  @Field({ description: "Name of the API key that made it." })
  actor!: string;

  @Field({
    description:
      "CREATE_ENTITY, UPDATE_ENTITY, DELETE_ENTITY, CREATE_RELATIONSHIP, …, ADD_CLAIM, RETRACT_CLAIM.",
  })
  action!: string;

  @Field({ description: "Entity, Relationship or Claim." })
  targetType!: string;

  @Field(() => ID, { description: "Id of what was changed." })
  targetId!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "It before the change, in the seed format (null when created).",
  })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "It after the change (null when deleted)." })
  after!: Record<string, unknown> | null;

  @Field(() => [Citation], { description: "The sources given for the change." })
  sources!: Citation[];

  @Field(() => String, { nullable: true, description: "The note given for the change." })
  reason!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The graph version this change made (`graphVersion` right after it); entries are ordered by it. Null on entries recorded before the graph kept a version.",
  })
  version!: number | null;
}
