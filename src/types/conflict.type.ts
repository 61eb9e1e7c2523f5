import type { EntityRecord } from "../model/records";
import { Field, ObjectType } from "type-graphql";
import { Claim } from "./claim.type";
import { Entity } from "./entity.interface";

@ObjectType({
  simpleResolvers: true,
  description: "A fact on which sources disagree: every claim is kept, each with its own sources.",
})
export class Conflict {
  @Field(() => Entity, { description: "The entity the claims are about." })
  subject!: EntityRecord;

  @Field({ description: "The property they disagree on." })
  property!: string;

  @Field(() => [String], { description: "The distinct values claimed." })
  values!: string[];

  @Field(() => [Claim], { description: "Every claim, with its sources." })
  claims!: Claim[];
}
