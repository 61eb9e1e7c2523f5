import { Field, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { BodyType } from "./enums";
import { Node } from "./node.interface";

@ObjectType({
  implements: [Node, Entity],
  description:
    "A forum, group, working group, task force, network, office, framework or other body of the Bali Process.",
})
export class Body extends Entity {
  @Field(() => BodyType, { description: "What kind of body it is." })
  type!: string;

  @Field(() => String, { nullable: true, description: "Usual acronym, e.g. AHG or RSO." })
  acronym!: string | null;
}
