import type { Executor, Tx } from "../db/executor";

/**
 * The graph's version: a counter on one node, raised in the same transaction as every change
 * (curation and seed import). `epoch` is drawn when the node is created, so that a counter
 * started again (the node deleted with the rest of a wiped database) never repeats a version
 * a cache has seen: caches key answers by both.
 */
export interface GraphVersion {
  version: number;
  /** Null until the first change made through this project. */
  epoch: string | null;
}

/** Not an :Entity: the API never lists it. */
const READ = `OPTIONAL MATCH (v:GraphVersion {id: "graph"}) RETURN v.version AS version, v.epoch AS epoch`;

/**
 * Raises the version inside `tx` and returns the new number. The property written first
 * takes the node's write lock, so that concurrent changes each read the count the one
 * before them committed: no two changes get the same version.
 */
const BUMP = `MERGE (v:GraphVersion {id: "graph"})
  ON CREATE SET v.version = 0, v.epoch = randomUUID()
  SET v.locked = true
  WITH v
  SET v.version = v.version + 1
  REMOVE v.locked
  RETURN v.version AS version`;

export async function bumpGraphVersion(tx: Tx): Promise<number> {
  const [row] = await tx.run<{ version: number }>(BUMP);
  return row!.version;
}

export class VersionRepository {
  constructor(private readonly executor: Executor) {}

  /** The current version: one small read. */
  async current(): Promise<GraphVersion> {
    const [row] = await this.executor.read<{ version: number | null; epoch: string | null }>(READ);
    return { version: row?.version ?? 0, epoch: row?.epoch ?? null };
  }
}
