import type { EntityRecord } from "../model/records";
import { Field, Int, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";

@ObjectType({
  simpleResolvers: true,
  description: "A count for one key (a kind, a relationship type, a year).",
})
export class KeyCount {
  @Field({ description: "What is counted." })
  key!: string;

  @Field(() => Int, { description: "How many." })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: "A count for one entity (members of a body, meetings in a place).",
})
export class EntityCount {
  @Field(() => Entity, { description: "The entity." })
  entity!: EntityRecord;

  @Field(() => String, {
    nullable: true,
    description: "The role counted (member, observer …), where relevant.",
  })
  role!: string | null;

  @Field(() => Int, { description: "How many." })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: "Aggregates over the whole graph. Each field is one query, run only when asked for.",
})
export class Stats {
  @Field(() => [KeyCount], { description: "Entities per kind." })
  entitiesByKind!: KeyCount[];

  @Field(() => [KeyCount], { description: "Relationships per type." })
  relationshipsByType!: KeyCount[];

  @Field(() => [EntityCount], { description: "Members per body and role." })
  membersPerBody!: EntityCount[];

  @Field(() => [KeyCount], { description: "Meetings per year." })
  meetingsPerYear!: KeyCount[];

  @Field(() => [EntityCount], { description: "Meetings per place or state they were held in." })
  meetingsPerPlace!: EntityCount[];
}
