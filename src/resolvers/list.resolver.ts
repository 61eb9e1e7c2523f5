import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import { ENTITY_KINDS, type KindRow } from "../model/kinds";
import type { Context } from "../request/context";
import { connectionType } from "../types/connections";
import { ListArgs } from "../types/inputs/list.args";
import { addMethod, namedClass } from "./by-hand";
import { listEntities } from "./list";

/** Sources are nodes of their own rather than an entity kind, with a list like every kind. */
const SOURCE_LIST = {
  kind: "Source",
  list: { field: "sources", description: "The source documents the graph is built from." },
};

/**
 * The typed root lists, one per row of the kinds table (`states`, `bodies` …) and
 * `sources`: filter, sort, and page through one kind of entity.
 */
function buildListResolver(rows: readonly Pick<KindRow, "kind" | "list">[]) {
  const ListResolver = namedClass("ListResolver");
  for (const { kind, list } of rows) {
    addMethod(
      ListResolver,
      list.field,
      (args: ListArgs, context: Context, info: GraphQLResolveInfo) => listEntities(kind, args, context, info),
      [
        { decorator: Args(() => ListArgs), type: ListArgs },
        { decorator: Ctx(), type: Object },
        { decorator: Info(), type: Object },
      ],
      Query(() => connectionType(kind), { description: list.description }),
    );
  }
  Resolver()(ListResolver);
  return ListResolver;
}

export const ListResolver = buildListResolver([...(ENTITY_KINDS as readonly KindRow[]), SOURCE_LIST]);
