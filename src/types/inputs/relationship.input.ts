import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";
import { RelationshipType } from "../enums";

@InputType({ description: "A new relationship `from TYPE to`." })
export class CreateRelationshipInput {
  @Field(() => RelationshipType, { description: "Its type." })
  type!: string;

  @Field(() => ID, { description: "Id of the entity it starts from." })
  from!: string;

  @Field(() => ID, { description: "Id of the entity it points to." })
  to!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Its properties: strings, numbers or booleans, e.g. { "role": "observer", "since": "2009" }.',
  })
  properties?: Record<string, unknown> | null;

  @Field(() => ID, { nullable: true, description: "Its id (default: from-TYPE-to, plus the role)." })
  id?: string | null;
}
