import { GRAPH_LIMITS } from "../limits/sizes";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from "type-graphql";
import type { GraphRecord } from "../repository/graph.repository";
import type { Context } from "../request/context";
import { EntityKind, RelationshipType } from "../types/enums";
import { Graph, PathsResult } from "../types/graph.type";
import { badInput } from "./errors";
import { entityArguments } from "./references";
import { toCitations } from "./records-to-types";
import { selectedEdgeProperties, selectedFieldNames, selectedProperties } from "./selection";

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
    coMentions: [],
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
      "The entities within `depth` hops of an entity and the relationships between them; null for an unknown id. The entity may be named by id, name or alias.",
  })
  async neighbourhood(
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID, {
      description:
        'The centre: an id, a name or an alias ("NZ", "New Zealand", "AHG"), ignoring case and accents. An exact id wins; a name of several entities is refused with the candidates.',
    })
    id: string,
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
    @Arg("coMentions", () => Boolean, {
      defaultValue: false,
      description:
        "Also give `coMentions`: the pairs of these nodes that source documents name together, weighted by documents and lines (one more statement).",
    })
    coMentions: boolean,
  ): Promise<Graph | null> {
    within(depth, 1, GRAPH_LIMITS.maxDepth, "depth");
    within(limit, 1, GRAPH_LIMITS.maxNodes, "limit");
    const projection = graphProjection(info, context, []);
    const around = (centre: string) =>
      context.repositories.graph.neighbourhood(centre, depth, types ?? null, limit, projection);
    // An exact id wins over names, so the text is tried as an id first: one statement for
    // the usual request, and the names read only when no entity has that id.
    let record = id.trim() === "" ? null : await around(id);
    if (!record) {
      const [centre] = await entityArguments(context, [{ text: id, argument: "id" }]);
      if (centre !== id) record = await around(centre!);
    }
    if (!record) return null;
    const graph = toGraph(record);
    if (coMentions && selectedFieldNames(info, context).includes("coMentions")) {
      graph.coMentions = (await context.repositories.mentions.coMentions(graph.nodes.map((n) => n.id))).map(
        ({ a, b, documents, lines }) => ({ source: a, target: b, documents, lines }),
      );
    }
    return graph;
  }

  @Query(() => PathsResult, {
    description:
      "Shortest simple paths between two entities (direction ignored): no path visits an entity twice, no two paths are the same, shortest first. The ends may be named by id, name or alias.",
  })
  async paths(
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("from", () => ID, {
      description:
        'The entity to start from: an id, a name or an alias ("NZ", "New Zealand"), ignoring case and accents. An exact id wins; a name of several entities is refused with the candidates.',
    })
    from: string,
    @Arg("to", () => ID, {
      description: "The entity to reach: an id, a name or an alias, as `from`.",
    })
    to: string,
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
      description: "Go through only these relationship types.",
    })
    types: string[] | null,
    @Arg("avoidTypes", () => [RelationshipType], {
      nullable: true,
      description: "Never go through these relationship types.",
    })
    avoidTypes: string[] | null,
    @Arg("throughKinds", () => [EntityKind], {
      nullable: true,
      description: "Go only through entities of these kinds (the two ends may be of any kind).",
    })
    throughKinds: string[] | null,
    @Arg("avoidKinds", () => [EntityKind], {
      nullable: true,
      description: "Never go through entities of these kinds (the two ends may be of any kind).",
    })
    avoidKinds: string[] | null,
  ): Promise<PathsResult> {
    within(maxLength, 1, GRAPH_LIMITS.maxPathLength, "maxLength");
    within(limit, 1, GRAPH_LIMITS.maxPaths, "limit");
    if (types && types.length > 0 && types.every((t) => avoidTypes?.includes(t)))
      throw badInput("`avoidTypes` leaves none of `types` to go through.", "avoidTypes");
    if (throughKinds && throughKinds.length > 0 && throughKinds.every((k) => avoidKinds?.includes(k)))
      throw badInput("`avoidKinds` leaves none of `throughKinds` to go through.", "avoidKinds");
    const sameEntity = (start: string) =>
      badInput(`\`from\` and \`to\` must be different entities; both are ${JSON.stringify(start)}.`, "to");
    if (from === to && from.trim() !== "") throw sameEntity(from);
    const projection = graphProjection(info, context, ["graph"]);
    // Without `graph` selected, the paths' ids are all that is read.
    const withGraph = selectedFieldNames(info, context).includes("graph");
    const between = (start: string, end: string) =>
      context.repositories.graph.paths(
        start,
        end,
        maxLength,
        limit,
        {
          types: types ?? null,
          avoidTypes: avoidTypes ?? null,
          kinds: throughKinds ?? null,
          avoidKinds: avoidKinds ?? null,
        },
        projection,
        { graph: withGraph },
      );
    // An exact id wins over names, so the texts are tried as ids first: a path found means
    // both are ids, in one statement; otherwise the names are read and, if they name other
    // entities, asked again.
    let found = from.trim() === "" || to.trim() === "" ? null : await between(from, to);
    if (!found || found.paths.length === 0) {
      const [start, end] = await entityArguments(context, [
        { text: from, argument: "from" },
        { text: to, argument: "to" },
      ]);
      if (start === end) throw sameEntity(start!);
      if (!found || start !== from || end !== to) found = await between(start!, end!);
    }
    const { paths, graph } = found;
    return { paths: paths.map((p) => ({ ...p, length: p.edgeIds.length })), graph: toGraph(graph) };
  }
}
