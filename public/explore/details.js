// The details panel: the node or edge last clicked, with its facts and sources.

import { graphql, playgroundUrl } from "./api.js";
import { $, count, describe, h } from "./dom.js";
import { cy, shownEdges } from "./graph-view.js";
import { kindOf, swatch, typeLabel } from "./kinds.js";
import { intent } from "./intents.js";
import { ENTITY, ENTITY_DETAILS } from "./operations.js";
import { state } from "./state.js";

const heading = () => h("h2", {}, "Details");

export function showNothing() {
  delete $("details").dataset.shown;
  $("details").replaceChildren(heading(), h("p", { className: "hint" }, "Click a node or an edge."));
}

export function showNode(id) {
  const node = state.nodes.get(id);
  if (!node) return;
  const kind = kindOf(node.kind);
  const degree = cy.getElementById(id).connectedEdges().intersection(shownEdges()).length;
  $("details").dataset.shown = `node:${id}`;
  $("details").replaceChildren(
    heading(),
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
      h("dd", {}, count(degree, "relationship")),
    ),
    h(
      "div",
      { className: "row wrap" },
      h(
        "button",
        {
          type: "button",
          disabled: state.expanded.has(id),
          onclick: () => void intent("expand", id).then(() => showNode(id)),
        },
        state.expanded.has(id) ? "Expanded" : "Expand",
      ),
      h("button", { type: "button", onclick: () => intent("centre", id) }, "Centre here"),
      h("button", { type: "button", onclick: () => intent("path-end", "from", node) }, "Path from here"),
      h("button", { type: "button", onclick: () => intent("path-end", "to", node) }, "Path to here"),
    ),
    h(
      "p",
      {},
      h(
        "a",
        { href: playgroundUrl(ENTITY, { id }), target: "_blank", rel: "noopener" },
        "This entity in the playground",
      ),
    ),
    h(
      "div",
      { className: "entity-sources", "aria-live": "polite" },
      h("p", { className: "hint" }, "Reading sources…"),
    ),
  );
  void showEntitySources(id);
}

/** The node's sources (with the cited passages) and the documents that name it, read when it is shown. */
async function showEntitySources(id) {
  let entity;
  try {
    entity = (await graphql(ENTITY_DETAILS, { id }, { remember: false })).entity;
  } catch (error) {
    entity = { error: error instanceof Error ? error.message : String(error) };
  }
  // Another node or an edge may have been clicked meanwhile: fill only this node's panel.
  const panel = $("details").querySelector(".entity-sources");
  if (!panel || state.nodes.get(id) === undefined || $("details").dataset.shown !== `node:${id}`) return;
  if (!entity || entity.error) {
    panel.replaceChildren(
      h("p", { className: "hint" }, `Sources could not be read: ${entity?.error ?? "no entity"}`),
    );
    return;
  }
  const named = entity.mentionedIn;
  panel.replaceChildren(
    h("h4", {}, `Sources (${entity.sources.length})`),
    sourceList(entity.sources),
    h("h4", {}, `Named in ${count(named.totalCount, "document")}`),
    named.edges.length
      ? h(
          "ul",
          { className: "mentions" },
          named.edges.map(({ node }) =>
            h("li", {}, node.source.title, " ", h("small", {}, `lines ${node.lines.join(", ")}`)),
          ),
        )
      : h("p", { className: "hint" }, "No document names it."),
  );
}

/** Each citation with its document's title and lines, and the cited passage when the server holds the text (its SOURCES_DIR). */
function sourceList(sources) {
  return h(
    "ul",
    { className: "sources" },
    sources.map((s) =>
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
        s.text ? h("blockquote", { className: "passage" }, s.text) : null,
      ),
    ),
  );
}

const formatValue = (value) => (typeof value === "string" ? value : JSON.stringify(value));

export function showEdge(id) {
  const edge = state.edges.get(id);
  if (!edge) return;
  const name = (nodeId) => state.nodes.get(nodeId)?.name ?? nodeId;
  const endpoint = (nodeId) =>
    h("button", { type: "button", className: "link", onclick: () => intent("select", nodeId) }, name(nodeId));
  const properties = Object.entries(edge.properties);
  const description = state.typeDescriptions.get(edge.type);
  $("details").dataset.shown = `edge:${id}`;
  $("details").replaceChildren(
    heading(),
    h("h3", { className: "edge-title" }, typeLabel(edge.type)),
    description ? h("p", { className: "hint" }, describe(description)) : null,
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
    sourceList(edge.sources),
    h("p", {}, h("small", {}, "Relationship id ", h("code", {}, edge.id))),
  );
}
