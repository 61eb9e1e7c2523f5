import type { EntityRecord } from "../model/records";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../request/context";
import { Citation } from "../types/citation.type";
import { Source } from "../types/source.type";

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source, { description: "The source document cited." })
  async source(@Root() citation: Citation, @Ctx() { loaders }: Context): Promise<EntityRecord> {
    const source = await loaders.entity.load(citation.sourceId);
    if (!source) throw new Error(`Citation ${citation.citation} names a source that is not in the graph`);
    return source;
  }
}
