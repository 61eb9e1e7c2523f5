import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description: "The Neo4j database behind this API, as it reports itself.",
})
export class DatabaseInfo {
  @Field({ description: "Product name, e.g. Neo4j Kernel." })
  name!: string;

  @Field({ description: "Neo4j version, e.g. 5.26.0." })
  version!: string;

  @Field({ description: "Neo4j edition: community or enterprise." })
  edition!: string;

  @Field(() => Int, { description: "Number of nodes in the graph." })
  nodeCount!: number;

  @Field(() => Int, { description: "Number of relationships in the graph." })
  relationshipCount!: number;
}
