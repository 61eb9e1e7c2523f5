import { Field, InputType } from "type-graphql";

@InputType({ description: "A document to add to the graph with its text." })
export class AddSourceInput {
  @Field({ description: "Title of the document." })
  title!: string;

  @Field({ description: "Where it can be found: a URL or a bibliographic reference." })
  reference!: string;

  @Field({
    description:
      "The document's text, as plain text; its lines are numbered from 1 as an editor numbers them (the limit on its length is in the README's table of input bounds).",
  })
  text!: string;

  @Field(() => String, { nullable: true, description: "What it is, in a sentence." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "A note for the audit trail." })
  reason?: string | null;
}
