import { Field, InputType } from "type-graphql";
import { PartialDate } from "../partial-date.scalar";

@InputType({
  description:
    'A range of dates at any precision, both ends included: `{ from: "2018-08" }` is 1 August 2018 or later, `{ from: "2011", to: "2011-03" }` is January to March 2011.',
})
export class DateRange {
  @Field(() => PartialDate, { nullable: true, description: "On or after the first day of this date." })
  from?: string | null;

  @Field(() => PartialDate, { nullable: true, description: "On or before the last day of this date." })
  to?: string | null;
}
