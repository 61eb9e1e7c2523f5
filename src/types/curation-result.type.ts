import type { EntityRecord } from "../model/records";
import { Field, ObjectType } from "type-graphql";
import { AuditEntry } from "./audit.type";
import { Claim } from "./claim.type";
import { Entity } from "./entity.interface";
import { GraphEdge } from "./graph.type";

@ObjectType({
  simpleResolvers: true,
  description: "The result of a change: its audit entry, and what it created or changed.",
})
export class CurationResult {
  @Field(() => AuditEntry, { description: "The audit entry recorded with the change." })
  audit!: AuditEntry;

  @Field(() => Entity, { nullable: true, description: "The entity created or updated." })
  entity?: EntityRecord | null;

  @Field(() => GraphEdge, { nullable: true, description: "The relationship created or updated." })
  relationship?: GraphEdge | null;

  @Field(() => Claim, { nullable: true, description: "The claim added." })
  claim?: Claim | null;
}
