import { registerEnumType } from "type-graphql";
import { ENUMS, KINDS } from "../model/kinds";
import { RELATIONSHIP_TYPES } from "../model/relationships";

/**
 * GraphQL enums mirror the model's tables, so the API and the data set cannot disagree
 * on a kind, a type or a relationship type. Values are UPPER_SNAKE in GraphQL; the seed's
 * values are kebab-case.
 */
function enumFrom(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((v) => [v.toUpperCase().replace(/-/g, "_"), v]));
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
) as Record<string, string>;
registerEnumType(RelationshipType, {
  name: "RelationshipType",
  description: "A relationship type of the graph, read as `source TYPE target`.",
  valuesConfig: Object.fromEntries(
    Object.entries(RELATIONSHIP_TYPES).map(([type, meaning]) => [type, { description: meaning }]),
  ),
});

/** The enums of the kinds' own fields (BodyType, MeetingType …), by name. */
export const KIND_ENUMS: Record<string, Record<string, string>> = Object.fromEntries(
  Object.entries(ENUMS).map(([name, { values, description }]) => {
    const graphqlEnum = enumFrom(values);
    registerEnumType(graphqlEnum, { name, description });
    return [name, graphqlEnum];
  }),
);

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

export enum DatePrecision {
  YEAR = "YEAR",
  MONTH = "MONTH",
  DAY = "DAY",
}
registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How precise a date is.",
  valuesConfig: {
    YEAR: { description: "A year: YYYY." },
    MONTH: { description: "A month: YYYY-MM." },
    DAY: { description: "A day: YYYY-MM-DD." },
  },
});

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, { name: "SortDirection", description: "Ascending or descending order." });
