import type { Driver, ManagedTransaction, QueryResult, RecordShape } from "neo4j-driver";
import neo4j, { Neo4jError } from "neo4j-driver";
import type { Logger } from "../log/logger";
import { DeadlineExceeded, mapDatabaseError } from "./errors";
import { toParameter, toPlain } from "./values";

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
}

/** A transaction handed to write work: run() counts, logs and converts like query(). */
export interface Tx {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

/**
 * The only code that touches the driver: one session per unit of work, managed
 * transactions (so transient failures are retried by the driver), sessions closed in
 * `finally`, results converted to plain values, errors mapped in one place.
 */
export class Executor {
  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
    private readonly scope: RequestScope = {},
  ) {}

  /** The same executor, counting statements into `counter` (one per request). */
  withCounter(counter: QueryCounter): Executor {
    return this.forRequest({ ...this.scope, counter });
  }

  /** The same executor for one request: statements counted, work bounded by the deadline. */
  forRequest(scope: RequestScope): Executor {
    return new Executor(this.driver, this.options, scope);
  }

  read(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.inTransaction("READ", (tx) => tx.run(cypher, params));
  }

  write(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.inTransaction("WRITE", (tx) => tx.run(cypher, params));
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
      return undefined;
    } catch (error) {
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
    if (signal?.aborted) throw mapDatabaseError(new DeadlineExceeded(false));
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
    try {
      if (!signal) return await transaction;
      // A read is abandoned at the deadline; a write already under way runs to its end, so
      // that the answer says whether it was applied.
      return await untilDeadline(
        transaction,
        signal,
        () => mode === "READ" || !attemptRunning,
        () => attemptRunning,
      );
    } catch (error) {
      if (error instanceof DeadlineExceeded) throw mapDatabaseError(error);
      // Errors thrown by the work itself are the caller's; only database errors are mapped.
      if (!(error instanceof Neo4jError)) throw error;
      const mapped = mapDatabaseError(error);
      if (mapped.extensions.code === "INTERNAL_SERVER_ERROR") {
        this.options.logger.error("Cypher failed", {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      throw mapped;
    }
  }

  private wrap(managed: ManagedTransaction, signal: AbortSignal | undefined): Tx {
    return {
      run: async (cypher: string, params: Params = {}) => {
        if (signal?.aborted) throw new DeadlineExceeded(false);
        this.scope.counter?.record(cypher);
        this.options.logger.debug("cypher", {
          cypher: cypher.replace(/\s+/g, " ").trim(),
          params: Object.keys(params),
        });
        const result: QueryResult<RecordShape> = await managed.run(cypher, toParameter(params) as Params);
        return result.records.map((record) => toPlain(record.toObject()) as Row);
      },
    };
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
