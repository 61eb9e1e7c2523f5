import type { GraphQLError } from "graphql";
import type { Driver, ManagedTransaction, QueryResult, RecordShape } from "neo4j-driver";
import neo4j, { Neo4jError } from "neo4j-driver";
import type { Logger } from "../log/logger";
import { ErrorCode } from "../errors/codes";
import {
  DeadlineExceeded,
  isMemoryLimitError,
  isRetryable,
  mapDatabaseError,
  unavailableError,
} from "./errors";
import { toParameter, toPlain } from "./values";

/**
 * Runs `start` (which sends a statement) without the stack trace the driver captures for each
 * statement it is given. The driver adds that trace to the errors the statement may meet, to
 * show where it was sent from; this executor maps every database error to an API error of its
 * own and logs no stacks, while formatting the trace was about 8 % of the CPU time of a
 * request answered from the response cache (where the version read is the only statement).
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Counts the Cypher statements sent on behalf of one GraphQL request. */
export class QueryCounter {
  count = 0;
  readonly statements: string[] = [];
  record(cypher: string): void {
    this.count += 1;
    this.statements.push(cypher);
  }
}

/** What one GraphQL request adds to the executor: its statement counter and its deadline. */
export interface RequestScope {
  counter?: QueryCounter;
  /** Aborts when the request's deadline passes. */
  signal?: AbortSignal;
}

export interface ExecutorOptions {
  database: string;
  txTimeoutMs: number;
  logger: Logger;
  /**
   * How long single reads are retried after a transient failure (the driver's
   * maxTransactionRetryTime does this for transactions); 15 s when not given.
   */
  maxRetryTimeMs?: number;
}

/** The driver's retry schedule for managed transactions, used for single reads too. */
const RETRY = { initialDelayMs: 1000, multiplier: 2, jitter: 0.2, defaultMaxTimeMs: 15_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * A transaction handed to write work: run() counts, logs and converts like read(). The row
 * type is the statement's RETURN clause as the caller knows it: rows are plain values
 * (integers as numbers, temporals as strings), converted in one place (values.ts).
 */
export interface Tx {
  run<T extends object = Row>(cypher: string, params?: Params): Promise<T[]>;
}

/**
 * When the database last failed to answer and last answered, as every request's executor
 * saw it. A statement that times out while the database is in trouble (stopping, starting,
 * unreachable) is a symptom of that trouble, not of the query, and is reported as such.
 */
export class Reachability {
  private lastFailure = -Infinity;
  private lastSuccess = -Infinity;

  succeeded(): void {
    this.lastSuccess = Date.now();
  }

  failed(): void {
    this.lastFailure = Date.now();
  }

  /** True when the database failed at or after `since`, or has not answered since it last failed. */
  troubledSince(since: number): boolean {
    return this.lastFailure >= since || this.lastFailure > this.lastSuccess;
  }
}

/**
 * The only code that touches the driver: one session per unit of work, single reads as
 * auto-commit statements and everything else in managed transactions (transient
 * failures retried either way), sessions closed in `finally`, results converted to
 * plain values, errors mapped in one place.
 */
export class Executor {
  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
    private readonly scope: RequestScope = {},
    private readonly reachability = new Reachability(),
  ) {}

  /** The same executor, counting statements into `counter` (one per request). */
  withCounter(counter: QueryCounter): Executor {
    return this.forRequest({ ...this.scope, counter });
  }

  /** The same executor for one request: statements counted, work bounded by the deadline. */
  forRequest(scope: RequestScope): Executor {
    return new Executor(this.driver, this.options, scope, this.reachability);
  }

  /**
   * One read statement, as an auto-commit transaction: one exchange with the server where
   * a managed transaction needs three (begin, run, commit), which halves the cost of the
   * small batched reads a request is made of. Transient failures are retried on the
   * driver's schedule; the request deadline applies as to transactions.
   */
  async read<T extends object = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    const { signal } = this.scope;
    const startedAt = Date.now();
    if (signal?.aborted) throw this.apiError(new DeadlineExceeded(false), startedAt);
    let running = false;
    const attempt = async (): Promise<T[]> => {
      running = false;
      this.record(cypher, params);
      const session = this.driver.session({
        database: this.options.database,
        defaultAccessMode: neo4j.session.READ,
      });
      try {
        const result = withoutCallerStack(() =>
          session.run(cypher, toParameter(params) as Params, { timeout: this.options.txTimeoutMs }),
        );
        // The keys arrive once the server has accepted the statement: it is running.
        result.keys().then(
          () => (running = true),
          () => undefined,
        );
        const { records } = await result;
        return records.map((record) => toPlain(record.toObject()) as T);
      } finally {
        await session.close().catch(() => undefined);
      }
    };
    const retried = async (): Promise<T[]> => {
      const retryUntil = startedAt + (this.options.maxRetryTimeMs ?? RETRY.defaultMaxTimeMs);
      for (let delay = RETRY.initialDelayMs; ; delay *= RETRY.multiplier) {
        try {
          return await attempt();
        } catch (error) {
          const wait = delay * (1 - RETRY.jitter + Math.random() * 2 * RETRY.jitter);
          const retryable = isRetryable(error);
          if (!retryable || signal?.aborted || Date.now() + wait > retryUntil) throw error;
          await sleep(wait);
          if (signal?.aborted) throw error;
        }
      }
    };
    // A read is abandoned at the deadline.
    return this.settle(
      retried(),
      startedAt,
      () => true,
      () => running,
    );
  }

  write<T extends object = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.inTransaction("WRITE", (tx) => tx.run<T>(cypher, params));
  }

  /** Several statements in one transaction: all of them apply, or none. */
  writeTransaction<T>(work: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    return this.inTransaction("WRITE", work, options.timeoutMs);
  }

  readTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inTransaction("READ", work);
  }

  /** True when the database answers a trivial query now. */
  async ping(): Promise<boolean> {
    return (await this.probe()) === undefined;
  }

  /** Why the database does not answer a trivial query now (the driver's message), or undefined. */
  async probe(): Promise<string | undefined> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      await session.run("RETURN 1", {}, { timeout: 2000 });
      this.reachability.succeeded();
      return undefined;
    } catch (error) {
      this.reachability.failed();
      return error instanceof Error ? error.message : String(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  private async inTransaction<T>(
    mode: "READ" | "WRITE",
    work: (tx: Tx) => Promise<T>,
    timeoutMs = this.options.txTimeoutMs,
  ): Promise<T> {
    const { signal } = this.scope;
    const startedAt = Date.now();
    if (signal?.aborted) throw this.apiError(new DeadlineExceeded(false), startedAt);
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { timeout: timeoutMs };
    let attemptRunning = false;
    const run = async (managed: ManagedTransaction) => {
      // A retry that begins after the deadline must apply nothing: nobody waits for its outcome.
      if (signal?.aborted) throw new DeadlineExceeded(true);
      attemptRunning = true;
      try {
        return await work(this.wrap(managed, signal));
      } catch (error) {
        attemptRunning = false;
        throw error;
      }
    };
    const transaction = (async () => {
      try {
        return mode === "READ"
          ? await session.executeRead(run, config)
          : await session.executeWrite(run, config);
      } finally {
        await session.close().catch(() => undefined);
      }
    })();
    // A read is abandoned at the deadline; a write already under way runs to its end, so
    // that the answer says whether it was applied.
    return this.settle(
      transaction,
      startedAt,
      () => mode === "READ" || !attemptRunning,
      () => attemptRunning,
    );
  }

  /**
   * Waits for database `work` begun at `startedAt`, until the request's deadline when it
   * has one (see untilDeadline for `abandonable` and `running`); notes that the database
   * answered, and maps database failures to API errors.
   */
  private async settle<T>(
    work: Promise<T>,
    startedAt: number,
    abandonable: () => boolean,
    running: () => boolean,
  ): Promise<T> {
    const { signal } = this.scope;
    try {
      const result = !signal ? await work : await untilDeadline(work, signal, abandonable, running);
      this.reachability.succeeded();
      return result;
    } catch (error) {
      if (error instanceof NotRetried) throw this.apiError(error.cause, startedAt);
      // Errors thrown by the work itself are the caller's; only database errors are mapped.
      if (!(error instanceof DeadlineExceeded) && !(error instanceof Neo4jError)) throw error;
      throw this.apiError(error, startedAt);
    }
  }

  /** The API error for a database failure of a transaction begun at `startedAt`. */
  private apiError(error: DeadlineExceeded | Neo4jError, startedAt: number): GraphQLError {
    const mapped = mapDatabaseError(error);
    const code = mapped.extensions.code;
    if (code === ErrorCode.SERVICE_UNAVAILABLE) this.reachability.failed();
    if (code === ErrorCode.TIMEOUT && this.reachability.troubledSince(startedAt))
      return unavailableError(error);
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
      this.options.logger.error("Cypher failed", { error: error.message });
    }
    return mapped;
  }

  /** Counts a statement for the request and logs it (at debug level). */
  private record(cypher: string, params: Params): void {
    this.scope.counter?.record(cypher);
    const { logger } = this.options;
    if (logger.enabled("debug"))
      logger.debug("cypher", { cypher: cypher.replace(/\s+/g, " ").trim(), params: Object.keys(params) });
  }

  private wrap(managed: ManagedTransaction, signal: AbortSignal | undefined): Tx {
    return {
      run: async <T extends object = Row>(cypher: string, params: Params = {}): Promise<T[]> => {
        if (signal?.aborted) throw new DeadlineExceeded(false);
        this.record(cypher, params);
        let result: QueryResult<RecordShape>;
        try {
          result = await withoutCallerStack(() => managed.run(cypher, toParameter(params) as Params));
        } catch (error) {
          // The driver retries transient errors; a memory limit would only be hit again.
          if (isMemoryLimitError(error)) throw new NotRetried(error as Neo4jError);
          throw error;
        }
        return result.records.map((record) => toPlain(record.toObject()) as T);
      },
    };
  }
}

/** A database error hidden from the driver's retries of a managed transaction. */
class NotRetried extends Error {
  constructor(override readonly cause: Neo4jError) {
    super(cause.message);
    this.name = "NotRetried";
  }
}

/**
 * Settles with `work`, or rejects with DeadlineExceeded when `signal` aborts and
 * `abandonable()` allows it; an abandoned promise is left to finish (or fail) unobserved.
 */
function untilDeadline<T>(
  work: Promise<T>,
  signal: AbortSignal,
  abandonable: () => boolean,
  running: () => boolean,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      if (!abandonable()) return;
      work.catch(() => undefined);
      reject(new DeadlineExceeded(!running()));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
