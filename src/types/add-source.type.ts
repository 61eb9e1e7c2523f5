import type { EntityRecord } from "../model/records";
import { Field, Int, ObjectType } from "type-graphql";
import { AuditEntry } from "./audit.type";
import { Entity } from "./entity.interface";
import { Source } from "./source.type";

@ObjectType({ simpleResolvers: true, description: "An entity the added document names, and how." })
export class FoundMention {
  @Field(() => Entity, { description: "The entity." })
  entity!: EntityRecord;

  @Field(() => [Int], { description: "The lines that name it, from 1." })
  lines!: number[];

  @Field(() => [String], { description: "The names the document uses for it, as written." })
  names!: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: "A name the document uses that more than one entity answers to: not linked.",
})
export class AmbiguousName {
  @Field({ description: "The name, as written." })
  name!: string;

  @Field(() => [Entity], { description: "The entities that answer to it." })
  candidates!: EntityRecord[];

  @Field(() => [Int], { description: "The lines that use it." })
  lines!: number[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A run of capitalised words (two or more) that names nothing the graph knows: perhaps an entity to add, for a curator to review.",
})
export class UnknownName {
  @Field({ description: "The words, as written." })
  name!: string;

  @Field(() => [Int], { description: "The lines that use them." })
  lines!: number[];
}

@ObjectType({
  simpleResolvers: true,
  description: "A document added: its source, its audit entry, and what its text names.",
})
export class AddSourceResult {
  @Field(() => Source, { description: "The new source, with the next free id." })
  source!: EntityRecord;

  @Field(() => AuditEntry, { description: "The audit entry recorded with it." })
  audit!: AuditEntry;

  @Field(() => [FoundMention], { description: "The entities it names, linked by MENTIONS, by id." })
  mentions!: FoundMention[];

  @Field(() => [AmbiguousName], { description: "Names it uses that several entities answer to: not linked." })
  ambiguous!: AmbiguousName[];

  @Field(() => [UnknownName], {
    description: "Capitalised names that match nothing known, in the order they first occur (at most 200).",
  })
  unknown!: UnknownName[];
}
