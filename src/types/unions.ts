import { createUnionType } from "type-graphql";
import { UNIONS } from "../model/relationships";
import { objectType } from "./object-types";

const byKind = (value: { kind?: string }) => value.kind;

/** The unions relationship fields return (Participant, Location), from the model's table. */
export const UNION_TYPES: Readonly<Record<string, ReturnType<typeof createUnionType>>> = Object.fromEntries(
  Object.entries(UNIONS).map(([name, union]) => [
    name,
    createUnionType({
      name,
      description: union.description,
      types: () => union.kinds.map(objectType),
      resolveType: byKind,
    }),
  ]),
);
