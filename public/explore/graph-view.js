// The drawing: Cytoscape.js (a global from /vendor/, served from node_modules) with the fCoSE
// layout. It shows the graph held in state.js, less the relationship types unticked.

import { kindOf, typeLabel } from "./kinds.js";
import { state } from "./state.js";

const HIGHLIGHT = "#d1343a";

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      shape: "data(shape)",
      width: 22,
      height: 22,
      "border-width": 1.5,
      "border-color": "#ffffff",
      label: "data(name)",
      "font-family": "system-ui, sans-serif",
      "font-size": 11,
      color: "#1d2733",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-wrap": "wrap",
      "text-max-width": 130,
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "text-background-padding": 1,
      "min-zoomed-font-size": 7,
    },
  },
  {
    // Hubs keep their label when zoomed out, so that a large drawing still has landmarks.
    selector: "node.hub",
    style: { "font-size": 12, "font-weight": "bold", "min-zoomed-font-size": 0, "z-index": 5 },
  },
  {
    selector: "node.expanded",
    style: { "border-color": "#1d2733", "border-width": 2 },
  },
  {
    selector: "node.centre",
    style: {
      width: 36,
      height: 36,
      "border-color": "#1d2733",
      "border-width": 3,
      "font-size": 13,
      "font-weight": "bold",
      "min-zoomed-font-size": 0,
      "z-index": 10,
    },
  },
  {
    selector: "edge",
    style: {
      width: 1.4,
      "line-color": "#a3adb8",
      "target-arrow-color": "#a3adb8",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.8,
      "curve-style": "bezier",
      label: "data(label)",
      "font-family": "system-ui, sans-serif",
      "font-size": 8,
      color: "#4a5663",
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "min-zoomed-font-size": 8,
    },
  },
  { selector: "edge.on-path", style: { width: 3, "line-color": HIGHLIGHT, "target-arrow-color": HIGHLIGHT } },
  { selector: "node.on-path", style: { "border-color": HIGHLIGHT, "border-width": 3 } },
  {
    selector: "node:selected",
    style: { "border-color": HIGHLIGHT, "border-width": 4, "overlay-opacity": 0 },
  },
  {
    selector: "edge:selected",
    style: {
      width: 3.5,
      "line-color": HIGHLIGHT,
      "target-arrow-color": HIGHLIGHT,
      "font-size": 10,
      color: "#000",
    },
  },
  // Just changed by a curator (live.js), for a few seconds.
  { selector: "node.changed", style: { "border-color": "#1f7a3a", "border-width": 5 } },
  { selector: "edge.changed", style: { width: 4, "line-color": "#1f7a3a", "target-arrow-color": "#1f7a3a" } },
  { selector: ".faded", style: { opacity: 0.15 } },
  { selector: ".type-hidden, .orphan-hidden", style: { display: "none" } },
];

// cytoscape and cytoscapeFcose are globals of the scripts from /vendor/ (node_modules).
cytoscape.use(cytoscapeFcose);
export const cy = cytoscape({
  container: document.getElementById("graph"),
  style: STYLE,
  minZoom: 0.08,
  maxZoom: 4,
  boxSelectionEnabled: false,
});
// Zoomed out, landmark labels grow in model units so that they keep a legible size on screen.
cy.on("zoom", () => {
  const scale = Math.min(2.5, 1 / Math.min(1, cy.zoom()));
  cy.style()
    .selector("node.hub")
    .style({ "font-size": 12 * scale, "text-max-width": 130 * scale })
    .selector("node.centre")
    .style({ "font-size": 13 * scale, "text-max-width": 130 * scale })
    .update();
});
// For the browser console, and for the browser tests to find where a node is drawn.
window.explorer = { cy };

// What the filter leaves in view, read from the classes it sets: Cytoscape's ":visible"
// reflects a class change only once the style has been recomputed, after this task.
const HIDDEN = ".type-hidden, .orphan-hidden";
export const shownNodes = () => cy.nodes().not(HIDDEN);
export const shownEdges = () =>
  cy.edges().filter((e) => !e.is(HIDDEN) && !e.source().is(HIDDEN) && !e.target().is(HIDDEN));
export const shownElements = () => shownNodes().union(shownEdges());

/** Adds what is new in a graph result; new nodes start on a ring around `near` when given. */
export function merge(graph, near) {
  const elements = [];
  const fresh = graph.nodes.filter((node) => !state.nodes.has(node.id));
  fresh.forEach((node, i) => {
    state.nodes.set(node.id, node);
    const kind = kindOf(node.kind);
    const angle = (2 * Math.PI * i) / fresh.length;
    const radius = 80 + 4 * fresh.length;
    elements.push({
      group: "nodes",
      data: { id: node.id, name: node.name, kind: node.kind, colour: kind.colour, shape: kind.shape },
      position: near
        ? { x: near.x + radius * Math.cos(angle), y: near.y + radius * Math.sin(angle) }
        : undefined,
    });
  });
  for (const edge of graph.edges) {
    if (state.edges.has(edge.id)) continue;
    if (!state.nodes.has(edge.source) || !state.nodes.has(edge.target)) continue;
    state.edges.set(edge.id, edge);
    if (!state.typeDescriptions.has(edge.type)) state.typeDescriptions.set(edge.type, "");
    elements.push({
      group: "edges",
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        type: edge.type,
        label: typeLabel(edge.type),
      },
    });
  }
  cy.add(elements);
  cy.nodes().forEach((n) => n.toggleClass("hub", n.degree(false) >= 8));
  state.truncated = state.truncated || Boolean(graph.truncated);
  return elements.length;
}

/** Takes the names (and kinds) of nodes already drawn from a newer answer. */
export function refreshNodes(nodes) {
  for (const node of nodes) {
    if (!state.nodes.has(node.id)) continue;
    state.nodes.set(node.id, node);
    cy.getElementById(node.id).data({ name: node.name, kind: node.kind });
  }
}

/** Takes away what the graph no longer holds: deleted entities (with their edges) and relationships. */
export function remove({ nodes = [], edges = [] }) {
  for (const id of edges) state.edges.delete(id);
  for (const id of nodes) {
    state.nodes.delete(id);
    state.expanded.delete(id);
    for (const edge of cy.getElementById(id).connectedEdges()) state.edges.delete(edge.id());
  }
  cy.remove(cy.collection([...nodes, ...edges].map((id) => cy.getElementById(id))));
}

/**
 * fCoSE: force-directed, quick on a few hundred nodes, and with randomize: false it keeps
 * what is already placed, so an expansion grows the drawing instead of reshuffling it.
 */
export function layout({ randomize }) {
  const shown = shownElements();
  const count = shown.nodes().length;
  return new Promise((resolve) => {
    const run = shown.layout({
      name: "fcose",
      quality: "default",
      randomize,
      animate: count <= 200,
      animationDuration: 450,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => (count > 100 ? 60 : 90),
      nodeRepulsion: () => (count > 100 ? 6000 : 12000),
      nodeSeparation: 60,
      numIter: 2500,
    });
    run.one("layoutstop", () => resolve());
    run.run();
  });
}

export function highlightPaths(paths) {
  cy.batch(() => {
    cy.elements().removeClass("faded on-path");
    if (paths.length === 0) return;
    const on = cy.collection();
    for (const path of paths) {
      for (const id of [...path.nodeIds, ...path.edgeIds]) on.merge(cy.getElementById(id));
    }
    cy.elements().not(on).addClass("faded");
    on.addClass("on-path");
  });
}

/** Hides unticked types, and nodes left with nothing shown around them (except the centre). */
export function applyTypeFilter() {
  cy.batch(() => {
    cy.edges().forEach((edge) => edge.toggleClass("type-hidden", state.hiddenTypes.has(edge.data("type"))));
    cy.nodes().forEach((node) => {
      const edges = node.connectedEdges();
      const orphan = edges.length > 0 && edges.every((e) => e.hasClass("type-hidden"));
      node.toggleClass("orphan-hidden", orphan && node.id() !== state.centre?.id);
    });
  });
}
