import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Where a fact is stated: a source document and a range of its lines." })
export class Citation {
  @Field({ description: 'The citation as written in the data set, e.g. "003:66-89".' })
  citation!: string;

  @Field({ description: "Id of the source document (resolve it with `source`)." })
  sourceId!: string;

  @Field(() => Int, { description: "First line of the passage (1-based)." })
  firstLine!: number;

  @Field(() => Int, { description: "Last line of the passage (inclusive)." })
  lastLine!: number;
}

/** Parses "003:66-89"; the data set is validated, so a bad string here is a bug. */
export function parseCitation(citation: string): Citation {
  const match = /^(\d{3}):(\d+)-(\d+)$/.exec(citation);
  if (!match) throw new Error(`Malformed citation in the graph: ${JSON.stringify(citation)}`);
  return { citation, sourceId: match[1]!, firstLine: Number(match[2]), lastLine: Number(match[3]) };
}
