import { Field, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { OrganisationType } from "./enums";
import { Node } from "./node.interface";

@ObjectType({
  implements: [Node, Entity],
  description: "An international or national organisation, company, foundation or university.",
})
export class Organisation extends Entity {
  @Field(() => OrganisationType, { description: "What kind of organisation it is." })
  type!: string;

  @Field(() => String, { nullable: true, description: "Usual acronym, e.g. UNHCR." })
  acronym!: string | null;
}
