import { Field, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { Node } from "./node.interface";

@ObjectType({ implements: [Node, Entity], description: "Something that happened: a crisis, an operation." })
export class Event extends Entity {
  @Field(() => String, { description: "crisis, operation, founding or other." })
  type!: string;

  @Field(() => String, { nullable: true, description: "When it began." })
  startDate!: string | null;

  @Field(() => String, { nullable: true, description: "When it ended." })
  endDate!: string | null;
}
