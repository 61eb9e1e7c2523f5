import { GRAPH_LIMITS } from "../limits/sizes";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from "type-graphql";
import type { GraphRecord } from "../repository/graph.repository";
import type { Context } from "../request/context";
import { RelationshipType } from "../types/enums";
import { Graph, PathsResult } from "../types/graph.type";
import { badInput } from "./errors";
import { checkId } from "./ids";
import { toCitations } from "./records-to-types";
import { selectedEdgeProperties, selectedProperties } from "./selection";

function toGraph(record: GraphRecord): Graph {
  return {
    nodes: record.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      type: typeof n.type === "string" ? n.type : null,
      entity: n,
    })),
    edges: record.edges.map((e) => ({ ...e, sources: toCitations(e.sources) })),
    truncated: record.truncated,
  };
}

/** A graph node always shows its id, kind, name and type; `entity` may ask for more. */
const GRAPH_NODE_PROPERTIES = ["id", "kind", "name", "type"];

/** What the nodes and edges of the graph at `path` below the field need from Neo4j. */
function graphProjection(info: GraphQLResolveInfo, context: Context, path: readonly string[]) {
  const entity = selectedProperties(info, [...path, "nodes", "entity"], context);
  return {
    node: [...new Set([...GRAPH_NODE_PROPERTIES, ...entity])].sort(),
    edge: selectedEdgeProperties(info, context, [], [...path, "edges"]),
  };
}

function within(value: number, min: number, max: number, argument: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`\`${argument}\` must be from ${min} to ${max}; got ${value}.`, argument);
  }
  return value;
}

/** Graph-shaped results for client visualisations. */
@Resolver()
export class GraphResolver {
  @Query(() => Graph, {
    nullable: true,
    description:
      "The entities within `depth` hops of an entity and the relationships between them; null for an unknown id.",
  })
  async neighbourhood(
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID, { description: "The centre." }) id: string,
    @Arg("depth", () => Int, {
      defaultValue: 1,
      description: `Hops from the centre, 1 to ${GRAPH_LIMITS.maxDepth}.`,
    })
    depth: number,
    @Arg("types", () => [RelationshipType], {
      nullable: true,
      description: "Follow only these relationship types.",
    })
    types: string[] | null,
    @Arg("limit", () => Int, {
      defaultValue: GRAPH_LIMITS.defaultNodes,
      description: `At most this many nodes (up to ${GRAPH_LIMITS.maxNodes}); nearer nodes are kept first.`,
    })
    limit: number,
  ): Promise<Graph | null> {
    within(depth, 1, GRAPH_LIMITS.maxDepth, "depth");
    within(limit, 1, GRAPH_LIMITS.maxNodes, "limit");
    const record = await context.repositories.graph.neighbourhood(
      checkId(id),
      depth,
      types ?? null,
      limit,
      graphProjection(info, context, []),
    );
    return record && toGraph(record);
  }

  @Query(() => PathsResult, {
    description: "Shortest paths between two entities (direction ignored), shortest first.",
  })
  async paths(
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("from", () => ID, { description: "Id of the entity to start from." }) from: string,
    @Arg("to", () => ID, { description: "Id of the entity to reach." }) to: string,
    @Arg("maxLength", () => Int, {
      defaultValue: 4,
      description: `Longest path, 1 to ${GRAPH_LIMITS.maxPathLength} edges.`,
    })
    maxLength: number,
    @Arg("limit", () => Int, {
      defaultValue: 3,
      description: `How many paths, 1 to ${GRAPH_LIMITS.maxPaths}.`,
    })
    limit: number,
    @Arg("types", () => [RelationshipType], {
      nullable: true,
      description: "Use only these relationship types.",
    })
    types: string[] | null,
  ): Promise<PathsResult> {
    checkId(from, "from");
    checkId(to, "to");
    if (from === to) throw badInput("`from` and `to` must be different entities.", "to");
    within(maxLength, 1, GRAPH_LIMITS.maxPathLength, "maxLength");
    within(limit, 1, GRAPH_LIMITS.maxPaths, "limit");
    const { paths, graph } = await context.repositories.graph.paths(
      from,
      to,
      maxLength,
      limit,
      types ?? null,
      graphProjection(info, context, ["graph"]),
    );
    return { paths: paths.map((p) => ({ ...p, length: p.edgeIds.length })), graph: toGraph(graph) };
  }
}
