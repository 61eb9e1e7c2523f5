import { createUnionType } from "type-graphql";
import { Body } from "./body.type";
import { Organisation } from "./organisation.type";
import { Person } from "./person.type";
import { Place } from "./place.type";
import { State } from "./state.type";

const byKind = (value: { kind?: string }) => value.kind;

export const Participant = createUnionType({
  name: "Participant",
  description: "Who can be a member, co-chair, host or participant: a state, organisation, body or person.",
  types: () => [State, Organisation, Body, Person] as const,
  resolveType: byKind,
});

export const Location = createUnionType({
  name: "Location",
  description: "Where something is or took place: a place (city, region) or a state.",
  types: () => [Place, State] as const,
  resolveType: byKind,
});

/** The kinds each union admits, so relationship fields return only what their type allows. */
export const UNION_KINDS = {
  Participant: ["State", "Organisation", "Body", "Person"],
  Location: ["Place", "State"],
} as const;
