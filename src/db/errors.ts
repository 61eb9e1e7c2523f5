import { GraphQLError } from "graphql";
import { Neo4jError, isRetryableError } from "neo4j-driver";

export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  TIMEOUT: "TIMEOUT",
  CONFLICT: "CONFLICT",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

/**
 * Thrown inside the executor when a request's deadline has passed. `unreachable` tells a
 * database that could not be reached in time (no attempt running: waiting for a connection
 * or between retries; SERVICE_UNAVAILABLE) from work that was too slow (TIMEOUT).
 */
export class DeadlineExceeded extends Error {
  constructor(readonly unreachable: boolean) {
    super("The request deadline passed");
    this.name = "DeadlineExceeded";
  }
}

export function unavailableError(originalError?: Error): GraphQLError {
  return new GraphQLError("The database is unavailable; retry in a few seconds.", {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
    originalError,
  });
}

export function deadlineError(error: DeadlineExceeded): GraphQLError {
  if (error.unreachable) return unavailableError(error);
  return new GraphQLError(
    "The request took longer than its deadline and was stopped; narrow it (smaller depth or page) or retry later.",
    { extensions: { code: ErrorCode.TIMEOUT, retryable: false }, originalError: error },
  );
}

/**
 * The one place where database failures become API errors. Connection trouble is
 * retryable for the client; statement errors are ours and are masked.
 */
export function mapDatabaseError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof DeadlineExceeded) return deadlineError(error);
  if (error instanceof Neo4jError) {
    if (
      error.code === "ServiceUnavailable" ||
      error.code === "SessionExpired" ||
      error.code.startsWith("Neo.TransientError.General.DatabaseUnavailable") ||
      (isRetryableError(error) && !error.code.startsWith("Neo.TransientError.Transaction"))
    ) {
      return unavailableError(error);
    }
    if (
      error.code === "Neo.ClientError.Transaction.TransactionTimedOut" ||
      error.code === "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
    ) {
      return new GraphQLError("The query took too long and was stopped; narrow it (smaller depth or page).", {
        extensions: { code: ErrorCode.TIMEOUT, retryable: false },
        originalError: error,
      });
    }
    if (error.code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
      return new GraphQLError("The change conflicts with existing data (an id is already taken).", {
        extensions: { code: ErrorCode.CONFLICT },
        originalError: error,
      });
    }
    if (isRetryableError(error)) {
      return new GraphQLError("The database was busy; retry the request.", {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
        originalError: error,
      });
    }
  }
  return new GraphQLError("Internal server error", {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    originalError: error instanceof Error ? error : undefined,
  });
}
