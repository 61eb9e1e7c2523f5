import { Field, ID, Int, ObjectType } from "type-graphql";
import { EntityKind, RelationshipType } from "./enums";

@ObjectType({
  simpleResolvers: true,
  description:
    "One committed curation change, as the change feed (`graphChanged`) sends it: what changed and what it touched. The audit trail (`auditTrail`) holds the states before and after.",
})
export class GraphChange {
  @Field(() => Int, {
    description:
      "The graph version the change made (`graphVersion` right after it). Changes arrive in this order, each once; subscribe again with `since` set to the last one seen to receive what was missed.",
  })
  version!: number;

  @Field(() => ID, { description: "Id of the change's audit entry (`auditTrail`)." })
  auditId!: string;

  @Field({ description: "When the change was committed (ISO 8601)." })
  at!: string;

  @Field({
    description:
      "What was done: CREATE_ENTITY, UPDATE_ENTITY, DELETE_ENTITY, CREATE_RELATIONSHIP, …, ADD_SOURCE.",
  })
  action!: string;

  @Field({ description: "Entity, Relationship, Claim or Source." })
  targetType!: string;

  @Field(() => ID, { description: "Id of what was changed." })
  targetId!: string;

  @Field(() => [ID], {
    description:
      "The entities touched: the one changed, the two ends of a relationship, a claim's subject, and a deleted entity's neighbours.",
  })
  entityIds!: string[];

  @Field(() => [ID], {
    description: "The relationships touched: the one changed, or those a deleted entity took with it.",
  })
  relationshipIds!: string[];

  @Field(() => [EntityKind], { description: "Kinds of the entities touched." })
  kinds!: string[];

  @Field(() => [RelationshipType], { description: "Relationship types touched." })
  types!: string[];
}
