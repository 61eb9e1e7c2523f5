import { Field, ID, InputType } from "type-graphql";
import { Direction, EntityKind, RelationshipType } from "../enums";

@InputType({
  description:
    'Matches entities that have a relationship of a type, optionally to a given entity, kind or type. Example: { type: CO_CHAIRS, direction: OUT, nodeType: "working-group" }.',
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

  @Field(() => String, {
    nullable: true,
    description: "The relationship has this role (member, observer …).",
  })
  role?: string | null;
}
