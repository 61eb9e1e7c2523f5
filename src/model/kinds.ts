import type { z } from "zod";
import {
  BODY_TYPES,
  DOCUMENT_TYPES,
  MEETING_TYPES,
  ORGANISATION_TYPES,
  bodySchema,
  documentSchema,
  eventSchema,
  meetingSchema,
  objectiveSchema,
  organisationSchema,
  personSchema,
  placeSchema,
  stateSchema,
} from "./contract";

/**
 * The entity kinds: one row each. Everything that is per kind derives from this table:
 * the seed file and its validation (seed import and curation), the Neo4j label, the GraphQL
 * object type and its own fields, its edge and connection types, its list root and its
 * lookup root, and the `EntityKind` enum. What a kind shares with every other (id, name,
 * aliases, sources, claims) is the `Entity` interface; its relationships are rows of
 * `RELATIONSHIPS` (relationships.ts).
 */

/** GraphQL enums of the kinds' `type` values: the seed's kebab-case values, in UPPER_SNAKE. */
export const ENUMS = {
  OrganisationType: {
    values: ORGANISATION_TYPES,
    description: "What kind of organisation: UN agency, secretariat, company …",
  },
  BodyType: { values: BODY_TYPES, description: "What kind of body: forum, working group, network …" },
  MeetingType: {
    values: MEETING_TYPES,
    description: "What kind of meeting: ministerial conference, senior officials' meeting, workshop …",
  },
  DocumentType: {
    values: DOCUMENT_TYPES,
    description: "What kind of document: declaration, statement, policy guide, law …",
  },
} as const satisfies Record<string, { values: readonly string[]; description: string }>;
export type EnumName = keyof typeof ENUMS;

/** A field of a kind's object type, beyond the `Entity` interface: a stored node property. */
export interface KindField {
  name: string;
  type: "String" | "Int" | "PartialDate" | "DatePrecision" | EnumName;
  nullable?: boolean;
  description: string;
}

export interface KindRow {
  /** The Neo4j label (besides `Entity`), the GraphQL object type and the `EntityKind` value. */
  kind: string;
  /** Its seed file in `seed/`, and the schema each of its rows must satisfy. */
  file: string;
  schema: z.ZodObject;
  description: string;
  /** How an edge type's description names it: "a state". */
  article: string;
  fields: readonly KindField[];
  /** The root list of this kind (filter, sort, page). */
  list: { field: string; description: string };
  /** A root lookup by id or name, for the kinds people look up most. */
  lookup?: { field: string; description: string };
}

const f = (name: string, type: KindField["type"], description: string, nullable = false): KindField =>
  nullable ? { name, type, description, nullable } : { name, type, description };

export const ENTITY_KINDS = [
  {
    kind: "State",
    file: "states.json",
    schema: stateSchema,
    description: "A state or territory that takes part in the Bali Process (id: ISO 3166-1 alpha-2 code).",
    article: "a state",
    fields: [f("type", "String", "country or territory (Hong Kong, Macau, New Caledonia are territories).")],
    list: { field: "states", description: "States and territories." },
    lookup: { field: "state", description: "A state or territory by ISO code or by name." },
  },
  {
    kind: "Organisation",
    file: "organisations.json",
    schema: organisationSchema,
    description: "An international or national organisation, company, foundation or university.",
    article: "an organisation",
    fields: [
      f("type", "OrganisationType", "What kind of organisation it is."),
      f("acronym", "String", "Usual acronym, e.g. UNHCR.", true),
    ],
    list: { field: "organisations", description: "Organisations: UN agencies, secretariats, companies …" },
    lookup: { field: "organisation", description: "An organisation by id or by name or acronym." },
  },
  {
    kind: "Body",
    file: "bodies.json",
    schema: bodySchema,
    description:
      "A forum, group, working group, task force, network, office, framework or other body of the Bali Process.",
    article: "a body",
    fields: [
      f("type", "BodyType", "What kind of body it is."),
      f("acronym", "String", "Usual acronym, e.g. AHG or RSO.", true),
    ],
    list: {
      field: "bodies",
      description: "Bodies: the forum, groups, working groups, task forces, networks, offices …",
    },
    lookup: { field: "body", description: "A body by id or by name or acronym." },
  },
  {
    kind: "Meeting",
    file: "meetings.json",
    schema: meetingSchema,
    description: "A meeting, conference, workshop, consultation or forum, with its dates.",
    article: "a meeting",
    fields: [
      f("type", "MeetingType", "What kind of meeting it is."),
      f(
        "ordinal",
        "Int",
        "Its number in its series where the sources number it (the Sixth Ministerial Conference is 6).",
        true,
      ),
      f(
        "startDate",
        "PartialDate",
        "First day (YYYY-MM-DD), or month (YYYY-MM) or year when only that is known: the most precise date a source gives; see `claims` when sources give it differently.",
        true,
      ),
      f("endDate", "PartialDate", "Last day, for meetings over several days.", true),
      f("datePrecision", "DatePrecision", "How precise `startDate` is: a year, a month or a day.", true),
      f("year", "Int", "Year it took place.", true),
    ],
    list: { field: "meetings", description: "Meetings, conferences, workshops and consultations." },
    lookup: { field: "meeting", description: "A meeting by id or by name." },
  },
  {
    kind: "Document",
    file: "documents.json",
    schema: documentSchema,
    description: "A declaration, statement, recommendation, guide, handbook, report, law or other document.",
    article: "a document",
    fields: [
      f("type", "DocumentType", "What kind of document it is."),
      f("date", "PartialDate", "Date, month or year of the document when known.", true),
      f("datePrecision", "DatePrecision", "How precise `date` is: a year, a month or a day.", true),
      f("year", "Int", "Year of the document when known.", true),
    ],
    list: { field: "documents", description: "Declarations, statements, guides, reports and laws." },
    lookup: { field: "document", description: "A document by id or by name." },
  },
  {
    kind: "Place",
    file: "places.json",
    schema: placeSchema,
    description: "A city, region or building (countries are `State`s).",
    article: "a place",
    fields: [f("type", "String", "city, region, island, building or area.")],
    list: { field: "places", description: "Cities, regions and buildings." },
  },
  {
    kind: "Person",
    file: "people.json",
    schema: personSchema,
    description: "A person named in the sources.",
    article: "a person",
    fields: [],
    list: { field: "people", description: "People named in the sources." },
  },
  {
    kind: "Objective",
    file: "objectives.json",
    schema: objectiveSchema,
    description: "An objective or task of the Bali Process or one of its bodies.",
    article: "an objective",
    fields: [
      f(
        "number",
        "Int",
        "Its position in the numbered list of core objectives, where a source numbers them.",
        true,
      ),
    ],
    list: { field: "objectives", description: "Objectives and tasks." },
  },
  {
    kind: "Event",
    file: "events.json",
    schema: eventSchema,
    description: "Something that happened: a crisis, an operation.",
    article: "an event",
    fields: [
      f("type", "String", "crisis, operation, founding or other."),
      f("startDate", "PartialDate", "When it began.", true),
      f("endDate", "PartialDate", "When it ended.", true),
      f("datePrecision", "DatePrecision", "How precise `startDate` is: a year, a month or a day.", true),
    ],
    list: { field: "events", description: "Events: crises, operations." },
  },
] as const satisfies readonly KindRow[];

export type Kind = (typeof ENTITY_KINDS)[number]["kind"];

/** What the rest of the server reads from the table; a function of it, so tests can extend the table. */
export function kindVocabulary(rows: readonly KindRow[]) {
  return {
    /** Every entity kind (sources are nodes of their own, not a kind). */
    KINDS: rows.map((r) => r.kind),
    /** One seed file per kind: its name, kind and row schema. */
    ENTITY_FILES: rows.map(({ file, kind, schema }) => ({ file, kind, schema })),
    kindRow: (kind: string): KindRow | undefined => rows.find((r) => r.kind === kind),
  };
}

const vocabulary = kindVocabulary(ENTITY_KINDS);
export const KINDS = vocabulary.KINDS as readonly Kind[];
export const ENTITY_FILES = vocabulary.ENTITY_FILES as readonly {
  file: string;
  kind: Kind;
  schema: z.ZodObject;
}[];
export const kindRow = vocabulary.kindRow;

/** An entity row of any kind, tagged with its kind. */
export type SeedEntity = {
  [K in (typeof ENTITY_KINDS)[number] as K["kind"]]: { kind: K["kind"] } & z.infer<K["schema"]>;
}[Kind];
