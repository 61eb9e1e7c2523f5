import { Field, Int, ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { DocumentType } from "./enums";
import { Node } from "./node.interface";

@ObjectType({
  implements: [Node, Entity],
  description: "A declaration, statement, recommendation, guide, handbook, report, law or other document.",
})
export class Document extends Entity {
  @Field(() => DocumentType, { description: "What kind of document it is." })
  type!: string;

  @Field(() => String, { nullable: true, description: "Date or year of the document when known." })
  date!: string | null;

  @Field(() => Int, { nullable: true, description: "Year of the document when known." })
  year!: number | null;
}
