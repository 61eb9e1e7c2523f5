import { registerEnumType } from "type-graphql";
import {
  BODY_TYPES,
  DOCUMENT_TYPES,
  KINDS,
  MEETING_TYPES,
  ORGANISATION_TYPES,
  RELATIONSHIP_TYPES,
  type RelationshipType as SeedRelationshipType,
} from "../model/contract";

/**
 * GraphQL enums mirror the seed contract, so the API and the data set cannot disagree
 * on a kind or a relationship type. Values are UPPER_SNAKE in GraphQL; `toGraphQLEnum`
 * and `fromGraphQLEnum` convert the seed's kebab-case values.
 */
function enumFrom<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((v) => [v.toUpperCase().replace(/-/g, "_"), v])) as Record<string, T>;
}

export const EntityKind = Object.fromEntries([...KINDS, "Source"].map((k) => [k.toUpperCase(), k])) as Record<
  string,
  string
>;
registerEnumType(EntityKind, {
  name: "EntityKind",
  description: "The kind of an entity: the Neo4j label it carries besides Entity.",
});

export const RelationshipType = Object.fromEntries(
  Object.keys(RELATIONSHIP_TYPES).map((t) => [t, t]),
) as Record<SeedRelationshipType, SeedRelationshipType>;
registerEnumType(RelationshipType, {
  name: "RelationshipType",
  description: "A relationship type of the graph, read as `source TYPE target`.",
  valuesConfig: Object.fromEntries(
    Object.entries(RELATIONSHIP_TYPES).map(([type, meaning]) => [type, { description: meaning }]),
  ),
});

export enum Direction {
  OUT = "OUT",
  IN = "IN",
  BOTH = "BOTH",
}
registerEnumType(Direction, {
  name: "Direction",
  description: "Which way a relationship points, seen from the entity that holds the field.",
  valuesConfig: {
    OUT: { description: "From this entity to the other." },
    IN: { description: "From the other entity to this one." },
    BOTH: { description: "Either way." },
  },
});

export const BodyType = enumFrom(BODY_TYPES);
registerEnumType(BodyType, {
  name: "BodyType",
  description: "What kind of body: forum, working group, network …",
});

export const MeetingType = enumFrom(MEETING_TYPES);
registerEnumType(MeetingType, {
  name: "MeetingType",
  description: "What kind of meeting: ministerial conference, senior officials' meeting, workshop …",
});

export const DocumentType = enumFrom(DOCUMENT_TYPES);
registerEnumType(DocumentType, {
  name: "DocumentType",
  description: "What kind of document: declaration, statement, policy guide, law …",
});

export const OrganisationType = enumFrom(ORGANISATION_TYPES);
registerEnumType(OrganisationType, {
  name: "OrganisationType",
  description: "What kind of organisation: UN agency, secretariat, company …",
});

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, { name: "SortDirection", description: "Ascending or descending order." });
