import { Field, ID, InputType, Int } from "type-graphql";

@InputType({
  description: "A passage of an existing source: its id and, for the source documents, the lines.",
})
export class CitationInput {
  @Field(() => ID, { description: 'Source id, e.g. "003".' })
  sourceId!: string;

  @Field(() => Int, { nullable: true, description: "First line (required for sources with line numbers)." })
  firstLine?: number | null;

  @Field(() => Int, { nullable: true, description: "Last line (default: the first line)." })
  lastLine?: number | null;
}

@InputType({
  description: "A source not yet in the graph; it is added as an external source with the next free id.",
})
export class NewSourceInput {
  @Field({ description: "Title of the source." })
  title!: string;

  @Field({ description: "Where it can be found: a URL or a bibliographic reference." })
  reference!: string;

  @Field(() => String, { nullable: true, description: "What it is, in a sentence." })
  description?: string | null;
}

@InputType({ description: "Why a change is made. At least one source, existing or new, is required." })
export class ProvenanceInput {
  @Field(() => [CitationInput], { defaultValue: [], description: "Passages of existing sources." })
  sources!: CitationInput[];

  @Field(() => [NewSourceInput], { defaultValue: [], description: "New sources to add and cite." })
  newSources!: NewSourceInput[];

  @Field(() => String, { nullable: true, description: "A note for the audit trail." })
  reason?: string | null;
}
