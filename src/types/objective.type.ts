import { Field, Int, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { Node } from "./node.interface";

@ObjectType({
  implements: [Node, Entity],
  description: "An objective or task of the Bali Process or one of its bodies.",
})
export class Objective extends Entity {
  @Field(() => Int, {
    nullable: true,
    description: "Its position in the numbered list of core objectives, where a source numbers them.",
  })
  number!: number | null;
}
