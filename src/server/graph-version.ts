import type { GraphVersion } from "../repository/version.repository";

/**
 * The graph version as this process last read it. With a staleness of 0 (the default) every
 * request reads the version from Neo4j (one small statement), so that a read through any
 * replica after a write acknowledged by any other sees the write. With a staleness of N ms a
 * version read less than N ms ago is used again instead: a replica may then answer from its
 * cache for up to N ms after another replica's write. A write through this process forgets
 * the version at once, so its own next read sees the write whatever the staleness.
 */
export class VersionClock {
  private known: { value: GraphVersion; at: number } | undefined;
  /** Raised by every write: a read begun before it must not set the version it read. */
  private writes = 0;
  /** The read under way, and the one that follows it, shared by every request that waits for it. */
  private running: Promise<GraphVersion> | undefined;
  private following: Promise<GraphVersion> | undefined;

  constructor(readonly stalenessMs: number) {}

  /**
   * The version, from a read that begins after this call: a write acknowledged before a
   * request arrived is always seen. Requests that arrive while a read is under way share the
   * next one (begun when it ends), so that under load the version costs about one statement
   * at a time, not one a request.
   */
  async current(read: () => Promise<GraphVersion>): Promise<GraphVersion> {
    const known = this.known;
    if (this.stalenessMs > 0 && known && Date.now() - known.at < this.stalenessMs) return known.value;
    if (!this.running) return this.start(read);
    this.following ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.following = undefined;
        return this.start(read);
      });
    return this.following;
  }

  private start(read: () => Promise<GraphVersion>): Promise<GraphVersion> {
    const writes = this.writes;
    const at = Date.now();
    const running = read().then((value) => {
      if (writes === this.writes) this.known = { value, at };
      return value;
    });
    this.running = running;
    const done = () => {
      if (this.running === running) this.running = undefined;
    };
    running.then(done, done);
    return running;
  }

  /** A write through this process ended (committed or not): read the version again next time. */
  wrote(): void {
    this.writes += 1;
    this.known = undefined;
  }
}

/** The text that names one version in cache keys and ETags. */
export const versionTag = (v: GraphVersion): string => `${v.epoch ?? "none"}:${v.version}`;
