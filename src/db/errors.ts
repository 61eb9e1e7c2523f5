import { GraphQLError } from "graphql";
import { Neo4jError, isRetryableError } from "neo4j-driver";
import { ErrorCode } from "../errors/codes";

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

/** Seconds a client is asked to wait before retrying when the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** HTTP 503 with Retry-After, for the response as a whole (Apollo takes it from the error). */
export function unavailableHttp(retryAfterSeconds: number) {
  return { status: 503, headers: new Map([["retry-after", String(retryAfterSeconds)]]) };
}

export function unavailableError(originalError?: Error): GraphQLError {
  return new GraphQLError("The database is unavailable; retry in a few seconds.", {
    extensions: {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      retryable: true,
      http: unavailableHttp(UNAVAILABLE_RETRY_AFTER_SECONDS),
    },
    originalError,
  });
}

/**
 * Neo4j stopped the transaction because it needed more memory than one transaction may
 * use, or than all of them may use together (db.memory.transaction.max and
 * dbms.memory.transaction.total.max). Not retried: the same query would fail again.
 */
const MEMORY_CODES = new Set([
  "Neo.TransientError.General.TransactionMemoryLimit",
  "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
  "Neo.TransientError.General.TransactionOutOfMemoryError",
  "Neo.TransientError.General.OutOfMemoryError",
]);

export function isMemoryLimitError(error: unknown): boolean {
  return error instanceof Neo4jError && MEMORY_CODES.has(error.code);
}

/** A database error worth retrying: transient to the driver, and not a memory limit, which the same query would hit again. */
export function isRetryable(error: unknown): boolean {
  return error instanceof Neo4jError && isRetryableError(error) && !isMemoryLimitError(error);
}

/**
 * The driver's own errors carry no code ("N/A"); these messages mean that no connection
 * could be had: every connection of the pool was in use, or the server did not answer.
 */
const NO_CONNECTION =
  /^(Connection acquisition timed out|Failed to connect to server|Could not perform discovery)/;

/** A failure of db.index.fulltext.queryNodes: Lucene could not read the query it was given. */
const FULLTEXT_FAILURE = /fulltext|lucene|parse|TooManyClauses/i;

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
    if (isMemoryLimitError(error)) {
      return new GraphQLError(
        "The query needed more memory than the database allows one request; narrow it (smaller pages, fewer levels or conditions).",
        { extensions: { code: ErrorCode.QUERY_TOO_EXPENSIVE, retryable: false }, originalError: error },
      );
    }
    if (
      error.code === "Neo.ClientError.Procedure.ProcedureCallFailed" &&
      FULLTEXT_FAILURE.test(error.message)
    ) {
      return new GraphQLError("The search text could not be searched; use plain words.", {
        extensions: { code: ErrorCode.BAD_USER_INPUT },
        originalError: error,
      });
    }
    if (
      NO_CONNECTION.test(error.message) ||
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
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, http: unavailableHttp(1) },
        originalError: error,
      });
    }
  }
  return new GraphQLError("Internal server error", {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    originalError: error instanceof Error ? error : undefined,
  });
}
