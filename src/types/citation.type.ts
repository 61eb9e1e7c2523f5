import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description: "Where a fact is stated: a source document and a range of its lines.",
})
export class Citation {
  @Field({ description: 'The citation as written in the data set, e.g. "003:66-89".' })
  citation!: string;

  @Field({ description: "Id of the source document (resolve it with `source`)." })
  sourceId!: string;

  @Field(() => Int, {
    nullable: true,
    description: "First line of the passage (1-based); null when a whole external source is cited.",
  })
  firstLine!: number | null;

  @Field(() => Int, { nullable: true, description: "Last line of the passage (inclusive); null likewise." })
  lastLine!: number | null;
}

/** Parses "003:66-89" or "007"; the data is validated before it is stored, so a bad string here is a bug. */
export function parseCitation(citation: string): Citation {
  const match = /^(\d{3})(?::(\d+)-(\d+))?$/.exec(citation);
  if (!match) throw new Error(`Malformed citation in the graph: ${JSON.stringify(citation)}`);
  const lines = match[2] === undefined ? null : [Number(match[2]), Number(match[3])];
  return { citation, sourceId: match[1]!, firstLine: lines?.[0] ?? null, lastLine: lines?.[1] ?? null };
}
