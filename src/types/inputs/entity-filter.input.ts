import { Field, ID, InputType, Int } from "type-graphql";
import { DateRange } from "./date-range.input";
import { RelatedFilter } from "./related-filter.input";

@InputType({
  description:
    "Filters a list. All given conditions must hold; combine with AND, OR and NOT. Text matches ignore case.",
})
export class EntityFilter {
  @Field(() => [EntityFilter], { nullable: true, description: "All of these filters hold." })
  AND?: EntityFilter[] | null;

  @Field(() => [EntityFilter], { nullable: true, description: "At least one of these filters holds." })
  OR?: EntityFilter[] | null;

  @Field(() => EntityFilter, { nullable: true, description: "This filter does not hold." })
  NOT?: EntityFilter | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'The entity is one of these, each an id, a name or an alias ("NZ", "New Zealand"), ignoring case and accents. An exact id wins; a name of several entities is refused with the candidates; a text that names no entity matches none.',
  })
  ids?: string[] | null;

  @Field(() => String, { nullable: true, description: "The name contains this text." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "The name or one of the aliases contains this text." })
  nameOrAlias?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'The type is one of these, as in the data set ("working-group", "ministerial-conference", "country" …).',
  })
  types?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description: "Took place or dates from this year (meetings, documents).",
  })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: "In this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "In this year or earlier." })
  yearTo?: number | null;

  @Field(() => DateRange, {
    nullable: true,
    description:
      "Its dates (meetings and events: from start to end; documents: its date) may fall in this range: a date known only to the month or year matches when that month or year overlaps the range (see `datePrecision`).",
  })
  date?: DateRange | null;

  @Field(() => [RelatedFilter], { nullable: true, description: "Has every one of these relationships." })
  related?: RelatedFilter[] | null;

  @Field(() => [RelatedFilter], { nullable: true, description: "Has none of these relationships." })
  notRelated?: RelatedFilter[] | null;
}
