import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { partialDateProblem } from "../model/dates";

const EXPECTED = 'A PartialDate is a string such as "2018-08", or a year as a number (2018).';

/** A year given as a number (2018) is the year "2018"; anything else must be a partial date's text. */
function checked(value: unknown): string {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1000 && value <= 9999)
    return String(value);
  if (typeof value !== "string") throw new GraphQLError(EXPECTED);
  const problem = partialDateProblem(value);
  if (problem)
    throw new GraphQLError(`Not a PartialDate: ${problem} (got ${JSON.stringify(value.slice(0, 40))}).`);
  return value;
}

/** A date as precise as the sources give it: a year, a month or a day. */
export const PartialDate = new GraphQLScalarType({
  name: "PartialDate",
  description:
    'A date as precise as the sources give it: a year ("2018"), a month ("2018-08") or a day ("2018-08-06"), ISO 8601; as input, a year may also be a number (2018). In filters, a partial date stands for every day it may be: "2018-08" is 1 to 31 August 2018.',
  serialize: (value) => checked(value),
  parseValue: (value) => checked(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT && /^\d{4}$/.test(ast.value)) return ast.value;
    if (ast.kind !== Kind.STRING) throw new GraphQLError(EXPECTED);
    return checked(ast.value);
  },
});
