import { ErrorCode, PUBLIC_CODES } from "../errors/codes";
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import type { Logger } from "../log/logger";

/**
 * graphql-js's hints at names the query misspelt: "Did you mean "name"?", "Did you mean
 * the enum value "MEMBER_OF"?", "Did you mean "first" or "last"?".
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export interface FormatErrorOptions {
  /** Hide suggestions that name schema elements (production). */
  hideSuggestions?: boolean;
}

/**
 * One place that decides what a client sees of an error: errors with a public code
 * pass through (without stack traces); anything else is logged and masked.
 */
export function createFormatError(logger: Logger, options: FormatErrorOptions = {}) {
  const shown = (formatted: GraphQLFormattedError, code: string): GraphQLFormattedError => {
    const { stacktrace: _ignored, ...extensions } = formatted.extensions ?? {};
    const message = options.hideSuggestions ? formatted.message.replace(SUGGESTION, "") : formatted.message;
    return { ...formatted, message, extensions: { ...extensions, code } };
  };
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_CODES.has(code)) return shown(formatted, code);
    const original = unwrapResolverError(error);
    // Raised by graphql-js or Apollo about the request itself (no field path, nothing thrown
    // underneath): "Schema is not configured to execute subscription operation.", a persisted
    // query's hash that does not match. Their messages describe the request, not the server.
    if (original instanceof GraphQLError && !original.originalError && !formatted.path) {
      return shown(formatted, ErrorCode.BAD_REQUEST);
    }
    logger.error("Unexpected error in a GraphQL request", {
      message: original instanceof Error ? original.message : String(original),
      stack: original instanceof Error ? original.stack : undefined,
      path: formatted.path,
    });
    return new GraphQLError("Internal server error", {
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    }).toJSON();
  };
}
