import { Field, ObjectType } from "type-graphql";
import { Citation } from "./citation.type";

@ObjectType({
  simpleResolvers: true,
  description: "Another name or spelling of an entity, including misspellings found in the sources.",
})
export class Alias {
  @Field({ description: "The alternative name as spelled." })
  name!: string;

  @Field({ description: "True when no source spells it this way: a common form added so searches find it." })
  inferred!: boolean;

  @Field(() => [Citation], { description: "Where the sources use this spelling (empty when inferred)." })
  sources!: Citation[];
}
