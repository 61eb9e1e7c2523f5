import type { EntityRecord } from "../model/records";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { MAX_SOURCE_LINES } from "../limits/sizes";
import type { Context } from "../request/context";
import { Citation } from "../types/citation.type";
import { Source, SourceLine } from "../types/source.type";
import { badInput } from "./errors";

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source, { description: "The source document cited." })
  async source(@Root() citation: Citation, @Ctx() { loaders }: Context): Promise<EntityRecord> {
    const source = await loaders.entity.load(citation.sourceId);
    if (!source) throw new Error(`Citation ${citation.citation} names a source that is not in the graph`);
    return source;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The cited lines, joined by newlines: null when the document's text is not loaded into this graph (the server's SOURCES_DIR setting) or the citation names a whole external source.",
  })
  async text(@Root() citation: Citation, @Ctx() { loaders }: Context): Promise<string | null> {
    if (citation.firstLine === null || citation.lastLine === null) return null;
    const lines = await loaders.sourceLines.load(citation.sourceId);
    if (!lines) return null;
    return lines.slice(citation.firstLine - 1, citation.lastLine).join("\n");
  }
}

@Resolver(() => Source)
export class SourceTextResolver {
  @FieldResolver(() => [SourceLine], {
    nullable: true,
    description: `Lines of the document, \`from\` one number \`to\` another, both included (at most ${MAX_SOURCE_LINES} at a time; \`to\` defaults to the end of that page): null when its text is not loaded into this graph (the server's SOURCES_DIR setting).`,
  })
  async lines(
    @Root() source: EntityRecord,
    @Ctx() { loaders }: Context,
    @Arg("from", () => Int, { defaultValue: 1, description: "First line, from 1." }) from: number,
    @Arg("to", () => Int, { nullable: true, description: "Last line (included)." }) to: number | null,
  ): Promise<SourceLine[] | null> {
    const last = to ?? from + MAX_SOURCE_LINES - 1;
    if (from < 1) throw badInput(`\`from\` is a line number from 1; got ${from}.`, "from");
    if (last < from) throw badInput(`\`to\` (${last}) is before \`from\` (${from}).`, "to");
    if (last - from + 1 > MAX_SOURCE_LINES) {
      throw badInput(
        `At most ${MAX_SOURCE_LINES} lines at a time; \`from\` ${from} \`to\` ${last} is ${last - from + 1}.`,
        "to",
      );
    }
    const lines = await loaders.sourceLines.load(source.id);
    if (!lines) return null;
    return lines.slice(from - 1, last).map((text, i) => ({ number: from + i, text }));
  }
}
