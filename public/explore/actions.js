// What the explorer does on a click: each action sends one named operation (operations.js),
// merges the answer into state.js and the drawing, and redraws the panels.

import { graphql } from "./api.js";
import { showNode, showNothing } from "./details.js";
import { $, count, h, setBusy, setStatus } from "./dom.js";
import { applyTypeFilter, cy, highlightPaths, layout, merge } from "./graph-view.js";
import { kindOf, swatch, typeLabel } from "./kinds.js";
import { follow } from "./live.js";
import { NEIGHBOURHOOD, PATHS, RELATIONSHIP_TYPES, SEARCH_ENTITIES } from "./operations.js";
import { forgetGraph, state, typesVariable } from "./state.js";
import { refresh, renderTypeFilter } from "./summary.js";

export function clearGraph() {
  cy.elements().remove();
  forgetGraph();
  $("path-list").replaceChildren();
  showNothing();
  refresh();
  void follow();
}

/** Selects a drawn node and shows its details; `expand` also loads its neighbours. */
export function selectNode(id, { expand: andExpand }) {
  const element = cy.getElementById(id);
  if (element.empty()) return;
  cy.elements(":selected").unselect();
  element.select();
  if (!andExpand) cy.animate({ center: { eles: element }, duration: 250 });
  showNode(id);
  if (andExpand) void expand(id);
}

/** Replaces the drawing with the neighbourhood of `id`. */
export async function loadNeighbourhood(id, depth = Number($("depth").value)) {
  const generation = ++state.generation;
  setBusy(true);
  setStatus(`Loading the neighbourhood of ${id}…`);
  try {
    const data = await graphql(NEIGHBOURHOOD, { id, depth, types: typesVariable() });
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
    void follow();
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
export async function expand(id) {
  if (state.expanded.has(id)) return;
  state.expanded.add(id);
  const node = cy.getElementById(id);
  node.addClass("expanded");
  const generation = state.generation;
  setBusy(true);
  setStatus(`Expanding ${state.nodes.get(id)?.name ?? id}…`);
  try {
    const data = await graphql(NEIGHBOURHOOD, { id, depth: 1, types: typesVariable() });
    if (generation !== state.generation || !data.neighbourhood) return;
    const added = merge(data.neighbourhood, node.position());
    applyTypeFilter();
    refresh();
    void follow();
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

function searchHit(hit) {
  const pathButton = (end) =>
    h("button", { type: "button", className: "small", onclick: () => setPathEnd(end, hit.entity) }, end);
  return h(
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
      h("span", { className: "result-actions" }, "path ", pathButton("from"), pathButton("to")),
    ),
  );
}

/** Lists the entities matching `text` and draws the neighbourhood of the best one. */
export async function search(text) {
  setBusy(true);
  setStatus(`Searching "${text}"…`);
  const list = $("search-results");
  try {
    const data = await graphql(SEARCH_ENTITIES, { text });
    $("results-section").hidden = false;
    list.replaceChildren(...data.search.map(searchHit));
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

export async function loadRelationshipTypes() {
  try {
    const data = await graphql(RELATIONSHIP_TYPES, {}, { remember: false });
    for (const value of data.__type?.enumValues ?? [])
      state.typeDescriptions.set(value.name, value.description ?? "");
  } catch {
    // Introspection may be off (GRAPHQL_INTROSPECTION=false): the types are then learnt as they appear.
  }
  renderTypeFilter();
}

export function setPathEnd(end, entity) {
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

const listButton = (label, onclick) =>
  h("li", {}, h("button", { type: "button", className: "small", onclick }, label));

/** Draws the shortest paths between the two chosen ends and lists them. */
export async function findPaths() {
  if (!state.pathFrom || !state.pathTo) return;
  const maxLength = Number($("path-length").value);
  const list = $("path-list");
  setBusy(true);
  setStatus(`Looking for paths from ${state.pathFrom.name} to ${state.pathTo.name}…`);
  try {
    const data = await graphql(PATHS, {
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
    void follow();
    if (added > 0) await layout({ randomize: state.nodes.size === graph.nodes.length });
    const items = paths.map((path) =>
      h(
        "li",
        {},
        h(
          "button",
          { type: "button", className: "link", onclick: () => highlightPaths([path]) },
          count(path.length, "step"),
        ),
        ": ",
        describePath(path),
      ),
    );
    if (paths.length > 1) items.push(listButton("Show all paths", () => highlightPaths(paths)));
    items.push(listButton("Clear highlight", () => highlightPaths([])));
    list.replaceChildren(...items);
    highlightPaths(paths);
    refresh(`${count(paths.length, "path")} from ${state.pathFrom.name} to ${state.pathTo.name}.`);
  } catch (error) {
    setStatus(error.message, { error: true });
  } finally {
    setBusy(false);
  }
}
