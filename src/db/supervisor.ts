import { type LocalNeo4j, type LocalNeo4jOptions, startLocalNeo4j } from "./local-neo4j";

/** running: answering; restarting: exited, being started again; failed: given up; stopped: stopped on purpose. */
export type LocalNeo4jState = "running" | "restarting" | "failed" | "stopped";

export interface SupervisorOptions {
  /** Restarts in a row before giving up; a run that lasts `stableAfterMs` ends the row. 0: give up at once. */
  maxRestarts: number;
  /** How long a restarted Neo4j must run before its restart counts as a success (60 s). */
  stableAfterMs?: number;
  /** The wait before the first restart, doubled for each further one in a row, at most 30 s (1 s). */
  firstBackoffMs?: number;
  log: (line: string) => void;
}

/** The local Neo4j under supervision: the same address across restarts. */
export interface SupervisedNeo4j {
  uri: string;
  port: number;
  state(): LocalNeo4jState;
  /** Restarts since start-up. */
  restarts(): number;
  /** The process id of the Neo4j running now (undefined while it restarts). */
  pid(): number | undefined;
  /** Resolves, with the last exit code, when the supervisor gives up: the caller should stop. */
  gaveUp: Promise<number | null>;
  /** Stops Neo4j and the supervision; safe to call more than once. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Starts the local Neo4j and keeps it running: when it exits unexpectedly (killed, out of
 * memory), it is started again on the same port and data folder after a growing wait, until
 * `maxRestarts` restarts in a row have failed (a restart fails when Neo4j does not start, or
 * exits again within `stableAfterMs`). Committed transactions survive: Neo4j recovers them
 * from its transaction log when it starts.
 */
export async function superviseLocalNeo4j(
  options: LocalNeo4jOptions,
  supervision: SupervisorOptions,
  start: (options: LocalNeo4jOptions) => Promise<LocalNeo4j> = startLocalNeo4j,
): Promise<SupervisedNeo4j> {
  const stableAfterMs = supervision.stableAfterMs ?? 60_000;
  const firstBackoffMs = supervision.firstBackoffMs ?? 1000;
  let current: LocalNeo4j | undefined = await start(options);
  let state: LocalNeo4jState = "running";
  let startedAt = Date.now();
  let inARow = 0;
  let restartCount = 0;
  let stopping = false;
  let giveUp!: (code: number | null) => void;
  const gaveUp = new Promise<number | null>((resolve) => (giveUp = resolve));

  const restart = async (code: number | null): Promise<void> => {
    if (Date.now() - startedAt >= stableAfterMs) inARow = 0;
    for (;;) {
      if (stopping) return;
      inARow += 1;
      if (inARow > supervision.maxRestarts) {
        state = "failed";
        supervision.log(
          `The local Neo4j exited (code ${code}) and ${supervision.maxRestarts} restart(s) in a row did not hold; giving up`,
        );
        giveUp(code);
        return;
      }
      const wait = Math.min(firstBackoffMs * 2 ** (inARow - 1), MAX_BACKOFF_MS);
      supervision.log(
        `The local Neo4j exited unexpectedly (code ${code}); restarting it in ${wait} ms (attempt ${inARow} of ${supervision.maxRestarts})`,
      );
      await sleep(wait);
      if (stopping) return;
      try {
        const next = await start(options);
        if (stopping) {
          await next.stop();
          return;
        }
        current = next;
        startedAt = Date.now();
        restartCount += 1;
        state = "running";
        supervision.log(`The local Neo4j is running again (pid ${next.pid})`);
        watch(next);
        return;
      } catch (error) {
        supervision.log(
          `Restarting the local Neo4j failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        startedAt = Date.now();
      }
    }
  };

  const watch = (neo4j: LocalNeo4j) => {
    void neo4j.exited.then((code) => {
      if (stopping || current !== neo4j) return;
      current = undefined;
      state = "restarting";
      void restart(code);
    });
  };
  watch(current);

  return {
    uri: current.uri,
    port: current.port,
    state: () => state,
    restarts: () => restartCount,
    pid: () => current?.pid,
    gaveUp,
    stop: async () => {
      stopping = true;
      if (state !== "failed") state = "stopped";
      await current?.stop();
    },
  };
}
