import { Field, Float, ObjectType } from "type-graphql";
import { Entity, type EntityRow } from "./entity.interface";

@ObjectType({ description: "One search result, best first." })
export class SearchHit {
  @Field(() => Entity, { description: "The entity found." })
  entity!: EntityRow;

  @Field(() => Float, { description: "Relevance; an exact name or alias match scores above 100." })
  score!: number;
}
