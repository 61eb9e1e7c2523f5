// The explorer: a client of the public GraphQL API (POST /graphql) and of nothing else, in
// small native ES modules served as they are:
//   operations.js  the GraphQL operations it sends      api.js       sending them
//   state.js       what it holds between requests       graph-view.js  the drawing
//   actions.js     what a click does                    summary.js, details.js  the panels
//   intents.js     what the panels ask for, carried out by the actions wired here
//   downloads.js   exports of what is shown, with /shared/graph-formats.js (the server's too)
// This file wires the page's controls to the actions and starts from the URL (?id=, ?q=).

import {
  clearGraph,
  expand,
  findPaths,
  loadNeighbourhood,
  loadRelationshipTypes,
  search,
  selectNode,
  setPathEnd,
} from "./actions.js";
import { playgroundUrl, onRequest } from "./api.js";
import { showEdge, showNothing } from "./details.js";
import { $, setBusy } from "./dom.js";
import { downloadCytoscapeJson, downloadGraphML } from "./downloads.js";
import { applyTypeFilter, cy, layout, shownElements } from "./graph-view.js";
import { onIntent } from "./intents.js";
import { state } from "./state.js";
import { refresh } from "./summary.js";

// What the panels' buttons ask for.
onIntent("expand", expand);
onIntent("centre", (id) => loadNeighbourhood(id));
onIntent("path-end", setPathEnd);
onIntent("select", (id) => selectNode(id, { expand: false }));

// "Open last query in the playground" shows the last operation sent, with its variables.
onRequest((operation, variables) => {
  $("open-in-playground").href = playgroundUrl(operation, variables);
});

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
const showTypes = (hidden) => {
  state.hiddenTypes = new Set(hidden);
  applyTypeFilter();
  refresh();
};
$("types-all").addEventListener("click", () => showTypes([]));
$("types-none").addEventListener("click", () => showTypes(state.typeDescriptions.keys()));
$("fit").addEventListener("click", () =>
  cy.animate({ fit: { eles: shownElements(), padding: 40 }, duration: 250 }),
);
$("relayout").addEventListener("click", () => void layout({ randomize: true }));
$("clear").addEventListener("click", () => {
  state.generation++;
  clearGraph();
  history.replaceState(null, "", location.pathname);
});
$("export-graphml").addEventListener("click", downloadGraphML);
$("export-cyjs").addEventListener("click", downloadCytoscapeJson);

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
