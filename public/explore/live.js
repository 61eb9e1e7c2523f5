// Live drawing: the explorer follows the change feed (subscription graphChanged, over graphql-ws
// on /graphql) for the entities it shows, and redraws what a curator changed, with a note.

import { createClient } from "/vendor/graphql-ws/client.js";
import { graphql, operationText } from "./api.js";
import { $, h } from "./dom.js";
import { cy, layout, merge, refreshNodes, remove } from "./graph-view.js";
import { GRAPH_CHANGED, GRAPH_VERSION, NEIGHBOURHOOD } from "./operations.js";
import { state, typesVariable } from "./state.js";
import { refresh } from "./summary.js";

/** The server's bound on a list argument: more shown entities are followed without an id filter. */
const MAX_IDS = 100;

let client;
let stop;
let followed = "";
/** The last version seen: a new subscription starts after it, so nothing falls between two. */
let since = null;
let pending = Promise.resolve();

function connect() {
  client ??= createClient({
    url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`,
    lazy: true,
    retryAttempts: Infinity,
    on: {
      connected: () => setLive("Live: redrawn when the graph changes."),
      // Closed with nothing followed (the drawing was cleared): nothing to say.
      closed: () => setLive(stop ? "Live updates paused: reconnecting…" : ""),
    },
  });
  return client;
}

function setLive(text) {
  const note = $("live-status");
  if (note) note.textContent = text;
}

/** Follows the entities drawn now (called after every change to the drawing). */
export async function follow() {
  const ids = [...state.nodes.keys()].sort();
  const key = ids.length === 0 ? "" : ids.length > MAX_IDS ? "*" : ids.join(" ");
  if (key === followed) return;
  followed = key;
  stop?.();
  stop = undefined;
  if (key === "") return;
  try {
    since ??= (await graphql(GRAPH_VERSION, {}, { remember: false })).graphVersion;
  } catch {
    return;
  }
  if (followed !== key) return;
  const variables = { since, ...(key === "*" ? {} : { ids }) };
  stop = connect().subscribe(
    { query: operationText(GRAPH_CHANGED), variables },
    {
      next: ({ data }) => {
        if (!data?.graphChanged) return;
        // One change at a time, in the order they come.
        pending = pending.then(() => redraw(data.graphChanged)).catch(() => undefined);
      },
      error: () => setLive("Live updates stopped: reload the page to follow changes again."),
      complete: () => undefined,
    },
  );
}

/** Redraws what `change` touched of the drawing, and says what changed. */
async function redraw(change) {
  // After a reconnection graphql-ws subscribes again with the `since` it was given first:
  // what was drawn already comes again, and is skipped.
  if (since !== null && change.version <= since) return;
  since = change.version;
  const nodes = change.entityIds.filter((id) => state.nodes.has(id));
  const edges = change.relationshipIds.filter((id) => state.edges.has(id));
  if (nodes.length === 0 && edges.length === 0) return;
  const changed = cy.collection();
  if (change.action.startsWith("DELETE_")) {
    remove({
      nodes: change.action === "DELETE_ENTITY" ? [change.targetId] : [],
      edges: change.relationshipIds,
    });
  }
  let added = 0;
  for (const id of nodes) {
    if (!state.nodes.has(id)) continue;
    const data = await graphql(NEIGHBOURHOOD, { id, depth: 1, types: typesVariable() }, { remember: false });
    if (!data.neighbourhood) continue;
    // An expanded entity shows all its neighbours, so a new one is drawn; any other gains only
    // what joins it to entities already drawn, and its new name.
    const graph = state.expanded.has(id)
      ? data.neighbourhood
      : { ...data.neighbourhood, nodes: data.neighbourhood.nodes.filter((n) => state.nodes.has(n.id)) };
    refreshNodes(graph.nodes);
    added += merge(graph, cy.getElementById(id).position());
  }
  for (const id of [...change.entityIds, ...change.relationshipIds]) changed.merge(cy.getElementById(id));
  changed.addClass("changed");
  setTimeout(() => changed.removeClass("changed"), 4000);
  const what = `${change.action.toLowerCase().replace(/_/g, " ")} ${change.targetId}`;
  $("live-note").replaceChildren(
    h("strong", {}, "Changed: "),
    what,
    h("small", {}, ` (version ${change.version}, ${new Date(change.at).toLocaleTimeString()})`),
  );
  refresh();
  if (added > 0) await layout({ randomize: false });
  void follow();
}
