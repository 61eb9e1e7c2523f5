import type { RelationshipType } from "../model/contract";
import type { EdgeTypeName } from "../types/edges";

/**
 * The typed relationship fields of each object type. Every field is served by the
 * loader for its (relationship type, direction); `edge` fixes the type of the node at
 * the far end (edges to other kinds are left out, so the field's type always holds).
 */
export interface RelationshipFieldSpec {
  field: string;
  type: RelationshipType;
  direction: "OUT" | "IN";
  edge: EdgeTypeName;
  description: string;
}

const f = (
  field: string,
  type: RelationshipType,
  direction: "OUT" | "IN",
  edge: EdgeTypeName,
  description: string,
): RelationshipFieldSpec => ({ field, type, direction, edge, description });

const participation = [
  f(
    "memberOf",
    "MEMBER_OF",
    "OUT",
    "BodyEdge",
    "Bodies it belongs to; `role` says member, observer or participant.",
  ),
  f("coChairOf", "CO_CHAIRS", "OUT", "BodyEdge", "Bodies it co-chairs."),
  f("participatedIn", "PARTICIPATED_IN", "OUT", "EntityEdge", "Meetings, events and bodies it took part in."),
  f("partnerOf", "PARTNER_OF", "OUT", "EntityEdge", "Whom it is a partner of."),
  f("supports", "SUPPORTS", "OUT", "EntityEdge", "What it supports (administrative or technical support)."),
  f("secretariatOf", "SECRETARIAT_OF", "OUT", "BodyEdge", "Bodies it provides the secretariat for."),
  f("oversees", "OVERSEES", "OUT", "EntityEdge", "What it oversees."),
  f("manages", "MANAGES", "OUT", "EntityEdge", "What it manages."),
  f("reportsTo", "REPORTS_TO", "OUT", "EntityEdge", "To whom it reports."),
  f("produced", "PRODUCED_BY", "IN", "DocumentEdge", "Documents it developed or prepared."),
  f("issued", "ISSUED_BY", "IN", "DocumentEdge", "Documents it issued."),
  f("contactFor", "CONTACT_FOR", "OUT", "EntityEdge", "Whom it is the contact point for."),
  f("advises", "ADVISES", "OUT", "EntityEdge", "Whom it advises or is consulted by."),
  f("endorsed", "ENDORSED_BY", "IN", "DocumentEdge", "Documents it endorsed, acknowledged or approved."),
];

export const RELATIONSHIP_FIELDS: Record<string, RelationshipFieldSpec[]> = {
  State: [
    ...participation,
    f("hosted", "HOSTED", "OUT", "MeetingEdge", "Meetings it hosted."),
    f(
      "meetings",
      "HELD_IN",
      "IN",
      "MeetingEdge",
      "Meetings held in this state (see also its places' meetings).",
    ),
    f("places", "LOCATED_IN", "IN", "PlaceEdge", "Cities and regions located in this state."),
    f(
      "locatedHere",
      "LOCATED_IN",
      "IN",
      "EntityEdge",
      "Everything located in this state: places, offices, bodies.",
    ),
    f("enacted", "ENACTED", "OUT", "DocumentEdge", "Laws it enacted."),
    f("ratified", "RATIFIED", "OUT", "DocumentEdge", "Conventions it ratified."),
    f("partOf", "PART_OF", "OUT", "StateEdge", "The state a territory belongs to."),
    f("territories", "PART_OF", "IN", "StateEdge", "Territories that belong to this state."),
  ],
  Organisation: [
    ...participation,
    f("people", "AFFILIATED_WITH", "IN", "PersonEdge", "People holding a position in it; `role` says which."),
    f("locatedIn", "LOCATED_IN", "OUT", "LocationEdge", "Where it is located."),
    f("partOf", "PART_OF", "OUT", "EntityEdge", "What it is part of."),
    f("parts", "PART_OF", "IN", "EntityEdge", "Its parts (country offices, units)."),
  ],
  Body: [
    f(
      "members",
      "MEMBER_OF",
      "IN",
      "ParticipantEdge",
      "Its members; `role` says member, observer or participant.",
    ),
    f("coChairs", "CO_CHAIRS", "IN", "ParticipantEdge", "Who co-chairs it."),
    f("memberOf", "MEMBER_OF", "OUT", "BodyEdge", "Bodies it belongs to."),
    f("reportsTo", "REPORTS_TO", "OUT", "EntityEdge", "To whom it reports; `frequency` when stated."),
    f("reportedToBy", "REPORTS_TO", "IN", "EntityEdge", "Who reports to it."),
    f("operatesUnder", "OPERATES_UNDER", "OUT", "BodyEdge", "The body it operates under."),
    f("bodies", "OPERATES_UNDER", "IN", "BodyEdge", "Bodies that operate under it."),
    f("partOf", "PART_OF", "OUT", "EntityEdge", "What it is part of."),
    f("parts", "PART_OF", "IN", "EntityEdge", "Its parts and tracks."),
    f("initiativeOf", "INITIATIVE_OF", "OUT", "EntityEdge", "Whose initiative it is."),
    f("initiatives", "INITIATIVE_OF", "IN", "EntityEdge", "Initiatives of this body."),
    f("establishedAt", "ESTABLISHED_AT", "OUT", "MeetingEdge", "The meeting at which it was established."),
    f(
      "establishedBy",
      "ESTABLISHED_BY",
      "OUT",
      "EntityEdge",
      "Who established or developed it; `year` when stated.",
    ),
    f("established", "ESTABLISHED_BY", "IN", "EntityEdge", "What it established or developed."),
    f(
      "objectives",
      "HAS_OBJECTIVE",
      "OUT",
      "ObjectiveEdge",
      "Its objectives or tasks, each with the sources that list it.",
    ),
    f("oversees", "OVERSEES", "OUT", "EntityEdge", "What it oversees."),
    f("overseenBy", "OVERSEES", "IN", "EntityEdge", "Who oversees its work."),
    f("manages", "MANAGES", "OUT", "EntityEdge", "What it manages."),
    f("managedBy", "MANAGES", "IN", "EntityEdge", "Who manages it."),
    f("secretariat", "SECRETARIAT_OF", "IN", "EntityEdge", "Who provides its secretariat."),
    f("secretariatOf", "SECRETARIAT_OF", "OUT", "BodyEdge", "Bodies it is the secretariat of."),
    f("supportedBy", "SUPPORTS", "IN", "EntityEdge", "Who supports it."),
    f("supports", "SUPPORTS", "OUT", "EntityEdge", "What it supports."),
    f("partners", "PARTNER_OF", "IN", "EntityEdge", "Its partners."),
    f("meetings", "ORGANISED_BY", "IN", "MeetingEdge", "Meetings it organised or that were held under it."),
    f("documents", "ISSUED_BY", "IN", "DocumentEdge", "Documents it issued."),
    f("produced", "PRODUCED_BY", "IN", "DocumentEdge", "Documents it developed or prepared."),
    f("participatedIn", "PARTICIPATED_IN", "OUT", "EntityEdge", "Meetings and events it took part in."),
    f("participants", "PARTICIPATED_IN", "IN", "ParticipantEdge", "Who took part in it."),
    f("locatedIn", "LOCATED_IN", "OUT", "LocationEdge", "Where it is located."),
    f("coChairOf", "CO_CHAIRS", "OUT", "BodyEdge", "Bodies it co-chairs."),
    f("contacts", "CONTACT_FOR", "IN", "EntityEdge", "Its contact points (offices, ministries)."),
    f("advisedBy", "ADVISES", "IN", "EntityEdge", "Who advises it or is consulted on its work."),
    f("endorsed", "ENDORSED_BY", "IN", "DocumentEdge", "Documents it endorsed or acknowledged."),
  ],
  Meeting: [
    f("heldIn", "HELD_IN", "OUT", "LocationEdge", "Where it took place."),
    f("hostedBy", "HOSTED", "IN", "StateEdge", "The state that hosted it."),
    f(
      "documents",
      "ADOPTED_AT",
      "IN",
      "DocumentEdge",
      "Documents adopted, endorsed or issued at it; `action` says which.",
    ),
    f("organisedBy", "ORGANISED_BY", "OUT", "BodyEdge", "The body it was organised by or held under."),
    f("establishedHere", "ESTABLISHED_AT", "IN", "BodyEdge", "Bodies established at this meeting."),
    f("participants", "PARTICIPATED_IN", "IN", "ParticipantEdge", "Who took part."),
    f("about", "ABOUT", "OUT", "EntityEdge", "What it concerned."),
    f("followsUp", "FOLLOWS_UP", "OUT", "EntityEdge", "What it followed up on or reviewed."),
    f("partOf", "PART_OF", "OUT", "EntityEdge", "The larger meeting or series it was part of."),
    f("parts", "PART_OF", "IN", "EntityEdge", "Meetings held as part of it."),
  ],
  Document: [
    f(
      "adoptedAt",
      "ADOPTED_AT",
      "OUT",
      "MeetingEdge",
      "Meetings where it was adopted, endorsed or issued; `action` says which.",
    ),
    f("issuedBy", "ISSUED_BY", "OUT", "EntityEdge", "Who issued it."),
    f("producedBy", "PRODUCED_BY", "OUT", "EntityEdge", "Who developed or prepared it."),
    f("enactedBy", "ENACTED", "IN", "StateEdge", "The state that enacted it (laws)."),
    f("ratifiedBy", "RATIFIED", "IN", "StateEdge", "States that ratified it (conventions)."),
    f("amends", "AMENDS", "OUT", "DocumentEdge", "Documents it amends."),
    f("amendedBy", "AMENDS", "IN", "DocumentEdge", "Documents that amend it."),
    f("about", "ABOUT", "OUT", "EntityEdge", "What it concerns."),
    f("followsUp", "FOLLOWS_UP", "OUT", "EntityEdge", "What it follows up on or reviews."),
    f("partOf", "PART_OF", "OUT", "EntityEdge", "The document it is part of (an attachment)."),
    f("parts", "PART_OF", "IN", "EntityEdge", "Its parts and attachments."),
    f("endorsedBy", "ENDORSED_BY", "OUT", "EntityEdge", "Who endorsed, acknowledged or approved it."),
    f("referredToBy", "REFERS_TO", "IN", "EntityEdge", "Objectives and documents that refer to it."),
  ],
  Place: [
    f("locatedIn", "LOCATED_IN", "OUT", "LocationEdge", "The region or state it lies in."),
    f(
      "locatedHere",
      "LOCATED_IN",
      "IN",
      "EntityEdge",
      "What is located here: offices, bodies, smaller places.",
    ),
    f("meetings", "HELD_IN", "IN", "MeetingEdge", "Meetings held here."),
    f("events", "HELD_IN", "IN", "EntityEdge", "Meetings and events that took place here."),
  ],
  Person: [
    f(
      "affiliations",
      "AFFILIATED_WITH",
      "OUT",
      "OrganisationEdge",
      "Organisations where the person holds a position; `role` says which.",
    ),
    f("coChairOf", "CO_CHAIRS", "OUT", "BodyEdge", "Bodies the person co-chairs."),
    f("spokeOn", "SPOKE_ON", "OUT", "EntityEdge", "What the person made public statements about."),
    f("memberOf", "MEMBER_OF", "OUT", "BodyEdge", "Bodies the person belongs to."),
  ],
  Objective: [
    f(
      "of",
      "HAS_OBJECTIVE",
      "IN",
      "BodyEdge",
      "The bodies that have this objective, with the sources that list it.",
    ),
  ],
  Event: [
    f("heldIn", "HELD_IN", "OUT", "LocationEdge", "Where it happened."),
    f("participants", "PARTICIPATED_IN", "IN", "ParticipantEdge", "Who took part."),
    f("documents", "ABOUT", "IN", "EntityEdge", "Documents and meetings about it."),
    f("followedUpBy", "FOLLOWS_UP", "IN", "EntityEdge", "Reviews and meetings that followed it up."),
    f("organisedBy", "ORGANISED_BY", "OUT", "BodyEdge", "The body under which it was carried out."),
    f("spokenOnBy", "SPOKE_ON", "IN", "PersonEdge", "People who made public statements about it."),
  ],
  Source: [],
};
