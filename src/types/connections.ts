import { Body } from "./body.type";
import { createConnectionType } from "./connection.type";
import { Document } from "./document.type";
import { Event } from "./event.type";
import { Meeting } from "./meeting.type";
import { Objective } from "./objective.type";
import { Organisation } from "./organisation.type";
import { Person } from "./person.type";
import { Place } from "./place.type";
import { Source } from "./source.type";
import { State } from "./state.type";

const state = createConnectionType("State", () => State);
const organisation = createConnectionType("Organisation", () => Organisation);
const body = createConnectionType("Body", () => Body);
const meeting = createConnectionType("Meeting", () => Meeting);
const document = createConnectionType("Document", () => Document);
const place = createConnectionType("Place", () => Place);
const person = createConnectionType("Person", () => Person);
const objective = createConnectionType("Objective", () => Objective);
const event = createConnectionType("Event", () => Event);
const source = createConnectionType("Source", () => Source);

export const StateConnection = state.Connection;
export const OrganisationConnection = organisation.Connection;
export const BodyConnection = body.Connection;
export const MeetingConnection = meeting.Connection;
export const DocumentConnection = document.Connection;
export const PlaceConnection = place.Connection;
export const PersonConnection = person.Connection;
export const ObjectiveConnection = objective.Connection;
export const EventConnection = event.Connection;
export const SourceConnection = source.Connection;

/** The resolvers of every connection's lazily counted totalCount. */
export const connectionResolvers = [
  state.ConnectionResolver,
  organisation.ConnectionResolver,
  body.ConnectionResolver,
  meeting.ConnectionResolver,
  document.ConnectionResolver,
  place.ConnectionResolver,
  person.ConnectionResolver,
  objective.ConnectionResolver,
  event.ConnectionResolver,
  source.ConnectionResolver,
];
