import type { EntityRecord } from "../model/records";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Citation } from "./citation.type";
import { Entity } from "./entity.interface";
import { EntityKind, RelationshipType } from "./enums";

@ObjectType({
  simpleResolvers: true,
  description: "A node of a graph result: enough to draw it, and the full entity when wanted.",
})
export class GraphNode {
  @Field(() => ID, { description: "Entity id; edges refer to it as source and target." })
  id!: string;

  @Field(() => EntityKind, { description: "Kind, for colouring." })
  kind!: string;

  @Field({ description: "Name, for the label." })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "Finer type (working-group, ministerial-conference …).",
  })
  type!: string | null;

  @Field(() => Entity, { description: "The entity, for any further field." })
  entity!: EntityRecord;
}

@ObjectType({
  simpleResolvers: true,
  description: "An edge of a graph result, in the shape graph libraries take (source → target).",
})
export class GraphEdge {
  @Field(() => ID, { description: "Relationship id." })
  id!: string;

  @Field(() => RelationshipType, { description: "Relationship type, for the label and filtering." })
  type!: string;

  @Field(() => ID, { description: "Id of the start node." })
  source!: string;

  @Field(() => ID, { description: "Id of the end node." })
  target!: string;

  @Field(() => GraphQLJSONObject, { description: "Properties of the relationship (role, year …)." })
  properties!: Record<string, unknown>;

  @Field(() => [Citation], { description: "The sources that state it." })
  sources!: Citation[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    "Two nodes of a graph result that the same source documents name: a link for drawing, weighted by how many documents name both and on how many lines both are named together. Not a fact: the documents were read by the server, not by a curator.",
})
export class CoMention {
  @Field(() => ID, { description: "Id of one node (the smaller id)." })
  source!: string;

  @Field(() => ID, { description: "Id of the other node." })
  target!: string;

  @Field(() => Int, { description: "How many documents name both." })
  documents!: number;

  @Field(() => Int, { description: "On how many lines, over those documents, both are named." })
  lines!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A subgraph as { nodes, edges }: maps directly onto Cytoscape.js elements, graphology and vis-network data sets.",
})
export class Graph {
  @Field(() => [GraphNode], { description: "The nodes, nearest first." })
  nodes!: GraphNode[];

  @Field(() => [GraphEdge], { description: "The edges between them." })
  edges!: GraphEdge[];

  @Field({ description: "True when the node limit cut the result short." })
  truncated!: boolean;

  @Field(() => [CoMention], {
    description:
      "Pairs of its nodes named together by source documents: empty unless asked for (`neighbourhood(coMentions: true)`).",
  })
  coMentions!: CoMention[];
}

@ObjectType({
  simpleResolvers: true,
  description: "One path: its nodes and edges in order from `from` to `to`.",
})
export class Path {
  @Field(() => Int, { description: "Number of edges." })
  length!: number;

  @Field(() => [ID], { description: "Node ids in order." })
  nodeIds!: string[];

  @Field(() => [ID], { description: "Edge ids in order." })
  edgeIds!: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: "Paths between two entities, shortest first, and the subgraph they span.",
})
export class PathsResult {
  @Field(() => [Path], { description: "The paths, shortest first; empty when none within maxLength." })
  paths!: Path[];

  @Field(() => Graph, { description: "Every node and edge on those paths, for drawing." })
  graph!: Graph;
}
