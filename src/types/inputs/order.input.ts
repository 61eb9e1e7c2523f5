import { Field, InputType, registerEnumType } from "type-graphql";
import { Direction, RelationshipType, SortDirection } from "../enums";

export enum SortField {
  NAME = "NAME",
  ID = "ID",
  DATE = "DATE",
  YEAR = "YEAR",
  RELATIONSHIP_COUNT = "RELATIONSHIP_COUNT",
}
registerEnumType(SortField, {
  name: "SortField",
  description: "What to sort by; ties are broken by id, so pages are stable.",
  valuesConfig: {
    NAME: { description: "Name, ignoring case." },
    ID: { description: "Id." },
    DATE: {
      description:
        'Start date or date (entities without one first); a date known only to the month or year sorts before the days it holds ("2018" before "2018-03", "2018-03" before "2018-03-05").',
    },
    YEAR: { description: "Year (entities without one first)." },
    RELATIONSHIP_COUNT: { description: "Number of relationships (of `relationshipType`, when given)." },
  },
});

@InputType({ description: "Sort order of a list." })
export class OrderBy {
  @Field(() => SortField, { defaultValue: SortField.NAME, description: "The sort key." })
  field!: SortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "ASC or DESC." })
  direction!: SortDirection;

  @Field(() => RelationshipType, {
    nullable: true,
    description: "For RELATIONSHIP_COUNT: count only this type.",
  })
  relationshipType?: string | null;

  @Field(() => Direction, {
    nullable: true,
    description: "For RELATIONSHIP_COUNT: count only this direction.",
  })
  relationshipDirection?: Direction | null;
}
