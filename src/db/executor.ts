import type { Driver, ManagedTransaction, QueryResult, RecordShape } from "neo4j-driver";
import neo4j, { Neo4jError } from "neo4j-driver";
import type { Logger } from "../log/logger";
import { mapDatabaseError } from "./errors";
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
    private readonly counter?: QueryCounter,
  ) {}

  /** The same executor, counting statements into `counter` (one per request). */
  withCounter(counter: QueryCounter): Executor {
    return new Executor(this.driver, this.options, counter);
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
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      await session.run("RETURN 1", {}, { timeout: 2000 });
      return true;
    } catch {
      return false;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  private async inTransaction<T>(
    mode: "READ" | "WRITE",
    work: (tx: Tx) => Promise<T>,
    timeoutMs = this.options.txTimeoutMs,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { timeout: timeoutMs };
    const run = (managed: ManagedTransaction) => work(this.wrap(managed));
    try {
      return mode === "READ"
        ? await session.executeRead(run, config)
        : await session.executeWrite(run, config);
    } catch (error) {
      // Errors thrown by the work itself are the caller's; only database errors are mapped.
      if (!(error instanceof Neo4jError)) throw error;
      const mapped = mapDatabaseError(error);
      if (mapped.extensions.code === "INTERNAL_SERVER_ERROR") {
        this.options.logger.error("Cypher failed", {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      throw mapped;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  private wrap(managed: ManagedTransaction): Tx {
    return {
      run: async (cypher: string, params: Params = {}) => {
        this.counter?.record(cypher);
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
