import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../request/context";
import { DatabaseInfo } from "../types/database-info.type";

@Resolver()
export class SystemResolver {
  @Query(() => DatabaseInfo, { description: "The Neo4j database serving this API: version and size." })
  database(@Ctx() { repositories }: Context): Promise<DatabaseInfo> {
    return repositories.system.databaseInfo();
  }
}
