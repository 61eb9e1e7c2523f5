import { KINDS } from "../model/kinds";
import { createConnectionType } from "./connection.type";
import { objectType } from "./object-types";

/** A Relay connection type for every node kind's list (StateConnection …, SourceConnection). */
const made = Object.fromEntries(
  [...KINDS, "Source"].map((kind) => [kind, createConnectionType(kind, () => objectType(kind))]),
);

export function connectionType(kind: string) {
  const type = made[kind];
  if (!type) throw new Error(`No connection type for kind ${kind}`);
  return type.Connection;
}

/** The resolvers of every connection's lazily counted totalCount. */
export const connectionResolvers = Object.values(made).map((m) => m.ConnectionResolver);
