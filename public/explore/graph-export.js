// GraphML and Cytoscape JSON of a graph in the API's shape ({ nodes, edges }), written in
// the browser with the DOM's XML serializer so that every value is escaped. The server's
// /export routes write the same layout (src/server/graph-formats.ts).

const GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

const INT_MAX = 2 ** 31 - 1;

/** The narrowest GraphML type every present value fits; other values are written as JSON. */
function graphMLType(values) {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (present.length === 0) return "string";
  if (present.every((v) => typeof v === "boolean")) return "boolean";
  if (present.every((v) => Number.isSafeInteger(v))) {
    return present.every((v) => Math.abs(v) <= INT_MAX) ? "int" : "long";
  }
  if (present.every((v) => typeof v === "number" && Number.isFinite(v))) return "double";
  return "string";
}

function citations(edge) {
  return edge.sources
    .map((s) => (s.source?.title ? `${s.citation} (${s.source.title})` : s.citation))
    .join("; ");
}

/**
 * @param {{nodes: object[], edges: object[]}} graph
 * @param {{id: string, title: string, description: string}} meta
 */
export function toGraphML(graph, meta) {
  const doc = document.implementation.createDocument(GRAPHML_NS, "graphml", null);
  const root = doc.documentElement;
  root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI_NS);
  root.setAttributeNS(XSI_NS, "xsi:schemaLocation", `${GRAPHML_NS} ${GRAPHML_NS}/1.0/graphml.xsd`);
  const element = (parent, name, attributes = {}, text) => {
    const el = doc.createElementNS(GRAPHML_NS, name);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  };
  const key = (id, forWhat, name, type = "string") =>
    element(root, "key", { id, for: forWhat, "attr.name": name, "attr.type": type });

  key("g_name", "graph", "name");
  key("g_description", "graph", "description");
  key("n_label", "node", "label");
  key("n_name", "node", "name");
  key("n_kind", "node", "kind");
  key("n_type", "node", "type");
  key("e_label", "edge", "label");
  key("e_type", "edge", "type");
  key("e_sources", "edge", "sources");
  const names = [...new Set(graph.edges.flatMap((e) => Object.keys(e.properties)))];
  const properties = names.map((name, i) => ({
    name,
    key: `e_p${i}`,
    type: graphMLType(graph.edges.map((e) => e.properties[name])),
  }));
  for (const p of properties) key(p.key, "edge", p.name, p.type);

  const g = element(root, "graph", {
    id: meta.id.replace(/[^\p{L}\p{N}._:-]+/gu, "_"),
    edgedefault: "directed",
  });
  element(g, "data", { key: "g_name" }, meta.title);
  element(g, "data", { key: "g_description" }, meta.description);
  for (const node of graph.nodes) {
    const n = element(g, "node", { id: node.id });
    element(n, "data", { key: "n_label" }, node.name);
    element(n, "data", { key: "n_name" }, node.name);
    element(n, "data", { key: "n_kind" }, node.kind);
    if (node.type) element(n, "data", { key: "n_type" }, node.type);
  }
  for (const edge of graph.edges) {
    const e = element(g, "edge", { id: edge.id, source: edge.source, target: edge.target });
    element(e, "data", { key: "e_label" }, edge.type);
    element(e, "data", { key: "e_type" }, edge.type);
    element(e, "data", { key: "e_sources" }, citations(edge));
    for (const p of properties) {
      const value = edge.properties[p.name];
      if (value === undefined || value === null) continue;
      element(e, "data", { key: p.key }, typeof value === "string" ? value : JSON.stringify(value));
    }
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc);
}

const RESERVED = new Set(["id", "source", "target", "name", "interaction", "type", "sources"]);

/**
 * @param {{nodes: object[], edges: object[]}} graph
 * @param {{id: string, title: string, description: string}} meta
 * @param {Map<string, {x: number, y: number}>} [positions] where each node is drawn
 */
export function toCytoscapeJson(graph, meta, positions) {
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
          ...(position ? { position: { x: position.x, y: position.y } } : {}),
        };
      }),
      edges: graph.edges.map((edge) => {
        const data = {
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
