// What the explorer holds between requests: the graph as the API returned it, and the choices
// made in the panels. The drawing (graph-view.js) shows a filtered view of it.

export const state = {
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

/** The `types` variable: only when some types are unticked. */
export function typesVariable() {
  if (state.hiddenTypes.size === 0) return undefined;
  return [...state.typeDescriptions.keys()].filter((t) => !state.hiddenTypes.has(t));
}

export function forgetGraph() {
  state.nodes.clear();
  state.edges.clear();
  state.expanded.clear();
  state.centre = null;
  state.truncated = false;
}
