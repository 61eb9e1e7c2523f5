// A typed client in a few lines: the documents from `npm run codegen` carry their result and
// variable types, so `data` below is typed without a cast and a wrong variable fails to compile.
import { createApolloClient } from "./apollo";
import { NeighbourhoodDocument, PathsDocument } from "./generated/operations";

/** The names of the entities one hop from `id`, and how many relationships join them. */
export async function neighbourhoodSummary(url: string, id: string) {
  const client = createApolloClient(url);
  const { data } = await client.query({ query: NeighbourhoodDocument, variables: { id, depth: 1 } });
  const graph = data?.neighbourhood;
  return graph ? { names: graph.nodes.map((node) => node.name), relationships: graph.edges.length } : null;
}

/** The shortest path from one entity to another, as the names along it. */
export async function shortestPath(url: string, from: string, to: string): Promise<string[]> {
  const client = createApolloClient(url);
  const { data } = await client.query({ query: PathsDocument, variables: { from, to, maxLength: 4 } });
  if (!data) return [];
  const names = new Map(data.paths.graph.nodes.map((node) => [node.id, node.name]));
  return data.paths.paths[0]?.nodeIds.map((nodeId) => names.get(nodeId) ?? nodeId) ?? [];
}
