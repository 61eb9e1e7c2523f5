import { Field, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Relay page information for cursor pagination." })
export class PageInfo {
  @Field({ description: "More items follow the last edge (forward pagination)." })
  hasNextPage!: boolean;

  @Field({ description: "Items precede the first edge (backward pagination, or a page after a cursor)." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of the page." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last edge; pass it as `after` for the next page.",
  })
  endCursor!: string | null;
}
