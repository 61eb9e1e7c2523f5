// The explorer: a client of the public GraphQL API (POST /graphql) and of nothing else, kept
// plain so that it can serve as an example for client developers. Every request is one of
// the named operations below; "Open last query in the playground" shows the last one sent,
// with its variables.

import { toCytoscapeJson, toGraphML } from "./graph-export.js";

// ---------------------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------------------

const GRAPH_FRAGMENT = `fragment DrawnGraph on Graph {
  nodes {
    id
    kind
    name
    type
  }
  edges {
    id
    type
    source
    target
    properties
    sources {
      citation
      sourceId
      firstLine
      lastLine
      source {
        title
      }
    }
  }
  truncated
}`;

const SEARCH_QUERY = `query SearchEntities($text: String!) {
  search(text: $text, first: 8) {
    score
    entity {
      id
      kind
      name
    }
  }
}`;

const NEIGHBOURHOOD_QUERY = `query Neighbourhood($id: ID!, $depth: Int!, $types: [RelationshipType!]) {
  neighbourhood(id: $id, depth: $depth, types: $types) {
    ...DrawnGraph
  }
}

${GRAPH_FRAGMENT}`;

const PATHS_QUERY = `query Paths($from: ID!, $to: ID!, $maxLength: Int!, $types: [RelationshipType!]) {
  paths(from: $from, to: $to, maxLength: $maxLength, types: $types) {
    paths {
      length
      nodeIds
      edgeIds
    }
    graph {
      ...DrawnGraph
    }
  }
}

${GRAPH_FRAGMENT}`;

const ENTITY_QUERY = `query Entity($id: ID!) {
  entity(id: $id) {
    id
    kind
    name
    description
    aliases {
      name
    }
    sources {
      citation
      source {
        title
      }
    }
  }
}`;

const RELATIONSHIP_TYPES_QUERY = `query RelationshipTypes {
  __type(name: "RelationshipType") {
    enumValues {
      name
      description
    }
  }
}`;

/** Link to the playground with an operation and its variables filled in. */
function playgroundUrl(query, variables) {
  const params = new URLSearchParams({ query });
  if (variables && Object.keys(variables).length > 0)
    params.set("variables", JSON.stringify(variables, null, 2));
  return `/?${params}`;
}

/** POST /graphql; resolves to `data`, or rejects with the errors' messages. */
async function graphql(query, variables = {}, { remember = true } = {}) {
  if (remember) {
    document.getElementById("open-in-playground").href = playgroundUrl(query, variables);
  }
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
    },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`The server answered ${response.status} without a GraphQL response`);
  }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data;
}

// ---------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------

const KINDS = {
  STATE: { label: "State", colour: "#4e79a7", shape: "ellipse" },
  ORGANISATION: { label: "Organisation", colour: "#f28e2b", shape: "hexagon" },
  BODY: { label: "Body (forum, group, office)", colour: "#59a14f", shape: "round-rectangle" },
  MEETING: { label: "Meeting", colour: "#b07aa1", shape: "diamond" },
  DOCUMENT: { label: "Document", colour: "#9c755f", shape: "rectangle" },
  PLACE: { label: "Place", colour: "#76b7b2", shape: "triangle" },
  PERSON: { label: "Person", colour: "#ff9da7", shape: "ellipse" },
  OBJECTIVE: { label: "Objective", colour: "#edc948", shape: "star" },
  EVENT: { label: "Event", colour: "#e15759", shape: "pentagon" },
  SOURCE: { label: "Source document", colour: "#bab0ac", shape: "rectangle" },
};
const UNKNOWN_KIND = { label: "Other", colour: "#888888", shape: "ellipse" };
const kindOf = (kind) => KINDS[kind] ?? UNKNOWN_KIND;

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
  { selector: ".faded", style: { opacity: 0.15 } },
  { selector: ".type-hidden, .orphan-hidden", style: { display: "none" } },
];

// cytoscape and cytoscapeFcose are globals of the scripts from /vendor/ (node_modules).
cytoscape.use(cytoscapeFcose);
const cy = cytoscape({
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

const state = {
  /** id → node as the API returned it */
  nodes: new Map(),
  /** id → edge as the API returned it */
  edges: new Map(),
  /** The entity whose neighbourhood was loaded last: { id, name, depth } */
  centre: null,
  expanded: new Set(),
  /** Relationship type → description, from introspection (or as they are seen). */
  typeDescriptions: new Map(),
  hiddenTypes: new Set(),
  pathFrom: null,
  pathTo: null,
  truncated: false,
  /** Bumped by every fresh load, so that a slower earlier answer is dropped. */
  generation: 0,
};

const $ = (id) => document.getElementById(id);

// What the filter leaves in view, read from the classes it sets: Cytoscape's ":visible"
// reflects a class change only once the style has been recomputed, after this task.
const HIDDEN = ".type-hidden, .orphan-hidden";
const shownNodes = () => cy.nodes().not(HIDDEN);
const shownEdges = () =>
  cy.edges().filter((e) => !e.is(HIDDEN) && !e.source().is(HIDDEN) && !e.target().is(HIDDEN));
const shownElements = () => shownNodes().union(shownEdges());

/** Builds an element: h("a", { href }, "text", child…). */
function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "className") el.className = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

function setStatus(text, { error = false } = {}) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", error);
}

function setBusy(busy) {
  document.body.dataset.state = busy ? "loading" : "ready";
}

const typeLabel = (type) => type.toLowerCase().replaceAll("_", " ");

/** Adds what is new in a graph result; new nodes start on a ring around `near` when given. */
function merge(graph, near) {
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

/**
 * fCoSE: force-directed, quick on a few hundred nodes, and with randomize: false it keeps
 * what is already placed, so an expansion grows the drawing instead of reshuffling it.
 */
function layout({ randomize }) {
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

// ---------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------

/** The `types` variable: only when some types are unticked. */
function typesVariable() {
  if (state.hiddenTypes.size === 0) return undefined;
  return [...state.typeDescriptions.keys()].filter((t) => !state.hiddenTypes.has(t));
}

function clearGraph() {
  cy.elements().remove();
  state.nodes.clear();
  state.edges.clear();
  state.expanded.clear();
  state.centre = null;
  state.truncated = false;
  $("path-list").replaceChildren();
  showNothing();
  refresh();
}

/** Replaces the drawing with the neighbourhood of `id`. */
async function loadNeighbourhood(id, depth = Number($("depth").value)) {
  const generation = ++state.generation;
  setBusy(true);
  setStatus(`Loading the neighbourhood of ${id}…`);
  try {
    const data = await graphql(NEIGHBOURHOOD_QUERY, { id, depth, types: typesVariable() });
    if (generation !== state.generation) return;
    if (!data.neighbourhood) {
      setStatus(`No entity has the id "${id}".`, { error: true });
      return;
    }
    clearGraph();
    merge(data.neighbourhood);
    const centre = state.nodes.get(id);
    state.centre = { id, name: centre?.name ?? id, depth };
    state.expanded.add(id);
    cy.getElementById(id).addClass("centre expanded");
    $("depth").value = String(depth);
    history.replaceState(null, "", `?${new URLSearchParams({ id, depth: String(depth) })}`);
    applyTypeFilter();
    refresh();
    await layout({ randomize: true });
    cy.getElementById(id).select();
    showNode(id);
  } catch (error) {
    setStatus(error.message, { error: true });
  } finally {
    if (generation === state.generation) setBusy(false);
  }
}

/** Adds the neighbourhood (one hop) of a node already drawn. */
async function expand(id) {
  if (state.expanded.has(id)) return;
  state.expanded.add(id);
  const node = cy.getElementById(id);
  node.addClass("expanded");
  const generation = state.generation;
  setBusy(true);
  setStatus(`Expanding ${state.nodes.get(id)?.name ?? id}…`);
  try {
    const data = await graphql(NEIGHBOURHOOD_QUERY, { id, depth: 1, types: typesVariable() });
    if (generation !== state.generation || !data.neighbourhood) return;
    const added = merge(data.neighbourhood, node.position());
    applyTypeFilter();
    refresh();
    if (added > 0) await layout({ randomize: false });
    else refresh(`Nothing new around ${state.nodes.get(id)?.name ?? id}.`);
    if (node.selected()) showNode(id);
  } catch (error) {
    state.expanded.delete(id);
    node.removeClass("expanded");
    setStatus(error.message, { error: true });
  } finally {
    if (generation === state.generation) setBusy(false);
  }
}

async function search(text) {
  setBusy(true);
  setStatus(`Searching "${text}"…`);
  const list = $("search-results");
  try {
    const data = await graphql(SEARCH_QUERY, { text });
    $("results-section").hidden = false;
    list.replaceChildren(
      ...data.search.map((hit) =>
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", className: "link", onclick: () => loadNeighbourhood(hit.entity.id) },
            swatch(hit.entity.kind),
            hit.entity.name,
          ),
          h(
            "div",
            { className: "result-meta" },
            h("small", {}, kindOf(hit.entity.kind).label),
            h(
              "span",
              { className: "result-actions" },
              "path ",
              h(
                "button",
                { type: "button", className: "small", onclick: () => setPathEnd("from", hit.entity) },
                "from",
              ),
              h(
                "button",
                { type: "button", className: "small", onclick: () => setPathEnd("to", hit.entity) },
                "to",
              ),
            ),
          ),
        ),
      ),
    );
    if (data.search.length === 0) {
      list.replaceChildren(h("li", { className: "empty" }, "Nothing found."));
      setStatus(`Nothing matches "${text}".`);
      return;
    }
    await loadNeighbourhood(data.search[0].entity.id);
  } catch (error) {
    setStatus(error.message, { error: true });
  } finally {
    setBusy(false);
  }
}

async function loadRelationshipTypes() {
  try {
    const data = await graphql(RELATIONSHIP_TYPES_QUERY, {}, { remember: false });
    for (const value of data.__type?.enumValues ?? [])
      state.typeDescriptions.set(value.name, value.description ?? "");
  } catch {
    // Introspection may be off (GRAPHQL_INTROSPECTION=false): the types are then learnt as they appear.
  }
  renderTypeFilter();
}

// ---------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------

function setPathEnd(end, entity) {
  const value = { id: entity.id, name: entity.name, kind: entity.kind };
  if (end === "from") state.pathFrom = value;
  else state.pathTo = value;
  for (const [which, chosen] of [
    ["from", state.pathFrom],
    ["to", state.pathTo],
  ]) {
    const dd = $(`path-${which}`);
    dd.classList.toggle("empty", !chosen);
    dd.replaceChildren(...(chosen ? [swatch(chosen.kind), chosen.name] : ["not chosen"]));
  }
  $("find-paths").disabled = !(state.pathFrom && state.pathTo);
}

async function findPaths() {
  if (!state.pathFrom || !state.pathTo) return;
  const maxLength = Number($("path-length").value);
  const list = $("path-list");
  setBusy(true);
  setStatus(`Looking for paths from ${state.pathFrom.name} to ${state.pathTo.name}…`);
  try {
    const data = await graphql(PATHS_QUERY, {
      from: state.pathFrom.id,
      to: state.pathTo.id,
      maxLength,
      types: typesVariable(),
    });
    const { paths, graph } = data.paths;
    if (paths.length === 0) {
      list.replaceChildren(h("li", { className: "empty" }, `No path of at most ${maxLength} steps.`));
      refresh();
      return;
    }
    const added = merge(graph);
    applyTypeFilter();
    if (added > 0) await layout({ randomize: state.nodes.size === graph.nodes.length });
    const items = paths.map((path) =>
      h(
        "li",
        {},
        h(
          "button",
          { type: "button", className: "link", onclick: () => highlightPaths([path]) },
          `${path.length} step${path.length === 1 ? "" : "s"}`,
        ),
        ": ",
        describePath(path),
      ),
    );
    if (paths.length > 1) {
      items.push(
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", className: "small", onclick: () => highlightPaths(paths) },
            "Show all paths",
          ),
        ),
      );
    }
    items.push(
      h(
        "li",
        {},
        h(
          "button",
          { type: "button", className: "small", onclick: () => highlightPaths([]) },
          "Clear highlight",
        ),
      ),
    );
    list.replaceChildren(...items);
    highlightPaths(paths);
    refresh(
      `${paths.length} path${paths.length === 1 ? "" : "s"} from ${state.pathFrom.name} to ${state.pathTo.name}.`,
    );
  } catch (error) {
    setStatus(error.message, { error: true });
  } finally {
    setBusy(false);
  }
}

function describePath(path) {
  const parts = [];
  path.nodeIds.forEach((id, i) => {
    parts.push(h("span", { className: "path-node" }, state.nodes.get(id)?.name ?? id));
    const edgeId = path.edgeIds[i];
    if (edgeId)
      parts.push(
        h("span", { className: "path-edge" }, ` ${typeLabel(state.edges.get(edgeId)?.type ?? "")} `),
      );
  });
  return h("span", {}, ...parts);
}

function highlightPaths(paths) {
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

// ---------------------------------------------------------------------------------------
// Filter, legend, details, shown list, exports
// ---------------------------------------------------------------------------------------

/** Hides unticked types, and nodes left with nothing shown around them (except the centre). */
function applyTypeFilter() {
  cy.batch(() => {
    cy.edges().forEach((edge) => edge.toggleClass("type-hidden", state.hiddenTypes.has(edge.data("type"))));
    cy.nodes().forEach((node) => {
      const edges = node.connectedEdges();
      const orphan = edges.length > 0 && edges.every((e) => e.hasClass("type-hidden"));
      node.toggleClass("orphan-hidden", orphan && node.id() !== state.centre?.id);
    });
  });
}

function swatch(kind) {
  const { colour, shape } = kindOf(kind);
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", "swatch");
  svg.setAttribute("aria-hidden", "true");
  const shapes = {
    ellipse: ["circle", { cx: 8, cy: 8, r: 6.5 }],
    "round-rectangle": ["rect", { x: 1.5, y: 2.5, width: 13, height: 11, rx: 3 }],
    rectangle: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
    hexagon: ["polygon", { points: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8" }],
    diamond: ["polygon", { points: "8,0.5 15.5,8 8,15.5 0.5,8" }],
    triangle: ["polygon", { points: "8,1 15.5,14.5 0.5,14.5" }],
    star: ["polygon", { points: "8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6" }],
    pentagon: ["polygon", { points: "8,0.8 15.5,6.3 12.6,15 3.4,15 0.5,6.3" }],
  };
  const [tag, attributes] = shapes[shape] ?? shapes.ellipse;
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  el.setAttribute("fill", colour);
  svg.append(el);
  return svg;
}

/** The kinds in view, with their colour, shape and count. */
function renderLegend() {
  const counts = new Map();
  shownNodes().forEach((n) => counts.set(n.data("kind"), (counts.get(n.data("kind")) ?? 0) + 1));
  $("legend").replaceChildren(
    ...Object.entries(KINDS)
      .filter(([kind]) => counts.has(kind))
      .map(([kind, { label }]) =>
        h("li", {}, swatch(kind), label, h("span", { className: "count" }, counts.get(kind))),
      ),
  );
  // The legend may have wrapped onto another line, changing the drawing area.
  cy.resize();
}

function renderTypeFilter() {
  const counts = new Map();
  for (const edge of state.edges.values()) counts.set(edge.type, (counts.get(edge.type) ?? 0) + 1);
  const item = (type) =>
    h(
      "li",
      {},
      h(
        "label",
        { title: state.typeDescriptions.get(type) || undefined },
        h("input", {
          type: "checkbox",
          "data-type": type,
          checked: !state.hiddenTypes.has(type),
          onchange: (event) => {
            if (event.target.checked) state.hiddenTypes.delete(type);
            else state.hiddenTypes.add(type);
            applyTypeFilter();
            refresh();
          },
        }),
        typeLabel(type),
        h("span", { className: "count" }, counts.get(type) ?? ""),
      ),
    );
  const present = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
  const absent = [...state.typeDescriptions.keys()].filter((t) => !counts.has(t)).sort();
  const others = absent.length
    ? h(
        "li",
        {},
        h(
          "details",
          {},
          h("summary", {}, `${absent.length} more, not in view`),
          h("ul", {}, absent.map(item)),
        ),
      )
    : null;
  $("type-filter").replaceChildren(...present.map(item), others ?? "");
}

function renderShown() {
  const shown = shownNodes()
    .map((n) => state.nodes.get(n.id()))
    .sort((a, b) => a.name.localeCompare(b.name));
  const edgeCount = shownEdges().length;
  $("shown-count").textContent =
    `${shown.length} node${shown.length === 1 ? "" : "s"}, ${edgeCount} relationship${edgeCount === 1 ? "" : "s"}`;
  $("shown-nodes").replaceChildren(
    ...shown.map((node) =>
      h(
        "li",
        { "data-id": node.id },
        h(
          "button",
          { type: "button", className: "link", onclick: () => selectNode(node.id, { expand: false }) },
          swatch(node.kind),
          node.name,
        ),
      ),
    ),
  );
}

function renderServerExports() {
  const target = $("server-exports");
  if (!state.centre) {
    target.replaceChildren(h("span", { className: "empty" }, "no centre yet"));
    return;
  }
  const params = new URLSearchParams({ id: state.centre.id, depth: String(state.centre.depth) });
  const types = typesVariable();
  if (types) params.set("types", types.join(","));
  target.replaceChildren(
    h("a", { className: "button", href: `/export/neighbourhood.graphml?${params}` }, "GraphML"),
    h("a", { className: "button", href: `/export/neighbourhood.cyjs?${params}` }, "Cytoscape JSON"),
  );
}

/** Redraws everything that summarises the graph; `message` replaces the status line. */
function refresh(message) {
  renderLegend();
  renderTypeFilter();
  renderShown();
  renderServerExports();
  const nodes = shownNodes().length;
  const edges = shownEdges().length;
  $("empty-hint").hidden = cy.nodes().length > 0;
  $("export-graphml").disabled = nodes === 0;
  $("export-cyjs").disabled = nodes === 0;
  if (message) setStatus(message);
  else if (nodes === 0) setStatus("");
  else {
    const centre = state.centre ? ` · centre: ${state.centre.name} (depth ${state.centre.depth})` : "";
    const cut = state.truncated ? " · some results were cut short at 200 nodes" : "";
    setStatus(`${nodes} nodes, ${edges} relationships${centre}${cut}`);
  }
}

function showNothing() {
  $("details").replaceChildren(
    h("h2", {}, "Details"),
    h("p", { className: "hint" }, "Click a node or an edge."),
  );
}

function selectNode(id, { expand: andExpand }) {
  const element = cy.getElementById(id);
  if (element.empty()) return;
  cy.elements(":selected").unselect();
  element.select();
  if (!andExpand) cy.animate({ center: { eles: element }, duration: 250 });
  showNode(id);
  if (andExpand) void expand(id);
}

function showNode(id) {
  const node = state.nodes.get(id);
  if (!node) return;
  const kind = kindOf(node.kind);
  const degree = cy.getElementById(id).connectedEdges().intersection(shownEdges()).length;
  $("details").replaceChildren(
    h("h2", {}, "Details"),
    h("h3", {}, swatch(node.kind), node.name),
    h(
      "dl",
      { className: "facts" },
      h("dt", {}, "Kind"),
      h("dd", {}, kind.label),
      node.type ? [h("dt", {}, "Type"), h("dd", {}, node.type)] : null,
      h("dt", {}, "Id"),
      h("dd", {}, h("code", {}, node.id)),
      h("dt", {}, "Shown"),
      h("dd", {}, `${degree} relationship${degree === 1 ? "" : "s"}`),
    ),
    h(
      "div",
      { className: "row wrap" },
      h(
        "button",
        {
          type: "button",
          disabled: state.expanded.has(id),
          onclick: () => void expand(id).then(() => showNode(id)),
        },
        state.expanded.has(id) ? "Expanded" : "Expand",
      ),
      h("button", { type: "button", onclick: () => loadNeighbourhood(id) }, "Centre here"),
      h("button", { type: "button", onclick: () => setPathEnd("from", node) }, "Path from here"),
      h("button", { type: "button", onclick: () => setPathEnd("to", node) }, "Path to here"),
    ),
    h(
      "p",
      {},
      h(
        "a",
        { href: playgroundUrl(ENTITY_QUERY, { id }), target: "_blank", rel: "noopener" },
        "This entity in the playground",
      ),
    ),
  );
}

function formatValue(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function showEdge(id) {
  const edge = state.edges.get(id);
  if (!edge) return;
  const name = (nodeId) => state.nodes.get(nodeId)?.name ?? nodeId;
  const endpoint = (nodeId) =>
    h(
      "button",
      { type: "button", className: "link", onclick: () => selectNode(nodeId, { expand: false }) },
      name(nodeId),
    );
  const properties = Object.entries(edge.properties);
  $("details").replaceChildren(
    h("h2", {}, "Details"),
    h("h3", { className: "edge-title" }, typeLabel(edge.type)),
    state.typeDescriptions.get(edge.type)
      ? h("p", { className: "hint" }, state.typeDescriptions.get(edge.type))
      : null,
    h("p", { className: "edge-ends" }, endpoint(edge.source), " → ", endpoint(edge.target)),
    h("h4", {}, "Properties"),
    properties.length
      ? h(
          "dl",
          { className: "facts" },
          properties.map(([k, v]) => [h("dt", {}, k), h("dd", {}, formatValue(v))]),
        )
      : h("p", { className: "hint" }, "None."),
    h("h4", {}, `Sources (${edge.sources.length})`),
    h(
      "ul",
      { className: "sources" },
      edge.sources.map((s) =>
        h(
          "li",
          {},
          h("strong", {}, s.citation),
          " ",
          s.source?.title ?? `source ${s.sourceId}`,
          h(
            "small",
            {},
            s.firstLine === s.lastLine ? `, line ${s.firstLine}` : `, lines ${s.firstLine}–${s.lastLine}`,
          ),
        ),
      ),
    ),
    h("p", {}, h("small", {}, "Relationship id ", h("code", {}, edge.id))),
  );
}

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

// ---------------------------------------------------------------------------------------
// Wiring
// ---------------------------------------------------------------------------------------

cy.on("tap", "node", (event) => selectNode(event.target.id(), { expand: true }));
cy.on("tap", "edge", (event) => {
  cy.elements(":selected").unselect();
  event.target.select();
  showEdge(event.target.id());
});
cy.on("tap", (event) => {
  if (event.target === cy) showNothing();
});

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("search-input").value.trim();
  if (text) void search(text);
});
$("depth").addEventListener("change", () => {
  if (state.centre) void loadNeighbourhood(state.centre.id, Number($("depth").value));
});
$("find-paths").addEventListener("click", () => void findPaths());
$("types-all").addEventListener("click", () => {
  state.hiddenTypes.clear();
  applyTypeFilter();
  refresh();
});
$("types-none").addEventListener("click", () => {
  for (const type of state.typeDescriptions.keys()) state.hiddenTypes.add(type);
  applyTypeFilter();
  refresh();
});
$("fit").addEventListener("click", () =>
  cy.animate({ fit: { eles: shownElements(), padding: 40 }, duration: 250 }),
);
$("relayout").addEventListener("click", () => void layout({ randomize: true }));
$("clear").addEventListener("click", () => {
  state.generation++;
  clearGraph();
  history.replaceState(null, "", location.pathname);
});
$("export-graphml").addEventListener("click", () => {
  const graph = shownGraph();
  const meta = exportMeta(graph);
  download(`${meta.id}.graphml`, toGraphML(graph, meta), "application/graphml+xml");
});
$("export-cyjs").addEventListener("click", () => {
  const graph = shownGraph();
  const meta = exportMeta(graph);
  const positions = new Map(shownNodes().map((n) => [n.id(), n.position()]));
  download(
    `${meta.id}.cyjs`,
    JSON.stringify(toCytoscapeJson(graph, meta, positions), null, 2),
    "application/json",
  );
});

async function start() {
  setBusy(true);
  refresh();
  await loadRelationshipTypes();
  const params = new URLSearchParams(location.search);
  const depth = Number(params.get("depth"));
  if ([1, 2, 3].includes(depth)) $("depth").value = String(depth);
  if (params.get("q")) {
    $("search-input").value = params.get("q");
    await search(params.get("q"));
  } else if (params.get("id")) {
    await loadNeighbourhood(params.get("id"));
  }
  setBusy(false);
}

void start();
