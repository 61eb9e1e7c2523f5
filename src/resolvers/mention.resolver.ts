import type { EntityRecord } from "../model/records";
import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MentionPage } from "../repository/mentions.repository";
import { encodeCursor } from "../repository/pagination";
import type { Context } from "../request/context";
import type { ConnectionValue } from "../types/connection.type";
import { Entity } from "../types/entity.interface";
import { PageArgs } from "../types/inputs/list.args";
import { Mention, MentionConnection } from "../types/mention.type";
import { Source, SourceLine } from "../types/source.type";
import { pageInfoOf, pageOf } from "./list";

function connection(found: MentionPage, page: ReturnType<typeof pageOf>): ConnectionValue<Mention> {
  const edges = found.rows.map((record) => ({
    cursor: encodeCursor({ key: record.sortKey, id: record.cursorId }),
    node: { lines: record.lines, count: record.lines.length, record },
  }));
  return {
    edges,
    pageInfo: pageInfoOf(
      page,
      edges.map((edge) => edge.cursor),
      found.hasMore,
    ),
    count: () => Promise.resolve(found.total),
  };
}

@Resolver(() => Mention)
export class MentionResolver {
  @FieldResolver(() => Source, { description: "The document." })
  async source(@Root() mention: Mention, @Ctx() { loaders }: Context): Promise<EntityRecord> {
    const source = await loaders.entity.load(mention.record.source);
    if (!source)
      throw new Error(`A mention names source ${mention.record.source}, which is not in the graph`);
    return source;
  }

  @FieldResolver(() => Entity, { description: "The entity it names." })
  async entity(@Root() mention: Mention, @Ctx() { loaders }: Context): Promise<EntityRecord> {
    const entity = await loaders.entity.load(mention.record.entity);
    if (!entity)
      throw new Error(`A mention names entity ${mention.record.entity}, which is not in the graph`);
    return entity;
  }

  @FieldResolver(() => [SourceLine], {
    nullable: true,
    description:
      "The lines that name the entity, with their text: null when the document's text is not loaded into this graph (the server's SOURCES_DIR setting).",
  })
  async passages(@Root() mention: Mention, @Ctx() { loaders }: Context): Promise<SourceLine[] | null> {
    const lines = await loaders.sourceLines.load(mention.record.source);
    if (!lines) return null;
    return mention.lines.map((number) => ({ number, text: lines[number - 1] ?? "" }));
  }
}

@Resolver(() => Entity)
export class EntityMentionsResolver {
  @FieldResolver(() => MentionConnection, {
    description:
      "The source documents whose text names this entity, by source id: where to read about it. Found by the server in each document's text, not stated as facts.",
  })
  async mentionedIn(
    @Root() entity: EntityRecord,
    @Ctx() { loaders }: Context,
    @Args() args: PageArgs,
  ): Promise<ConnectionValue<Mention>> {
    const page = pageOf(args);
    return connection(await loaders.mentionedIn(page).load(entity.id), page);
  }
}

@Resolver(() => Source)
export class SourceMentionsResolver {
  @FieldResolver(() => MentionConnection, {
    description:
      "The entities this document's text names, in the order it first names them. Found by the server in the text (for the five documents of the data set, kept in seed/mentions.json), not stated as facts.",
  })
  async mentions(
    @Root() source: EntityRecord,
    @Ctx() { loaders }: Context,
    @Args() args: PageArgs,
  ): Promise<ConnectionValue<Mention>> {
    const page = pageOf(args);
    return connection(await loaders.mentionsOf(page).load(source.id), page);
  }
}
