import { GraphQLJSON } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "A claim one source makes about a property of an entity." })
export class AddClaimInput {
  @Field(() => ID, { description: "The entity it is about." })
  subject!: string;

  @Field({ description: "The property, camelCase: memberCount, startDate, status …" })
  property!: string;

  @Field(() => GraphQLJSON, { description: "The value: a string, number or boolean." })
  value!: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'How the source qualifies it: "more than", "around" …',
  })
  qualifier?: string | null;

  @Field(() => String, { nullable: true, description: "Unit of a figure." })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: "A note on how to read it." })
  note?: string | null;

  @Field(() => ID, { nullable: true, description: "Its id (default: derived from subject and property)." })
  id?: string | null;
}
