import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { Direction, EntityKind, RelationshipType } from "../enums";
import { DateRange } from "./date-range.input";
// A cycle on purpose: a relationship condition filters the entity at its other end. The
// field's type is read through a thunk, when the schema is built, after both classes exist.
import { EntityFilter } from "./entity-filter.input";

export enum Quantifier {
  SOME = "SOME",
  NONE = "NONE",
  ALL = "ALL",
}
registerEnumType(Quantifier, {
  name: "Quantifier",
  description: "How many of an entity's relationships of the type must match the condition.",
  valuesConfig: {
    SOME: { description: "At least one (with `count`: a number of entities in its range)." },
    NONE: { description: "None." },
    ALL: {
      description:
        "Every one, and there is at least one relationship of the type and direction (to require none or all, OR this with a `notRelated` condition on the type).",
    },
  },
});

@InputType({
  description: "A range of counts, both ends included; either end may be left open (at least one is given).",
})
export class CountRange {
  @Field(() => Int, { nullable: true, description: "At least this many." })
  min?: number | null;

  @Field(() => Int, { nullable: true, description: "At most this many." })
  max?: number | null;
}

@InputType({
  description:
    'Matches entities by their relationships of a type: to a given entity, kind or type, to entities that pass a filter of their own (`where`), with properties of the relationship and the sources that state it, some, none, all or a number of them. Example: { type: CO_CHAIRS, direction: OUT, where: { types: ["working-group"], related: [{ type: OPERATES_UNDER, direction: OUT, id: "ad-hoc-group" }] } }.',
})
export class RelatedFilter {
  @Field(() => RelationshipType, { description: "The relationship type." })
  type!: string;

  @Field(() => Direction, {
    defaultValue: Direction.BOTH,
    description: "OUT: from the entity; IN: to it; BOTH.",
  })
  direction!: Direction;

  @Field(() => ID, {
    nullable: true,
    description:
      'The entity at the other end is this one: an id, a name or an alias ("ad-hoc-group", "AHG"), ignoring case and accents. An exact id wins; a name of several entities is refused with the candidates; a text that names no entity matches none.',
  })
  id?: string | null;

  @Field(() => EntityKind, { nullable: true, description: "The entity at the other end is of this kind." })
  kind?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The entity at the other end has this type, as in the data set: "working-group", "ministerial-conference" …',
  })
  nodeType?: string | null;

  @Field(() => EntityFilter, {
    nullable: true,
    description:
      "The entity at the other end passes this filter, which may hold relationship conditions of its own (nested up to the input depth bound).",
  })
  where?: EntityFilter | null;

  @Field(() => String, {
    nullable: true,
    description: "The relationship has this role (member, observer …).",
  })
  role?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The relationship has this action (adopted, endorsed, issued …; ADOPTED_AT, ENDORSED_BY).",
  })
  action?: string | null;

  @Field(() => DateRange, {
    nullable: true,
    description:
      'The relationship holds since a date in this range, at any precision (its `since`: "2002" or a day); `{ from: "2002-03" }` matches a `since` of "2002", which may be any day of that year.',
  })
  since?: DateRange | null;

  @Field(() => DateRange, {
    nullable: true,
    description: "The relationship held until a date in this range, at any precision (its `until`).",
  })
  until?: DateRange | null;

  @Field(() => DateRange, {
    nullable: true,
    description: "The relationship's `year` is in this range (ESTABLISHED_AT, PARTICIPATED_IN …).",
  })
  year?: DateRange | null;

  @Field(() => String, {
    nullable: true,
    description: 'One of the relationship\'s citations is of this source document, by its id ("003").',
  })
  source?: string | null;

  @Field(() => Quantifier, {
    defaultValue: Quantifier.SOME,
    description:
      "How many of the entity's relationships of the type and direction must meet the other conditions: SOME, NONE or ALL.",
  })
  quantifier!: Quantifier;

  @Field(() => CountRange, {
    nullable: true,
    description:
      "How many distinct entities at the other end meet the conditions (with quantifier SOME only; min 0 includes entities with none).",
  })
  count?: CountRange | null;
}
