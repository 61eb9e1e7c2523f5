import { Body } from "./body.type";
import { Document } from "./document.type";
import { createEdgeType } from "./edge.type";
import { Entity } from "./entity.interface";
import { Meeting } from "./meeting.type";
import { Objective } from "./objective.type";
import { Organisation } from "./organisation.type";
import { Person } from "./person.type";
import { Place } from "./place.type";
import { State } from "./state.type";
import { Location, Participant, UNION_KINDS } from "./unions";

/** Every edge type, with the entity kinds its `node` admits (undefined: any entity). */
export const EDGE_TYPES = {
  EntityEdge: { type: createEdgeType("EntityEdge", () => Entity, "any entity"), kinds: undefined },
  StateEdge: { type: createEdgeType("StateEdge", () => State, "a state"), kinds: ["State"] },
  OrganisationEdge: {
    type: createEdgeType("OrganisationEdge", () => Organisation, "an organisation"),
    kinds: ["Organisation"],
  },
  BodyEdge: { type: createEdgeType("BodyEdge", () => Body, "a body"), kinds: ["Body"] },
  MeetingEdge: { type: createEdgeType("MeetingEdge", () => Meeting, "a meeting"), kinds: ["Meeting"] },
  DocumentEdge: { type: createEdgeType("DocumentEdge", () => Document, "a document"), kinds: ["Document"] },
  PlaceEdge: { type: createEdgeType("PlaceEdge", () => Place, "a place"), kinds: ["Place"] },
  PersonEdge: { type: createEdgeType("PersonEdge", () => Person, "a person"), kinds: ["Person"] },
  ObjectiveEdge: {
    type: createEdgeType("ObjectiveEdge", () => Objective, "an objective"),
    kinds: ["Objective"],
  },
  ParticipantEdge: {
    type: createEdgeType("ParticipantEdge", () => Participant, "a state, organisation, body or person"),
    kinds: UNION_KINDS.Participant,
  },
  LocationEdge: {
    type: createEdgeType("LocationEdge", () => Location, "a place or a state"),
    kinds: UNION_KINDS.Location,
  },
} as const;

export type EdgeTypeName = keyof typeof EDGE_TYPES;
