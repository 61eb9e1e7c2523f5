// The explorer's only way to the server: POST /graphql with a named operation and its
// variables, as any GraphQL client would send it.

import { DRAWN_GRAPH } from "./operations.js";

/** Removes the indentation the operations have in operations.js, and adds the fragments they use. */
export function operationText(operation) {
  const withFragments = operation.includes("...DrawnGraph") ? `${operation}\n${DRAWN_GRAPH}` : operation;
  const lines = withFragments.split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines
    .map((line) => line.slice(indent))
    .join("\n")
    .trim();
}

/** Link to the playground with an operation and its variables filled in. */
export function playgroundUrl(operation, variables) {
  const params = new URLSearchParams({ query: operationText(operation) });
  if (variables && Object.keys(variables).length > 0)
    params.set("variables", JSON.stringify(variables, null, 2));
  return `/?${params}`;
}

const listeners = [];

/** Calls `listener(operation, variables)` before each request sent with `remember` (the default). */
export function onRequest(listener) {
  listeners.push(listener);
}

/** POST /graphql; resolves to `data`, or rejects with the errors' messages. */
export async function graphql(operation, variables = {}, { remember = true } = {}) {
  const query = operationText(operation);
  if (remember) for (const listener of listeners) listener(operation, variables);
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
