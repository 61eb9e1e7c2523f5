import { Field, ID, InterfaceType } from "type-graphql";
import { Alias } from "./alias.type";
import { Citation } from "./citation.type";
import { Claim } from "./claim.type";
import { EntityKind } from "./enums";
import { Node } from "./node.interface";

export type { EntityRecord as EntityRow } from "../model/records";

@InterfaceType({
  implements: Node,
  description:
    "Anything in the knowledge graph: a state, organisation, body, meeting, document, place, person, objective, event or source.",
  resolveType: (value: { kind?: string }) => value.kind,
})
export abstract class Entity extends Node {
  @Field(() => ID, {
    description: "Stable id: ISO 3166-1 alpha-2 for states, three digits for sources, a slug otherwise.",
  })
  declare id: string;

  @Field(() => EntityKind, { description: "What kind of entity this is." })
  kind!: string;

  @Field({ description: "The name used in this graph (the most common or official form)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "A short description in the data set's own words." })
  description!: string | null;

  @Field(() => [Alias], { description: "Other names and spellings, with where each occurs." })
  aliases!: Alias[];

  @Field(() => [Citation], { description: "The sources that state this entity exists or describe it." })
  sources!: Citation[];

  @Field(() => [Claim], {
    description:
      "What the sources state about its properties (counts, dates, figures, status), each with its sources.",
  })
  claims!: Claim[];
}
