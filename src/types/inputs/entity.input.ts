import { Field, ID, InputType, Int } from "type-graphql";
import { EntityKind } from "../enums";

@InputType({ description: "Another name or spelling of an entity." })
export class AliasInput {
  @Field({ description: "The name as spelled." })
  name!: string;

  @Field({ defaultValue: false, description: "True when no source spells it so (a form added for search)." })
  inferred!: boolean;
}

@InputType({ description: "The fields of an entity, as the data set's contract for its kind allows them." })
export class EntityFieldsInput {
  @Field(() => String, { nullable: true, description: "Name (required when creating)." })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Type within the kind, as in the data set: "working-group", "ministerial-conference", "country" …',
  })
  type?: string | null;

  @Field(() => String, { nullable: true, description: "A short description in your own words." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Acronym (organisations and bodies)." })
  acronym?: string | null;

  @Field(() => Int, { nullable: true, description: "Number in its series (meetings)." })
  ordinal?: number | null;

  @Field(() => Int, { nullable: true, description: "Number in the list of objectives (objectives)." })
  number?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Start date YYYY, YYYY-MM or YYYY-MM-DD (meetings, events).",
  })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: "End date (meetings, events)." })
  endDate?: string | null;

  @Field(() => String, { nullable: true, description: "Date (documents)." })
  date?: string | null;

  @Field(() => [AliasInput], { nullable: true, description: "Other names; replaces the list when given." })
  aliases?: AliasInput[] | null;
}

@InputType({ description: "A new entity." })
export class CreateEntityInput extends EntityFieldsInput {
  @Field(() => EntityKind, { description: "Its kind (not SOURCE: sources are added through newSources)." })
  kind!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "Its id: required for states (ISO 3166-1 alpha-2); otherwise derived from the name when omitted.",
  })
  id?: string | null;
}
