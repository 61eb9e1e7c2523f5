import { GraphQLError } from "graphql";
import type { Config } from "../config/config";
import { ErrorCode } from "../errors/codes";

/** A counting semaphore whose waiters give up after a while, and whose queue is bounded. */
export class Semaphore {
  private free: number;
  private readonly waiters: { grant: () => void }[] = [];

  constructor(
    readonly permits: number,
    private readonly maxWaiting: number,
  ) {
    this.free = permits;
  }

  get inUse(): number {
    return this.permits - this.free;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves true with a permit, or false when none came within `waitMs` (or the queue is full). */
  acquire(waitMs: number): Promise<boolean> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve(true);
    }
    if (waitMs <= 0 || this.waiters.length >= this.maxWaiting) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(false);
      }, waitMs);
      this.waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.free = Math.min(this.permits, this.free + 1);
  }
}

export interface AdmissionOptions {
  /** Requests doing database work at once in this process. */
  maxConcurrent: number;
  /** Of those, requests whose estimated cost is at or above `heavyCost`. */
  maxHeavy: number;
  /** How long a request may wait for its turn before it is refused. */
  waitMs: number;
  /** The estimated cost from which a request counts as heavy. */
  heavyCost: number;
}

export interface AdmissionStats {
  active: number;
  heavyActive: number;
  waiting: number;
  refused: number;
}

/** Seconds a refused client is asked to wait before it retries. */
export const RETRY_AFTER_SECONDS = 1;

/** The answer to a request refused for lack of capacity: HTTP 503 with Retry-After. */
export function overloadedError(): GraphQLError {
  return new GraphQLError(
    `The server is busy with other requests; retry in ${RETRY_AFTER_SECONDS} s, or ask for less (smaller pages, fewer conditions).`,
    {
      extensions: {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        retryable: true,
        reason: "overloaded",
        http: { status: 503, headers: new Map([["retry-after", String(RETRY_AFTER_SECONDS)]]) },
      },
    },
  );
}

/**
 * Admission control: a bound on the requests that do database work at once, with a short,
 * bounded wait for a turn. Heavy requests may hold only some of the turns, so that cheap
 * ones (lookups by id, small pages) keep being served during a flood of expensive ones.
 */
export class Admission {
  private readonly all: Semaphore;
  private readonly heavy: Semaphore;
  private refusedCount = 0;

  constructor(readonly options: AdmissionOptions) {
    const queue = options.maxConcurrent * 4;
    this.all = new Semaphore(options.maxConcurrent, queue);
    this.heavy = new Semaphore(Math.min(options.maxHeavy, options.maxConcurrent), queue);
  }

  isHeavy(cost: number): boolean {
    return cost >= this.options.heavyCost;
  }

  /** A turn for a request of this cost: resolves with its release, or throws the 503 error. */
  async admit(cost: number): Promise<() => void> {
    const heavy = this.isHeavy(cost);
    const startedAt = Date.now();
    if (heavy && !(await this.heavy.acquire(this.options.waitMs))) throw this.refuse();
    const left = this.options.waitMs - (Date.now() - startedAt);
    if (!(await this.all.acquire(Math.max(left, 1)))) {
      if (heavy) this.heavy.release();
      throw this.refuse();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.all.release();
      if (heavy) this.heavy.release();
    };
  }

  stats(): AdmissionStats {
    return {
      active: this.all.inUse,
      heavyActive: this.heavy.inUse,
      waiting: this.all.waiting + this.heavy.waiting,
      refused: this.refusedCount,
    };
  }

  private refuse(): GraphQLError {
    this.refusedCount += 1;
    return overloadedError();
  }
}

/** The admission of the configuration (DB_MAX_CONCURRENT, DB_MAX_HEAVY, DB_ADMISSION_WAIT_MS, HEAVY_QUERY_COST). */
export function admissionFromConfig(config: Config): Admission {
  return new Admission({
    maxConcurrent: config.DB_MAX_CONCURRENT,
    maxHeavy: config.DB_MAX_HEAVY,
    waitMs: config.DB_ADMISSION_WAIT_MS,
    heavyCost: config.HEAVY_QUERY_COST,
  });
}
