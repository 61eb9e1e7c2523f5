import path from "node:path";
import { packageRoot } from "../config";

/** A graph as the API's `Graph` type returns it (the fields the exports ask for). */
export interface ExportGraph {
  nodes: { id: string; kind: string; name: string; type?: string | null }[];
  edges: {
    id: string;
    type: string;
    source: string;
    target: string;
    properties: Record<string, unknown>;
    sources: { citation: string; source?: { title: string } | null }[];
  }[];
}

export interface ExportMeta {
  /** The graph's id in GraphML: an XML name token, e.g. "neighbourhood-NZ-depth-2". */
  id: string;
  /** Names the graph, e.g. "Neighbourhood of New Zealand (depth 2)". */
  title: string;
  /** Where it came from, e.g. the export URL. */
  description: string;
}

interface GraphFormats {
  toGraphML(graph: ExportGraph, meta: ExportMeta): string;
  toCytoscapeJson(
    graph: ExportGraph,
    meta: ExportMeta,
    positions?: ReadonlyMap<string, { x: number; y: number }>,
  ): Record<string, unknown>;
}

/**
 * The writers are the explorer's own ES module (public/shared/graph-formats.js), so that a
 * download from the page and an export from the server are the same file. Node's require
 * loads an ES module as it is (Node 20.19 and later).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module outside src/, found at run time
const formats = require(path.join(packageRoot(), "public", "shared", "graph-formats.js")) as GraphFormats;

/**
 * GraphML 1.0 as Gephi and Cytoscape desktop read it: node attributes label, name, kind
 * and type; edge attributes label, type, sources and one column per relationship property.
 */
export const toGraphML: GraphFormats["toGraphML"] = formats.toGraphML;

/** Cytoscape JSON (.cyjs): Cytoscape.js elements, as Cytoscape desktop imports them. */
export const toCytoscapeJson: GraphFormats["toCytoscapeJson"] = formats.toCytoscapeJson;
