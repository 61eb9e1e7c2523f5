import { Field, ID, ObjectType } from "type-graphql";
import { Citation } from "./citation.type";

/** A claim as the repository returns it; `subject` resolves through a loader. */
export interface ClaimRow {
  id: string;
  subjectId: string;
  property: string;
  value: string | number | boolean;
  qualifier: string | null;
  unit: string | null;
  note: string | null;
  sources: string[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    "One source's statement about a property of an entity (a count, a date, a figure, a status). Claims on the same property that differ are a conflict.",
})
export class Claim {
  @Field(() => ID, { description: "Stable id of the claim." })
  id!: string;

  /** Resolved to `subject` by ClaimResolver. */
  subjectId!: string;

  @Field({ description: "The property the claim is about, e.g. memberCount or startDate." })
  property!: string;

  @Field({ description: "The value as the source gives it, as text (numbers in decimal)." })
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: 'How the source qualifies a figure: "more than", "around" …',
  })
  qualifier!: string | null;

  @Field(() => String, { nullable: true, description: "Unit of a figure, when it has one." })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: "Our note on how to read the claim." })
  note!: string | null;

  @Field(() => [Citation], { description: "The sources that make this claim." })
  sources!: Citation[];
}
