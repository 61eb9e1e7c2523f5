import { Field, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { Node } from "./node.interface";

@ObjectType({
  implements: [Node, Entity],
  description: "A state or territory that takes part in the Bali Process (id: ISO 3166-1 alpha-2 code).",
})
export class State extends Entity {
  @Field(() => String, {
    description: "country or territory (Hong Kong, Macau, New Caledonia are territories).",
  })
  type!: string;
}
