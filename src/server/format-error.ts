import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import type { Logger } from "../log/logger";

export const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "SERVICE_UNAVAILABLE",
  "TIMEOUT",
  "CONFLICT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "QUERY_TOO_COMPLEX",
  "QUERY_TOO_EXPENSIVE",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "NOT_FOUND",
]);

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
      return shown(formatted, "BAD_REQUEST");
    }
    logger.error("Unexpected error in a GraphQL request", {
      message: original instanceof Error ? original.message : String(original),
      stack: original instanceof Error ? original.stack : undefined,
      path: formatted.path,
    });
    return new GraphQLError("Internal server error", {
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    }).toJSON();
  };
}
