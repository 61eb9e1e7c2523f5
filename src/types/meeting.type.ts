import { Field, Int, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { MeetingType } from "./enums";
import { Node } from "./node.interface";

@ObjectType({
  implements: [Node, Entity],
  description: "A meeting, conference, workshop, consultation or forum, with its dates.",
})
export class Meeting extends Entity {
  @Field(() => MeetingType, { description: "What kind of meeting it is." })
  type!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Its number in its series where the sources number it (the Sixth Ministerial Conference is 6).",
  })
  ordinal!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "First day (YYYY-MM-DD), or month (YYYY-MM) or year when only that is known; see `claims` when sources disagree.",
  })
  startDate!: string | null;

  @Field(() => String, { nullable: true, description: "Last day, for meetings over several days." })
  endDate!: string | null;

  @Field(() => Int, { nullable: true, description: "Year it took place." })
  year!: number | null;
}
