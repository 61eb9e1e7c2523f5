import { z } from "zod";
import { citations, propertyValue } from "./contract";
import type { Kind } from "./kinds";

/**
 * The relationship types: one row each, read as `from TYPE to`. Everything that is per
 * type derives from this table: the `RelationshipType` enum, the seed and curation
 * validation, the Cypher token check, and the typed relationship fields of the object
 * types (with their loaders and reads ahead).
 */

/** The unions a relationship field may return, with the kinds each admits. */
export const UNIONS = {
  Participant: {
    kinds: ["State", "Organisation", "Body", "Person"],
    description: "Who can be a member, co-chair, host or participant: a state, organisation, body or person.",
    article: "a state, organisation, body or person",
  },
  Location: {
    kinds: ["Place", "State"],
    description: "Where something is or took place: a place (city, region) or a state.",
    article: "a place or a state",
  },
} as const satisfies Record<string, { kinds: readonly Kind[]; description: string; article: string }>;
export type UnionName = keyof typeof UNIONS;

/** What a relationship field returns at its far end: any entity, one kind, or a union. */
export type FarEnd = "Entity" | UnionName | Kind;

/** A field that walks the relationship from an entity of kind `on`. */
export interface RelationshipField {
  on: readonly string[];
  field: string;
  /** OUT: the entity holding the field is the relationship's `from`; IN: its `to`. */
  direction: "OUT" | "IN";
  /** Edges whose far node is not of this kind or union are left out, so the type holds. */
  far: string;
  description: string;
}

export interface RelationshipRow {
  type: string;
  meaning: string;
  /** Its edges carry a `role`, and its fields take a `role` argument. */
  roles?: boolean;
  /** The properties its edges carry in the data set (checked by the seed tests). */
  properties: readonly string[];
  fields: readonly RelationshipField[];
}

function field(
  on: Kind | readonly Kind[],
  name: string,
  direction: "OUT" | "IN",
  far: FarEnd,
  description: string,
): RelationshipField {
  return { on: typeof on === "string" ? [on] : on, field: name, direction, far, description };
}

export const RELATIONSHIPS = [
  {
    type: "MEMBER_OF",
    meaning: "from is a member of to; `role` is member, observer or participant",
    roles: true,
    properties: ["listedAs", "role"],
    fields: [
      field(
        ["State", "Organisation"],
        "memberOf",
        "OUT",
        "Body",
        "Bodies it belongs to; `role` says member, observer or participant.",
      ),
      field(
        "Body",
        "members",
        "IN",
        "Participant",
        "Its members; `role` says member, observer or participant.",
      ),
      field("Body", "memberOf", "OUT", "Body", "Bodies it belongs to."),
      field("Person", "memberOf", "OUT", "Body", "Bodies the person belongs to."),
    ],
  },
  {
    type: "CO_CHAIRS",
    meaning: "from co-chairs to; `role` may qualify it (business co-chair)",
    roles: true,
    properties: ["permanent", "representing", "role", "since"],
    fields: [
      field(["State", "Organisation", "Body"], "coChairOf", "OUT", "Body", "Bodies it co-chairs."),
      field("Body", "coChairs", "IN", "Participant", "Who co-chairs it."),
      field("Person", "coChairOf", "OUT", "Body", "Bodies the person co-chairs."),
    ],
  },
  {
    type: "REPORTS_TO",
    meaning: "from reports to to; `frequency` when stated",
    properties: ["audience", "deadline", "frequency", "via", "when"],
    fields: [
      field(["State", "Organisation"], "reportsTo", "OUT", "Entity", "To whom it reports."),
      field("Body", "reportsTo", "OUT", "Entity", "To whom it reports; `frequency` when stated."),
      field("Body", "reportedToBy", "IN", "Entity", "Who reports to it."),
    ],
  },
  {
    type: "OPERATES_UNDER",
    meaning: "body from operates under body to",
    properties: [],
    fields: [
      field("Body", "operatesUnder", "OUT", "Body", "The body it operates under."),
      field("Body", "bodies", "IN", "Body", "Bodies that operate under it."),
    ],
  },
  {
    type: "PART_OF",
    meaning: "from is a part or component of to (a body of the forum, a territory of a state)",
    properties: ["attachment", "permanentTrack"],
    fields: [
      field("State", "partOf", "OUT", "State", "The state a territory belongs to."),
      field("State", "territories", "IN", "State", "Territories that belong to this state."),
      field(["Organisation", "Body"], "partOf", "OUT", "Entity", "What it is part of."),
      field("Organisation", "parts", "IN", "Entity", "Its parts (country offices, units)."),
      field("Body", "parts", "IN", "Entity", "Its parts and tracks."),
      field("Meeting", "partOf", "OUT", "Entity", "The larger meeting or series it was part of."),
      field("Meeting", "parts", "IN", "Entity", "Meetings held as part of it."),
      field("Document", "partOf", "OUT", "Entity", "The document it is part of (an attachment)."),
      field("Document", "parts", "IN", "Entity", "Its parts and attachments."),
    ],
  },
  {
    type: "INITIATIVE_OF",
    meaning: "from is an initiative of to",
    properties: [],
    fields: [
      field("Body", "initiativeOf", "OUT", "Entity", "Whose initiative it is."),
      field("Body", "initiatives", "IN", "Entity", "Initiatives of this body."),
    ],
  },
  {
    type: "ESTABLISHED_AT",
    meaning: "from was established at meeting to",
    properties: ["year"],
    fields: [
      field("Body", "establishedAt", "OUT", "Meeting", "The meeting at which it was established."),
      field("Meeting", "establishedHere", "IN", "Body", "Bodies established at this meeting."),
    ],
  },
  {
    type: "ESTABLISHED_BY",
    meaning: "from was established or developed by to",
    properties: ["contribution", "year"],
    fields: [
      field("Body", "establishedBy", "OUT", "Entity", "Who established or developed it; `year` when stated."),
      field("Body", "established", "IN", "Entity", "What it established or developed."),
    ],
  },
  {
    type: "HELD_IN",
    meaning: "meeting or event from took place in place or state to",
    properties: ["role"],
    fields: [
      field(
        "State",
        "meetings",
        "IN",
        "Meeting",
        "Meetings held in this state (see also its places' meetings).",
      ),
      field("Meeting", "heldIn", "OUT", "Location", "Where it took place."),
      field("Place", "meetings", "IN", "Meeting", "Meetings held here."),
      field("Place", "events", "IN", "Entity", "Meetings and events that took place here."),
      field("Event", "heldIn", "OUT", "Location", "Where it happened."),
    ],
  },
  {
    type: "HOSTED",
    meaning: "state from hosted meeting to",
    properties: [],
    fields: [
      field("State", "hosted", "OUT", "Meeting", "Meetings it hosted."),
      field("Meeting", "hostedBy", "IN", "State", "The state that hosted it."),
    ],
  },
  {
    type: "ADOPTED_AT",
    meaning: "document from was adopted, endorsed or issued at meeting to; `action` says which",
    properties: ["action"],
    fields: [
      field(
        "Meeting",
        "documents",
        "IN",
        "Document",
        "Documents adopted, endorsed or issued at it; `action` says which.",
      ),
      field(
        "Document",
        "adoptedAt",
        "OUT",
        "Meeting",
        "Meetings where it was adopted, endorsed or issued; `action` says which.",
      ),
    ],
  },
  {
    type: "ISSUED_BY",
    meaning: "document from was issued by to",
    properties: [],
    fields: [
      field(["State", "Organisation"], "issued", "IN", "Document", "Documents it issued."),
      field("Body", "documents", "IN", "Document", "Documents it issued."),
      field("Document", "issuedBy", "OUT", "Entity", "Who issued it."),
    ],
  },
  {
    type: "PRODUCED_BY",
    meaning: "document from was developed or prepared by to",
    properties: ["by", "role", "status"],
    fields: [
      field(
        ["State", "Organisation", "Body"],
        "produced",
        "IN",
        "Document",
        "Documents it developed or prepared.",
      ),
      field("Document", "producedBy", "OUT", "Entity", "Who developed or prepared it."),
    ],
  },
  {
    type: "LOCATED_IN",
    meaning: "from is located in place or state to",
    properties: ["inferred"],
    fields: [
      field("State", "places", "IN", "Place", "Cities and regions located in this state."),
      field(
        "State",
        "locatedHere",
        "IN",
        "Entity",
        "Everything located in this state: places, offices, bodies.",
      ),
      field(["Organisation", "Body"], "locatedIn", "OUT", "Location", "Where it is located."),
      field("Place", "locatedIn", "OUT", "Location", "The region or state it lies in."),
      field("Place", "locatedHere", "IN", "Entity", "What is located here: offices, bodies, smaller places."),
    ],
  },
  {
    type: "SECRETARIAT_OF",
    meaning: "from provides the secretariat of to",
    properties: ["role"],
    fields: [
      field(
        ["State", "Organisation"],
        "secretariatOf",
        "OUT",
        "Body",
        "Bodies it provides the secretariat for.",
      ),
      field("Body", "secretariat", "IN", "Entity", "Who provides its secretariat."),
      field("Body", "secretariatOf", "OUT", "Body", "Bodies it is the secretariat of."),
    ],
  },
  {
    type: "SUPPORTS",
    meaning: "from supports to (administrative or technical support)",
    properties: ["role"],
    fields: [
      field(
        ["State", "Organisation"],
        "supports",
        "OUT",
        "Entity",
        "What it supports (administrative or technical support).",
      ),
      field("Body", "supportedBy", "IN", "Entity", "Who supports it."),
      field("Body", "supports", "OUT", "Entity", "What it supports."),
    ],
  },
  {
    type: "OVERSEES",
    meaning: "from oversees the work of to",
    properties: ["includes"],
    fields: [
      field(["State", "Organisation", "Body"], "oversees", "OUT", "Entity", "What it oversees."),
      field("Body", "overseenBy", "IN", "Entity", "Who oversees its work."),
    ],
  },
  {
    type: "MANAGES",
    meaning: "from manages to",
    properties: ["role", "scope"],
    fields: [
      field(["State", "Organisation", "Body"], "manages", "OUT", "Entity", "What it manages."),
      field("Body", "managedBy", "IN", "Entity", "Who manages it."),
    ],
  },
  {
    type: "PARTICIPATED_IN",
    meaning: "from took part in meeting or event to",
    roles: true,
    properties: ["role", "year"],
    fields: [
      field(
        ["State", "Organisation"],
        "participatedIn",
        "OUT",
        "Entity",
        "Meetings, events and bodies it took part in.",
      ),
      field("Body", "participatedIn", "OUT", "Entity", "Meetings and events it took part in."),
      field("Body", "participants", "IN", "Participant", "Who took part in it."),
      field(["Meeting", "Event"], "participants", "IN", "Participant", "Who took part."),
    ],
  },
  {
    type: "HAS_OBJECTIVE",
    meaning: "forum from has objective to",
    properties: ["kind"],
    fields: [
      field(
        "Body",
        "objectives",
        "OUT",
        "Objective",
        "Its objectives or tasks, each with the sources that list it.",
      ),
      field(
        "Objective",
        "of",
        "IN",
        "Body",
        "The bodies that have this objective, with the sources that list it.",
      ),
    ],
  },
  {
    type: "ENACTED",
    meaning: "state from enacted law to",
    properties: [],
    fields: [
      field("State", "enacted", "OUT", "Document", "Laws it enacted."),
      field("Document", "enactedBy", "IN", "State", "The state that enacted it (laws)."),
    ],
  },
  {
    type: "AMENDS",
    meaning: "law or document from amends to",
    properties: [],
    fields: [
      field("Document", "amends", "OUT", "Document", "Documents it amends."),
      field("Document", "amendedBy", "IN", "Document", "Documents that amend it."),
    ],
  },
  {
    type: "RATIFIED",
    meaning: "state from ratified convention to",
    properties: ["through"],
    fields: [
      field("State", "ratified", "OUT", "Document", "Conventions it ratified."),
      field("Document", "ratifiedBy", "IN", "State", "States that ratified it (conventions)."),
    ],
  },
  {
    type: "PARTNER_OF",
    meaning: "from is a partner of to",
    properties: [],
    fields: [
      field(["State", "Organisation"], "partnerOf", "OUT", "Entity", "Whom it is a partner of."),
      field("Body", "partners", "IN", "Entity", "Its partners."),
    ],
  },
  {
    type: "AFFILIATED_WITH",
    meaning: "person from holds a position in organisation to; `role` says which",
    roles: true,
    properties: ["role"],
    fields: [
      field("Organisation", "people", "IN", "Person", "People holding a position in it; `role` says which."),
      field(
        "Person",
        "affiliations",
        "OUT",
        "Organisation",
        "Organisations where the person holds a position; `role` says which.",
      ),
    ],
  },
  {
    type: "ORGANISED_BY",
    meaning: "meeting from was organised by or held under body to",
    properties: [],
    fields: [
      field("Body", "meetings", "IN", "Meeting", "Meetings it organised or that were held under it."),
      field("Meeting", "organisedBy", "OUT", "Body", "The body it was organised by or held under."),
      field("Event", "organisedBy", "OUT", "Body", "The body under which it was carried out."),
    ],
  },
  {
    type: "ABOUT",
    meaning: "document or meeting from concerns event or entity to",
    properties: ["role"],
    fields: [
      field("Meeting", "about", "OUT", "Entity", "What it concerned."),
      field("Document", "about", "OUT", "Entity", "What it concerns."),
      field("Event", "documents", "IN", "Entity", "Documents and meetings about it."),
    ],
  },
  {
    type: "FOLLOWS_UP",
    meaning: "from follows up on or reviews to",
    properties: ["relation", "role"],
    fields: [
      field("Meeting", "followsUp", "OUT", "Entity", "What it followed up on or reviewed."),
      field("Document", "followsUp", "OUT", "Entity", "What it follows up on or reviews."),
      field("Event", "followedUpBy", "IN", "Entity", "Reviews and meetings that followed it up."),
    ],
  },
  {
    type: "SPOKE_ON",
    meaning: "person from made a public statement on to",
    properties: ["position"],
    fields: [
      field("Person", "spokeOn", "OUT", "Entity", "What the person made public statements about."),
      field("Event", "spokenOnBy", "IN", "Person", "People who made public statements about it."),
    ],
  },
  {
    type: "CONTACT_FOR",
    meaning: "organisation from is the published contact point for to; `role` says for whom",
    properties: ["role"],
    fields: [
      field(["State", "Organisation"], "contactFor", "OUT", "Entity", "Whom it is the contact point for."),
      field("Body", "contacts", "IN", "Entity", "Its contact points (offices, ministries)."),
    ],
  },
  {
    type: "ADVISES",
    meaning: "from is consulted on, or advises, the work of to",
    properties: [],
    fields: [
      field(["State", "Organisation"], "advises", "OUT", "Entity", "Whom it advises or is consulted by."),
      field("Body", "advisedBy", "IN", "Entity", "Who advises it or is consulted on its work."),
    ],
  },
  {
    type: "ENDORSED_BY",
    meaning: "document from was endorsed, approved or acknowledged by to; `action` says which",
    properties: ["action", "by", "year"],
    fields: [
      field(
        ["State", "Organisation"],
        "endorsed",
        "IN",
        "Document",
        "Documents it endorsed, acknowledged or approved.",
      ),
      field("Body", "endorsed", "IN", "Document", "Documents it endorsed or acknowledged."),
      field("Document", "endorsedBy", "OUT", "Entity", "Who endorsed, acknowledged or approved it."),
    ],
  },
  {
    type: "REFERS_TO",
    meaning: "objective or document from refers to, or is grounded in, to",
    properties: [],
    fields: [field("Document", "referredToBy", "IN", "Entity", "Objectives and documents that refer to it.")],
  },
] as const satisfies readonly RelationshipRow[];

export type RelationshipType = (typeof RELATIONSHIPS)[number]["type"];

/** One relationship field of one object type, as the resolvers and the reads ahead use it. */
export interface RelationshipFieldSpec {
  field: string;
  type: string;
  direction: "OUT" | "IN";
  far: string;
  /** The kinds the far end admits; undefined for any entity. */
  kinds: readonly string[] | undefined;
  roles: boolean;
  description: string;
}

/** What the rest of the server reads from the table; a function of it, so tests can extend it. */
export function relationshipVocabulary(rows: readonly RelationshipRow[]) {
  const unions: Record<string, { kinds: readonly string[] }> = UNIONS;
  const fieldsByType: Record<string, RelationshipFieldSpec[]> = {};
  for (const row of rows) {
    for (const f of row.fields) {
      for (const on of f.on) {
        (fieldsByType[on] ??= []).push({
          field: f.field,
          type: row.type,
          direction: f.direction,
          far: f.far,
          kinds: f.far === "Entity" ? undefined : (unions[f.far]?.kinds ?? [f.far]),
          roles: row.roles === true,
          description: f.description,
        });
      }
    }
  }
  const types = rows.map((r) => r.type);
  const relationshipType = z.enum(types as [string, ...string[]]);
  return {
    /** Every relationship type with its meaning. */
    RELATIONSHIP_TYPES: Object.fromEntries(rows.map((r) => [r.type, r.meaning])),
    relationshipType,
    /** A relationship row of the seed (and of a curation, before it is written). */
    relationshipSchema: z.strictObject({
      /** Defaults to "<from>-<TYPE>-<to>", plus "-<role>" when a role is given. */
      id: z.string().optional(),
      type: relationshipType,
      from: z.string().min(1),
      to: z.string().min(1),
      properties: z.record(z.string(), propertyValue).default({}),
      sources: citations,
    }),
    /** The relationship fields of each object type, in the order of the table. */
    RELATIONSHIP_FIELDS: fieldsByType,
  };
}

const vocabulary = relationshipVocabulary(RELATIONSHIPS);
export const RELATIONSHIP_TYPES = vocabulary.RELATIONSHIP_TYPES as Readonly<Record<RelationshipType, string>>;
export const RELATIONSHIP_FIELDS: Readonly<Record<string, readonly RelationshipFieldSpec[]>> =
  vocabulary.RELATIONSHIP_FIELDS;
export const relationshipType = vocabulary.relationshipType;
export const relationshipSchema = vocabulary.relationshipSchema;

export type SeedRelationship = Omit<z.infer<typeof relationshipSchema>, "type"> & { type: RelationshipType };

/** The id of a relationship given none: its ends, type and role. */
export function defaultRelationshipId(rel: {
  from: string;
  type: string;
  to: string;
  properties?: Record<string, unknown>;
}): string {
  const role = rel.properties?.role;
  const base = `${rel.from}-${rel.type}-${rel.to}`;
  const roleSlug = String(role ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return roleSlug === "" ? base : `${base}-${roleSlug}`;
}
