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

  constructor(readonly stalenessMs: number) {}

  async current(read: () => Promise<GraphVersion>): Promise<GraphVersion> {
    const known = this.known;
    if (this.stalenessMs > 0 && known && Date.now() - known.at < this.stalenessMs) return known.value;
    const writes = this.writes;
    const at = Date.now();
    const value = await read();
    if (writes === this.writes) this.known = { value, at };
    return value;
  }

  /** A write through this process ended (committed or not): read the version again next time. */
  wrote(): void {
    this.writes += 1;
    this.known = undefined;
  }
}

/** The text that names one version in cache keys and ETags. */
export const versionTag = (v: GraphVersion): string => `${v.epoch ?? "none"}:${v.version}`;
