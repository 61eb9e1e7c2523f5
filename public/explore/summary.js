// The panels that summarise what is drawn: the legend, the relationship-type filter, the list
// of nodes shown, the server's export links and the status line.

import { $, count, h, plainDescription, setStatus } from "./dom.js";
import { applyTypeFilter, cy, shownEdges, shownNodes } from "./graph-view.js";
import { intent } from "./intents.js";
import { KINDS, swatch, typeLabel } from "./kinds.js";
import { state, typesVariable } from "./state.js";

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

export function renderTypeFilter() {
  const counts = new Map();
  for (const edge of state.edges.values()) counts.set(edge.type, (counts.get(edge.type) ?? 0) + 1);
  const item = (type) =>
    h(
      "li",
      {},
      h(
        "label",
        { title: plainDescription(state.typeDescriptions.get(type) ?? "") || undefined },
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
  $("shown-count").textContent =
    `${count(shown.length, "node")}, ${count(shownEdges().length, "relationship")}`;
  $("shown-nodes").replaceChildren(
    ...shown.map((node) =>
      h(
        "li",
        { "data-id": node.id },
        h(
          "button",
          { type: "button", className: "link", onclick: () => intent("select", node.id) },
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
export function refresh(message) {
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
