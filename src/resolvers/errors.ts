import { ErrorCode } from "../errors/codes";
import { GraphQLError } from "graphql";

/** A client mistake: says what was wrong and what is allowed. */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}
