import type { EntityRecord } from "../model/records";
import { Field, Float, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";

@ObjectType({
  simpleResolvers: true,
  description: "One search result, best first (highest score, then name, then id).",
})
export class SearchHit {
  @Field(() => Entity, { description: "The entity found." })
  entity!: EntityRecord;

  @Field(() => Float, {
    description:
      "Relevance: (words found + a quality below 1) / (words + 1), plus 0.5 when the words appear together in a name or alias, 1 when the text is a name or alias; ties are ordered by name, then id.",
  })
  score!: number;
}
