import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../limits/sizes";
import { ArgsType, Field, Int } from "type-graphql";
import { EntityFilter } from "./entity-filter.input";
import { OrderBy, SortField } from "./order.input";
import { SortDirection } from "../enums";

/** A page of a connection: `first`/`after` forward, `last`/`before` backward. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size counted from the start or from \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return items after this cursor." })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page size counted back from the end or from \`before\` (at most ${MAX_PAGE_SIZE}).`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Return items before this cursor." })
  before?: string | null;
}

@ArgsType()
export class ListArgs extends PageArgs {
  @Field(() => EntityFilter, { nullable: true, description: "Which items to include." })
  filter?: EntityFilter | null;

  @Field(() => OrderBy, {
    defaultValue: { field: SortField.NAME, direction: SortDirection.ASC },
    description: "Sort order (default: by name).",
  })
  orderBy!: OrderBy;
}
