import { Field, Int, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { Node } from "./node.interface";

@ObjectType({
  simpleResolvers: true,
  implements: [Node, Entity],
  description:
    "A source every fact in the graph is cited from: one of the five documents of the data set, or an external source added by a curator.",
})
export class Source extends Entity {
  @Field(() => String, {
    nullable: true,
    description: "File name of the document (null for external sources).",
  })
  file!: string | null;

  @Field(() => String, { description: "Title of the document." })
  title!: string;

  @Field(() => String, {
    description:
      "What the document is: official overview, profile, news, encyclopedia article, government page, or external.",
  })
  documentKind!: string;

  @Field(() => Int, {
    nullable: true,
    description: "Number of lines; citations give line ranges within it (null for external sources).",
  })
  lineCount!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Where an external source can be found: a URL or a reference.",
  })
  reference!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "One line of a source document, as numbered by its citations.",
})
export class SourceLine {
  @Field(() => Int, { description: "Its number, from 1." })
  number!: number;

  @Field(() => String, { description: "Its text (empty for a blank line)." })
  text!: string;
}
