import { Field, Int, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { Node } from "./node.interface";

@ObjectType({
  implements: [Node, Entity],
  description: "One of the source documents every fact in the graph is cited from.",
})
export class Source extends Entity {
  @Field(() => String, { description: "File name of the document." })
  file!: string;

  @Field(() => String, { description: "Title of the document." })
  title!: string;

  @Field(() => String, {
    description:
      "What the document is: official overview, profile, news, encyclopedia article, government page.",
  })
  documentKind!: string;

  @Field(() => Int, { description: "Number of lines; citations give line ranges within it." })
  lineCount!: number;
}
