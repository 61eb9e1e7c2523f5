import type { EntityRecord } from "../model/records";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Citation } from "./citation.type";
import { Direction, RelationshipType } from "./enums";

/** An edge as the loaders return it: the relationship seen from one of its ends. */
export interface EdgeRow {
  id: string;
  type: string;
  direction: Direction;
  role: string | null;
  since: string | null;
  until: string | null;
  action: string | null;
  frequency: string | null;
  year: number | null;
  properties: Record<string, unknown>;
  sources: Citation[];
  node: EntityRecord;
}

type GraphQLOutput = Parameters<typeof Field>[0];

/**
 * One edge type per kind of node at the far end, so every relationship field is typed
 * (`BodyEdge.node` is a `Body`) while edges share one shape.
 */
export function createEdgeType(name: string, nodeType: GraphQLOutput, nodeDescription: string) {
  @ObjectType(name, {
    simpleResolvers: true,
    description: `A relationship to ${nodeDescription}, with its properties and sources.`,
  })
  class Edge {
    @Field(() => ID, { description: "Stable id of the relationship." })
    id!: string;

    @Field(() => RelationshipType, { description: "The relationship type." })
    type!: string;

    @Field(() => Direction, {
      description: "OUT when this entity is the relationship's source, IN when its target.",
    })
    direction!: Direction;

    @Field(nodeType, { description: "The entity at the other end." })
    node!: EntityRecord;

    @Field(() => String, {
      nullable: true,
      description: "Role, where the sources give one (member, observer, business co-chair …).",
    })
    role!: string | null;

    @Field(() => String, { nullable: true, description: "Since when (year or date), where stated." })
    since!: string | null;

    @Field(() => String, { nullable: true, description: "Until when, where stated." })
    until!: string | null;

    @Field(() => String, {
      nullable: true,
      description: "For documents at meetings: adopted, endorsed or issued.",
    })
    action!: string | null;

    @Field(() => String, {
      nullable: true,
      description: "How often, for reporting lines (annually, biannually).",
    })
    frequency!: string | null;

    @Field(() => Int, {
      nullable: true,
      description: "Year of the relationship, where stated (e.g. established in).",
    })
    year!: number | null;

    @Field(() => GraphQLJSONObject, {
      description: "Every property of the relationship except id and sources.",
    })
    properties!: Record<string, unknown>;

    @Field(() => [Citation], { description: "The sources that state this relationship." })
    sources!: Citation[];
  }
  return Edge;
}
