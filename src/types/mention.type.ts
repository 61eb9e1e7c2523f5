import { Field, Int, ObjectType } from "type-graphql";
import type { MentionRecord } from "../repository/mentions.repository";
import { createConnectionType } from "./connection.type";

@ObjectType({
  simpleResolvers: true,
  description:
    "Where a source document names an entity: found in its text by the entity's name, acronym or aliases (whole words; case, accents and punctuation ignored; acronyms only in capitals). A pointer for reading, not a fact: no relationship, neighbourhood or count includes it.",
})
export class Mention {
  @Field(() => [Int], { description: "The lines that name the entity, from 1, ascending." })
  lines!: number[];

  @Field(() => Int, { description: "How many lines name the entity." })
  count!: number;

  /** The ids of the two ends, for the field resolvers. */
  record!: MentionRecord;
}

export const { Connection: MentionConnection, ConnectionResolver: MentionConnectionResolver } =
  createConnectionType("Mention", () => Mention);
