// "Export what is shown": the drawing as GraphML or Cytoscape JSON, written in the page by the
// same module the server's /export routes use.

import { toCytoscapeJson, toGraphML } from "/shared/graph-formats.js";
import { h } from "./dom.js";
import { shownEdges, shownNodes } from "./graph-view.js";
import { state } from "./state.js";

function shownGraph() {
  return {
    nodes: shownNodes().map((n) => state.nodes.get(n.id())),
    edges: shownEdges().map((e) => state.edges.get(e.id())),
  };
}

function exportMeta(graph) {
  const centre = state.centre ? state.centre.name : "the explorer";
  return {
    id: `explorer-${state.centre?.id ?? "view"}`,
    title: `Explorer view around ${centre}`,
    description: `${graph.nodes.length} nodes and ${graph.edges.length} relationships as shown in the explorer on ${new Date().toISOString()}, from ${location.origin}/graphql`,
  };
}

function download(fileName, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function downloadGraphML() {
  const graph = shownGraph();
  const meta = exportMeta(graph);
  download(`${meta.id}.graphml`, toGraphML(graph, meta), "application/graphml+xml");
}

export function downloadCytoscapeJson() {
  const graph = shownGraph();
  const meta = exportMeta(graph);
  const positions = new Map(shownNodes().map((n) => [n.id(), n.position()]));
  download(
    `${meta.id}.cyjs`,
    JSON.stringify(toCytoscapeJson(graph, meta, positions), null, 2),
    "application/json",
  );
}
