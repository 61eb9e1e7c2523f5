import { Field, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { Node } from "./node.interface";

@ObjectType({
  implements: [Node, Entity],
  description: "A city, region or building (countries are `State`s).",
})
export class Place extends Entity {
  @Field(() => String, { description: "city, region, island, building or area." })
  type!: string;
}
