import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors/codes";
import type { Logger } from "../log/logger";
import type { ChangeRecord, ChangesRepository } from "../repository/changes.repository";

/** What one subscriber wants: changes touching any of these ids, kinds or types (null: any). */
export interface ChangeFilter {
  ids: ReadonlySet<string> | null;
  kinds: ReadonlySet<string> | null;
  types: ReadonlySet<string> | null;
}

export function matches(change: ChangeRecord, filter: ChangeFilter): boolean {
  const any = (wanted: ReadonlySet<string> | null, values: readonly string[]) =>
    wanted === null || values.some((v) => wanted.has(v));
  return (
    any(filter.ids, [...change.entityIds, ...change.relationshipIds]) &&
    any(filter.kinds, change.kinds) &&
    any(filter.types, change.types)
  );
}

export interface ChangeFeedOptions {
  /** How often the audit trail is read while anyone subscribes. */
  pollMs: number;
  /** Changes kept in memory, the latest: how far back `since` may reach. */
  horizon: number;
  logger: Logger;
}

/** Changes read in one statement; a longer backlog is read in several, at once. */
const PAGE = 500;

/**
 * The change feed of one process. Each process follows the audit trail in Neo4j by graph
 * version (one small indexed read every `pollMs` while it has subscribers), so a change made
 * through any replica reaches the subscribers of every replica, in version order, each once.
 * It keeps the latest `horizon` changes, so that a client that reconnects with the last
 * version it saw receives what it missed.
 */
export class ChangeFeed {
  /** The latest changes read, ascending by version, at most `horizon`. */
  private kept: ChangeRecord[] = [];
  /** Every change with a version above this one is in `kept` (or not read yet). */
  private floor = 0;
  /** The version read up to. */
  private cursor: number | null = null;
  private readonly subscribers = new Set<ChangeStream>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly changes: ChangesRepository,
    private readonly options: ChangeFeedOptions,
  ) {}

  /** Subscribers now, in this process. */
  get size(): number {
    return this.subscribers.size;
  }

  /**
   * A stream of the changes after `since` (null: from now) that match `filter`. Refused with
   * CHANGES_EXPIRED when `since` is older than the changes kept.
   */
  async subscribe(filter: ChangeFilter, since: number | null): Promise<AsyncIterableIterator<ChangeRecord>> {
    await this.poll();
    if (this.cursor === null) {
      throw new GraphQLError(
        "The change feed cannot read the database now; subscribe again in a few seconds.",
        {
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
        },
      );
    }
    if (since !== null && since < this.floor) {
      throw new GraphQLError(
        `Changes after version ${since} are no longer kept (the feed keeps the latest ${this.options.horizon}, ` +
          `from version ${this.floor + 1}): read the graph again, then subscribe without \`since\`.`,
        { extensions: { code: ErrorCode.CHANGES_EXPIRED, oldest: this.floor + 1 } },
      );
    }
    const stream = new ChangeStream(filter, since ?? this.cursor, this.options.horizon, (s) =>
      this.unsubscribe(s),
    );
    this.subscribers.add(stream);
    stream.offer(this.kept);
    this.schedule();
    return stream;
  }

  /** Stops polling and ends every stream. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const stream of [...this.subscribers]) void stream.return();
  }

  private unsubscribe(stream: ChangeStream): void {
    this.subscribers.delete(stream);
    if (this.subscribers.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(): void {
    if (this.stopped || this.subscribers.size === 0 || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll().finally(() => this.schedule());
    }, this.options.pollMs).unref();
  }

  /** Reads what was committed since the last read; one read at a time, shared by every caller. */
  private poll(): Promise<void> {
    this.polling ??= this.read().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async read(): Promise<void> {
    try {
      if (this.cursor === null) {
        // First read: the latest changes, as far back as the horizon.
        const latest = await this.changes.latest(this.options.horizon);
        this.kept = latest;
        this.floor = latest.length === this.options.horizon ? latest[0]!.version - 1 : 0;
        this.cursor = latest.at(-1)?.version ?? 0;
        return;
      }
      for (;;) {
        const page = await this.changes.after(this.cursor, PAGE);
        if (page.length === 0) return;
        this.cursor = page.at(-1)!.version;
        this.kept.push(...page);
        const over = this.kept.length - this.options.horizon;
        if (over > 0) {
          this.floor = this.kept[over - 1]!.version;
          this.kept.splice(0, over);
        }
        for (const stream of this.subscribers) stream.offer(page);
        if (page.length < PAGE) return;
      }
    } catch (error) {
      // Neo4j away (a restart, a leader switch): the next poll reads from the same version.
      this.options.logger.warn("The change feed could not read the audit trail; retrying", {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/**
 * One subscriber's changes, in version order, each once. Ended by the client (return()), by
 * the feed's stop, or with an error when the client reads so slowly that more than the
 * horizon waits for it.
 */
class ChangeStream implements AsyncIterableIterator<ChangeRecord> {
  private readonly queue: ChangeRecord[] = [];
  private waiting: ((result: IteratorResult<ChangeRecord>) => void) | undefined;
  private failing: ((error: unknown) => void) | undefined;
  private ended = false;
  private error: GraphQLError | undefined;

  constructor(
    private readonly filter: ChangeFilter,
    /** The last version this stream has passed on (or skipped). */
    private last: number,
    private readonly maxQueued: number,
    private readonly onEnd: (stream: ChangeStream) => void,
  ) {}

  /** Takes the changes it has not seen yet; `changes` ascend by version. */
  offer(changes: readonly ChangeRecord[]): void {
    if (this.ended) return;
    for (const change of changes) {
      if (change.version <= this.last) continue;
      this.last = change.version;
      if (!matches(change, this.filter)) continue;
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = this.failing = undefined;
        resolve({ value: change, done: false });
      } else {
        this.queue.push(change);
      }
    }
    if (this.queue.length > this.maxQueued) {
      this.error = new GraphQLError(
        `More than ${this.maxQueued} changes waited for this subscriber: subscribe again with \`since\`.`,
        { extensions: { code: ErrorCode.CHANGES_EXPIRED } },
      );
      this.queue.length = 0;
      this.end();
    }
  }

  next(): Promise<IteratorResult<ChangeRecord>> {
    const change = this.queue.shift();
    if (change) return Promise.resolve({ value: change, done: false });
    if (this.error) {
      const error = this.error;
      this.error = undefined;
      return Promise.reject(error);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failing = reject;
    });
  }

  return(): Promise<IteratorResult<ChangeRecord>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ChangeRecord> {
    return this;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this);
    const [resolve, reject] = [this.waiting, this.failing];
    this.waiting = this.failing = undefined;
    if (this.error && reject) {
      const error = this.error;
      this.error = undefined;
      reject(error);
    } else {
      resolve?.({ value: undefined, done: true });
    }
  }
}
