import { create } from "xmlbuilder2";

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

const GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

type GraphMLType = "string" | "int" | "long" | "double" | "boolean";

const INT_MAX = 2 ** 31 - 1;

/** The narrowest GraphML type every present value fits; nested values are written as JSON. */
function graphMLType(values: unknown[]): GraphMLType {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (present.length === 0) return "string";
  if (present.every((v) => typeof v === "boolean")) return "boolean";
  if (present.every((v) => Number.isSafeInteger(v))) {
    return present.every((v) => Math.abs(v as number) <= INT_MAX) ? "int" : "long";
  }
  if (present.every((v) => typeof v === "number" && Number.isFinite(v))) return "double";
  return "string";
}

/** GraphML ids are XML name tokens: letters, digits, `.-_:` and no spaces. */
function nameToken(text: string): string {
  return text.replace(/[^\p{L}\p{N}._:-]+/gu, "_") || "graph";
}

function scalarText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Every property name used on the edges, in first-seen order. */
function propertyNames(graph: ExportGraph): string[] {
  const names = new Set<string>();
  for (const edge of graph.edges) for (const name of Object.keys(edge.properties)) names.add(name);
  return [...names];
}

function citations(edge: ExportGraph["edges"][number]): string {
  return edge.sources
    .map((s) => (s.source?.title ? `${s.citation} (${s.source.title})` : s.citation))
    .join("; ");
}

/**
 * GraphML 1.0 as Gephi and Cytoscape desktop read it: node attributes label, name, kind
 * and type; edge attributes label, type, sources and one column per relationship
 * property. Both `label` (Gephi's label column) and `name` (Cytoscape's) carry the name.
 */
export function toGraphML(graph: ExportGraph, meta: ExportMeta): string {
  const doc = create({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "\uFFFD" });
  const root = doc.ele(GRAPHML_NS, "graphml", {
    "xmlns:xsi": XSI_NS,
    "xsi:schemaLocation": `${GRAPHML_NS} ${GRAPHML_NS}/1.0/graphml.xsd`,
  });
  const key = (id: string, forWhat: "graph" | "node" | "edge", name: string, type: GraphMLType = "string") =>
    root.ele("key", { id, for: forWhat, "attr.name": name, "attr.type": type });

  key("g_name", "graph", "name");
  key("g_description", "graph", "description");
  key("n_label", "node", "label");
  key("n_name", "node", "name");
  key("n_kind", "node", "kind");
  key("n_type", "node", "type");
  key("e_label", "edge", "label");
  key("e_type", "edge", "type");
  key("e_sources", "edge", "sources");
  const properties = propertyNames(graph).map((name, i) => ({
    name,
    key: `e_p${i}`,
    type: graphMLType(graph.edges.map((e) => e.properties[name])),
  }));
  for (const p of properties) key(p.key, "edge", p.name, p.type);

  const g = root.ele("graph", { id: nameToken(meta.id), edgedefault: "directed" });
  g.ele("data", { key: "g_name" }).txt(meta.title);
  g.ele("data", { key: "g_description" }).txt(meta.description);
  for (const node of graph.nodes) {
    const n = g.ele("node", { id: node.id });
    n.ele("data", { key: "n_label" }).txt(node.name);
    n.ele("data", { key: "n_name" }).txt(node.name);
    n.ele("data", { key: "n_kind" }).txt(node.kind);
    if (node.type) n.ele("data", { key: "n_type" }).txt(node.type);
  }
  for (const edge of graph.edges) {
    const e = g.ele("edge", { id: edge.id, source: edge.source, target: edge.target });
    e.ele("data", { key: "e_label" }).txt(edge.type);
    e.ele("data", { key: "e_type" }).txt(edge.type);
    e.ele("data", { key: "e_sources" }).txt(citations(edge));
    for (const p of properties) {
      const value = edge.properties[p.name];
      if (value !== undefined && value !== null) e.ele("data", { key: p.key }).txt(scalarText(value));
    }
  }
  return doc.end({ prettyPrint: true });
}

/** Reserved by Cytoscape's element data; a property of the same name is kept with a prefix. */
const RESERVED = new Set(["id", "source", "target", "name", "interaction", "type", "sources"]);

/**
 * Cytoscape JSON (.cyjs): Cytoscape.js elements, as Cytoscape desktop imports them
 * (`interaction` is its conventional edge-type column).
 */
export function toCytoscapeJson(
  graph: ExportGraph,
  meta: ExportMeta,
  positions?: ReadonlyMap<string, { x: number; y: number }>,
): Record<string, unknown> {
  return {
    format_version: "1.0",
    generated_by: "bali-process-graph",
    target_cytoscapejs_version: "~3",
    data: { id: meta.id, name: meta.title, description: meta.description },
    elements: {
      nodes: graph.nodes.map((node) => {
        const position = positions?.get(node.id);
        return {
          data: { id: node.id, name: node.name, kind: node.kind, type: node.type ?? null },
          ...(position ? { position } : {}),
        };
      }),
      edges: graph.edges.map((edge) => {
        const data: Record<string, unknown> = {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          interaction: edge.type,
          type: edge.type,
          sources: edge.sources.map((s) => s.citation),
        };
        for (const [name, value] of Object.entries(edge.properties)) {
          data[RESERVED.has(name) ? `property_${name}` : name] = value;
        }
        return { data };
      }),
    },
  };
}
