// GraphML and Cytoscape JSON of a graph in the API's shape ({ nodes, edges }). One module for
// the server's /export routes (src/server/graph-formats.ts loads it) and the explorer's own
// downloads: plain ECMAScript with no DOM and no Node API, so that both run the same code.

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

/** Characters XML 1.0 cannot hold at all (controls, lone surrogates) become U+FFFD. */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text or an attribute value, escaped for XML. */
function xml(text) {
  return String(text)
    .replace(NOT_XML, "\uFFFD")
    .replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** GraphML ids are XML name tokens: letters, digits, `.-_:` and no spaces. */
function nameToken(text) {
  return text.replace(/[^\p{L}\p{N}._:-]+/gu, "_") || "graph";
}

function citations(edge) {
  return edge.sources
    .map((s) => (s.source?.title ? `${s.citation} (${s.source.title})` : s.citation))
    .join("; ");
}

/** `<name a="1">text</name>` (or self-closed), escaped. */
function element(name, attributes, text) {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${xml(v)}"`)
    .join("");
  return text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${xml(text)}</${name}>`;
}

/**
 * GraphML 1.0 as Gephi and Cytoscape desktop read it: node attributes label, name, kind
 * and type; edge attributes label, type, sources and one column per relationship
 * property. Both `label` (Gephi's label column) and `name` (Cytoscape's) carry the name.
 *
 * @param {{nodes: {id: string, kind: string, name: string, type?: string | null}[],
 *          edges: {id: string, type: string, source: string, target: string,
 *                  properties: Record<string, unknown>,
 *                  sources: {citation: string, source?: {title: string} | null}[]}[]}} graph
 * @param {{id: string, title: string, description: string}} meta
 * @returns {string}
 */
export function toGraphML(graph, meta) {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${GRAPHML_NS} ${GRAPHML_NS}/1.0/graphml.xsd">`,
  ];
  const key = (id, forWhat, name, type = "string") =>
    lines.push("  " + element("key", { id, for: forWhat, "attr.name": name, "attr.type": type }));
  key("g_name", "graph", "name");
  key("g_description", "graph", "description");
  key("n_label", "node", "label");
  key("n_name", "node", "name");
  key("n_kind", "node", "kind");
  key("n_type", "node", "type");
  key("e_label", "edge", "label");
  key("e_type", "edge", "type");
  key("e_sources", "edge", "sources");
  // Every property name used on the edges, in first-seen order.
  const names = [...new Set(graph.edges.flatMap((e) => Object.keys(e.properties)))];
  const properties = names.map((name, i) => ({
    name,
    key: `e_p${i}`,
    type: graphMLType(graph.edges.map((e) => e.properties[name])),
  }));
  for (const p of properties) key(p.key, "edge", p.name, p.type);

  const data = (indent, keyId, text) => lines.push(indent + element("data", { key: keyId }, text));
  lines.push(`  <graph id="${xml(nameToken(meta.id))}" edgedefault="directed">`);
  data("    ", "g_name", meta.title);
  data("    ", "g_description", meta.description);
  for (const node of graph.nodes) {
    lines.push(`    <node id="${xml(node.id)}">`);
    data("      ", "n_label", node.name);
    data("      ", "n_name", node.name);
    data("      ", "n_kind", node.kind);
    if (node.type) data("      ", "n_type", node.type);
    lines.push("    </node>");
  }
  for (const edge of graph.edges) {
    lines.push(`    <edge id="${xml(edge.id)}" source="${xml(edge.source)}" target="${xml(edge.target)}">`);
    data("      ", "e_label", edge.type);
    data("      ", "e_type", edge.type);
    data("      ", "e_sources", citations(edge));
    for (const p of properties) {
      const value = edge.properties[p.name];
      if (value === undefined || value === null) continue;
      data("      ", p.key, typeof value === "string" ? value : JSON.stringify(value));
    }
    lines.push("    </edge>");
  }
  lines.push("  </graph>", "</graphml>");
  return lines.join("\n") + "\n";
}

/** Reserved by Cytoscape's element data; a property of the same name is kept with a prefix. */
const RESERVED = new Set(["id", "source", "target", "name", "interaction", "type", "sources"]);

/**
 * Cytoscape JSON (.cyjs): Cytoscape.js elements, as Cytoscape desktop imports them
 * (`interaction` is its conventional edge-type column).
 *
 * @param {Parameters<typeof toGraphML>[0]} graph
 * @param {{id: string, title: string, description: string}} meta
 * @param {ReadonlyMap<string, {x: number, y: number}>} [positions] where each node is drawn
 * @returns {Record<string, unknown>}
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
