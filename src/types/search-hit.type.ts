import type { EntityRecord } from "../model/records";
import { Field, Float, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";

@ObjectType({ description: "One search result, best first." })
export class SearchHit {
  @Field(() => Entity, { description: "The entity found." })
  entity!: EntityRecord;

  @Field(() => Float, { description: "Relevance; an exact name or alias match scores above 100." })
  score!: number;
}
