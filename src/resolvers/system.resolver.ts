import { Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../request/context";
import { DatabaseInfo } from "../types/database-info.type";

@Resolver()
export class SystemResolver {
  @Query(() => DatabaseInfo, { description: "The Neo4j database serving this API: version and size." })
  database(@Ctx() { repositories }: Context): Promise<DatabaseInfo> {
    return repositories.system.databaseInfo();
  }

  @Query(() => Int, {
    description:
      "The graph's version: a number raised by every change (each curation mutation, each seed import) in the change's own transaction. Cached answers are keyed by it; a client can compare it to tell whether anything changed.",
  })
  async graphVersion(@Ctx() { repositories }: Context): Promise<number> {
    return (await repositories.versions.current()).version;
  }
}
