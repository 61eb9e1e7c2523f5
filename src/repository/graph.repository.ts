import { MENTIONS } from "../model/mentions";
import type { Executor } from "../db/executor";
import {
  listProjection,
  mapProjection,
  relationshipProperties,
  relationshipTypeToken,
  rowFromList,
} from "./cypher";
import { publicProperties } from "../model/properties";
import type { EntityRecord, RelationshipProjection } from "../model/records";

export interface GraphEdgeRecord {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
  sources: string[];
}

export interface GraphRecord {
  nodes: EntityRecord[];
  edges: GraphEdgeRecord[];
  truncated: boolean;
}

/** Which relationships and entities a path may go through (see GraphRepository.paths). */
export interface PathFilter {
  types?: readonly string[] | null;
  avoidTypes?: readonly string[] | null;
  kinds?: readonly string[] | null;
  avoidKinds?: readonly string[] | null;
}

export interface PathRecord {
  nodeIds: string[];
  edgeIds: string[];
}

/** An edge with the relationship properties given (all when null or absent). */
const edgeProjection = (properties: readonly string[] | null | undefined) =>
  `{ id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id, properties: ${relationshipProperties("r", properties)} }`;

function toEdge(raw: Record<string, unknown>): GraphEdgeRecord {
  return {
    id: raw.id as string,
    type: raw.type as string,
    source: raw.source as string,
    target: raw.target as string,
    ...publicProperties(raw.properties as Record<string, unknown>),
  };
}

/**
 * A hop of a neighbourhood: relationship id, type, leaves the near end, near id, far id, and
 * its properties when any are asked for.
 */
type Hop = [string, string, boolean, string, string, (Record<string, unknown> | null)?];

/** The properties a hop carries, after a comma: none at all when none is asked for. */
const hopProperties = (properties: readonly string[] | null | undefined) =>
  properties && properties.every((p) => p === "id") ? "" : `, ${relationshipProperties("r", properties)}`;

function hopEdge([id, type, leaves, near, far, properties]: Hop): GraphEdgeRecord {
  return toEdge({
    id,
    type,
    source: leaves ? near : far,
    target: leaves ? far : near,
    properties: properties ?? {},
  });
}

const typeAlternatives = (types: readonly string[] | null) =>
  types === null || types.length === 0 ? `:!${MENTIONS}` : `:${types.map(relationshipTypeToken).join("|")}`;

/** Graph-shaped reads for visualisation: neighbourhoods and paths as nodes and edges. */
export class GraphRepository {
  constructor(private readonly executor: Executor) {}

  /**
   * Breadth-first: the entities within `depth` hops of `id` and the relationships on the
   * way, nearest first, at most `limit` entities. Nodes and edges carry what `projection`
   * names. Each level's hops come back as one list, in order (far node's name, then
   * relationship id). The first statement reads the centre and the first two levels (the
   * second from the first level's first `limit - 1` new entities, as the walk keeps
   * them); each further level is a statement of its own.
   */
  async neighbourhood(
    id: string,
    depth: number,
    types: readonly string[] | null,
    limit: number,
    projection: RelationshipProjection = {},
  ): Promise<GraphRecord | null> {
    // A hop is a list, not a map: [relationship id, type, whether it leaves the near end,
    // near id, far id, properties]. The far entities come once each, in a list of their own,
    // rather than once per hop that reaches them: a third of the bytes, no property read twice.
    const properties = hopProperties(projection.edge);
    // The walk keeps entities by id: read it whatever else is asked.
    const nodeProperties = projection.node && [...new Set(["id", ...projection.node])];
    // Entities as lists of their values, named again here (see listProjection).
    const node = (variable: string) => listProjection(variable, nodeProperties);
    const entity = (value: unknown) => rowFromList<EntityRecord>(value, nodeProperties);
    const hopsFrom = (near: string, nearId: string) =>
      `MATCH (${near})-[r${typeAlternatives(types)}]-(b:Entity)
       WITH ${near}, ${nearId} AS nearId, r, b ORDER BY b.name, r.id
       RETURN collect([r.id, type(r), startNode(r) = ${near}, nearId, b.id${properties}]) AS hops,
              collect(DISTINCT ${node("b")}) AS reached`;
    const [start] = await this.executor.read(
      `MATCH (a:Entity {id: $id})
       CALL (a) {
         MATCH (a)-[r${typeAlternatives(types)}]-(b:Entity)
         WITH r, b ORDER BY b.name, r.id
         RETURN collect([r.id, type(r), startNode(r) = a, $id, b.id${properties}]) AS nearHops,
                collect(b) AS far, collect(DISTINCT ${node("b")}) AS near }
       ${
         depth < 2
           ? ""
           : `CALL (a, far) {
                UNWIND range(0, size(far) - 1) AS i
                WITH far[i] AS f, i WHERE f <> a
                WITH f, min(i) AS first ORDER BY first LIMIT $room
                WITH f, f.id AS fid
                ${hopsFrom("f", "fid")} }`
       }
       RETURN ${node("a")} AS node, nearHops, near${depth < 2 ? "" : ", hops AS second, reached"}`,
      { id, room: Math.max(limit - 1, 0) },
    );
    if (!start) return null;
    const known = new Map<string, EntityRecord>();
    const learn = (reached: unknown) => {
      for (const value of reached as unknown[]) {
        const n = entity(value);
        known.set(n.id, n);
      }
    };
    learn(start.near);
    if (depth >= 2) learn(start.reached);
    const nodes = new Map<string, EntityRecord>([[id, entity(start.node)]]);
    const edges = new Map<string, GraphEdgeRecord>();
    let frontier = [id];
    let truncated = false;
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      let hops: unknown;
      // Each level's hops, in order (far entity's name, then relationship id).
      if (level === 1) hops = start.nearHops;
      else if (level === 2) hops = start.second;
      else {
        const [row] = await this.executor.read(
          `UNWIND $frontier AS id MATCH (a:Entity {id: id}) WITH a, id ${hopsFrom("a", "id")}`,
          { frontier },
        );
        learn(row!.reached);
        hops = row!.hops;
      }
      const next: string[] = [];
      for (const hop of hops as Hop[]) {
        const farId = hop[4];
        if (!nodes.has(farId)) {
          if (nodes.size >= limit) {
            truncated = true;
            continue;
          }
          nodes.set(farId, known.get(farId)!);
          next.push(farId);
        }
        const edge = hopEdge(hop);
        if (nodes.has(edge.source) && nodes.has(edge.target)) edges.set(edge.id, edge);
      }
      frontier = next;
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
  }

  /**
   * Up to `k` shortest simple paths between two entities, shortest first, ignoring direction;
   * see `projection` above. A path visits no entity twice and goes through entities only
   * (never a claim). `types` keeps only those relationship types (null: all), `avoidTypes`
   * leaves those out; `kinds` and `avoidKinds` do the same for the entities a path goes
   * through (its ends are given). The uniqueness and kind conditions are part of the
   * shortest-path search, so the `k` paths found are the `k` shortest that keep them.
   */
  async paths(
    from: string,
    to: string,
    maxLength: number,
    k: number,
    filter: PathFilter = {},
    projection: RelationshipProjection = {},
    options: { graph: boolean } = { graph: true },
  ): Promise<{ paths: PathRecord[]; graph: GraphRecord }> {
    const avoidTypes = [...new Set(filter.avoidTypes ?? [])];
    const types =
      filter.types && filter.types.length > 0
        ? [...new Set(filter.types)].filter((t) => !avoidTypes.includes(t))
        : null;
    const avoidKinds = [...new Set(filter.avoidKinds ?? [])];
    const kinds =
      filter.kinds && filter.kinds.length > 0
        ? [...new Set(filter.kinds)].filter((k) => !avoidKinds.includes(k))
        : null;
    // Nothing left to go through: no path (the resolver refuses such arguments first).
    if ((types !== null && types.length === 0) || (kinds !== null && kinds.length === 0))
      return { paths: [], graph: { nodes: [], edges: [], truncated: false } };
    const relationship =
      types !== null
        ? typeAlternatives(types)
        : avoidTypes.length > 0
          ? `:!(${[MENTIONS, ...avoidTypes.map(relationshipTypeToken)].join("|")})`
          : `:!${MENTIONS}`;
    const through =
      kinds !== null ? "y.kind IN $kinds" : avoidKinds.length > 0 ? "NOT y.kind IN $avoidKinds" : null;
    const step = through ? `(y:Entity WHERE y.id = $to OR ${through})` : "(y:Entity)";
    const length = Math.trunc(maxLength);
    // Ids only, when the caller needs no graph: a third of the bytes, no property read twice.
    const returned = options.graph
      ? `RETURN [n IN nodes(p) | ${mapProjection("n", projection.node)}] AS nodes,
              [r IN relationships(p) | ${edgeProjection(projection.edge)}] AS edges`
      : `RETURN [n IN nodes(p) | n.id] AS nodeIds, [r IN relationships(p) | r.id] AS edgeIds`;
    // One path through any entities: the classic bidirectional search, cheaper than SHORTEST
    // (a shortest path never visits an entity twice, so it needs no uniqueness condition).
    // A variable-length relationship takes no negated type (`!MENTIONS`): the condition that every
    // node is an entity already keeps documents (and so their MENTIONS) out of the path.
    const search =
      k === 1 && through === null && avoidTypes.length === 0
        ? `MATCH p = shortestPath((a:Entity {id: $from})-[${types !== null ? relationship : ""}*1..${length}]-(b:Entity {id: $to}))
           WHERE all(n IN nodes(p) WHERE n:Entity)`
        : `MATCH p = SHORTEST ${Math.trunc(k)} ((a:Entity {id: $from})(()-[${relationship}]-${step}){1,${length}}(b:Entity {id: $to})
             WHERE NOT a IN y AND all(i IN range(0, size(y) - 2) WHERE NOT y[i] IN y[i + 1..]))`;
    const rows = await this.executor.read(
      `${search}
       ${returned}
       ORDER BY length(p), [r IN relationships(p) | r.id]`,
      { from, to, ...(kinds !== null ? { kinds } : avoidKinds.length > 0 ? { avoidKinds } : {}) },
    );
    const nodes = new Map<string, EntityRecord>();
    const edges = new Map<string, GraphEdgeRecord>();
    const paths: PathRecord[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      let nodeIds = row.nodeIds as string[];
      let edgeIds = row.edgeIds as string[];
      if (options.graph) {
        const pathNodes = row.nodes as EntityRecord[];
        const pathEdges = (row.edges as Record<string, unknown>[]).map(toEdge);
        for (const n of pathNodes) nodes.set(n.id, n);
        for (const e of pathEdges) edges.set(e.id, e);
        nodeIds = pathNodes.map((n) => n.id);
        edgeIds = pathEdges.map((e) => e.id);
      }
      // Distinct paths (SHORTEST gives each sequence of relationships once): a guard, not a filter.
      if (seen.has(edgeIds.join(" "))) continue;
      seen.add(edgeIds.join(" "));
      paths.push({ nodeIds, edgeIds });
    }
    return { paths, graph: { nodes: [...nodes.values()], edges: [...edges.values()], truncated: false } };
  }
}
