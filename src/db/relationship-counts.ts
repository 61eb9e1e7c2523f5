import { MENTIONS } from "../model/mentions";
import { type NodeRelationships, countsOf, indexedCounts, keptCounts } from "../model/relationship-counts";
import { KINDS } from "../model/kinds";
import type { Executor, Tx } from "./executor";

/**
 * The statements that keep the relationship counts on the entity nodes (see
 * model/relationship-counts.ts): the seed import recounts every node at the end of its
 * transaction, and every curation write recounts the nodes whose relationships it changed,
 * in its own transaction. A recount reads the types of each node's relationships and writes
 * the counts made of them, so it is right whatever the change was; the two statements are
 * small, so they are planned at once.
 */

/**
 * Entities written per statement: setting a hundred properties on each node costs the
 * statement memory in proportion, and a few thousand nodes at once pass the 128 MiB a
 * transaction may use by default.
 */
const BATCH = 100;

type Ended = NodeRelationships & { id: string; kept: unknown[] };

/**
 * Reads, for the entities matched by `match` (binding `n`), the types of their relationships
 * and the counts they keep; writes the counts of those whose counts differ. Returns how many
 * entities were written.
 */
async function recount(tx: Tx, match: string, params: Record<string, unknown>): Promise<number> {
  const properties = keptCounts().map(({ property }) => property);
  const rows = await tx.run<Ended>(
    `${match}
     RETURN n.id AS id, [(n)-[r:!${MENTIONS}]->() | type(r)] AS out, [(n)<-[r:!${MENTIONS}]-() | type(r)] AS in,
            [(n)-[r:!${MENTIONS}]->(n) | type(r)] AS loops, [k IN $properties | n[k]] AS kept`,
    { ...params, properties },
  );
  const changed = rows
    .map((row) => ({ id: row.id, kept: row.kept, counts: countsOf(row) }))
    .filter(({ kept, counts }) => properties.some((p, i) => kept[i] !== counts[p]));
  for (let i = 0; i < changed.length; i += BATCH) {
    await tx.run("UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n += row.counts", {
      rows: changed.slice(i, i + BATCH).map(({ id, counts }) => ({ id, counts })),
    });
  }
  return changed.length;
}

/** Recounts the entities with these ids (those gone are skipped). */
export async function recountEntities(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await recount(tx, "UNWIND $ids AS id MATCH (n:Entity {id: id})", { ids: [...new Set(ids)] });
}

/** Recounts every entity. */
export async function recountAllEntities(tx: Tx): Promise<void> {
  await recount(tx, "MATCH (n:Entity)", {});
}

/**
 * Counts the entities that lack a kept count: a graph written before the counts were kept,
 * or by another tool, or before a relationship type was added to the table. Run at start-up,
 * before any request: a transaction per `batch` entities, so a large graph stays within the
 * memory a transaction may use (each entity's counts stand alone). On a graph whose counts
 * are all kept it reads every entity once and writes nothing. Returns how many it counted.
 */
export async function recountWhereMissing(
  executor: Executor,
  batch = 200,
  timeoutMs = 120_000,
): Promise<number> {
  const missing = keptCounts().map(({ property }) => property);
  let total = 0;
  for (;;) {
    const written = await executor.writeTransaction(
      (tx) =>
        recount(tx, "MATCH (n:Entity) WHERE any(k IN $missing WHERE n[k] IS NULL) WITH n LIMIT $batch", {
          missing,
          batch,
        }),
      { timeoutMs },
    );
    total += written;
    if (written === 0) return total;
  }
}

/** The range indexes on the counts each kind's list sorts by, named after label and property. */
export function countIndexStatements(): { name: string; statement: string }[] {
  return indexedCounts().map(({ label, property }) => {
    if (![...KINDS].includes(label as never)) throw new Error(`Unknown label ${label}`);
    const name = `count_${label}${property}`.toLowerCase();
    return {
      name,
      statement: `CREATE INDEX ${name} IF NOT EXISTS FOR (n:${label}) ON (n.\`${property}\`)`,
    };
  });
}

/** Creates the count indexes that do not exist yet (one statement each). */
export async function ensureCountIndexes(executor: Executor): Promise<void> {
  const existing = new Set(
    (await executor.read<{ name: string }>("SHOW INDEXES YIELD name RETURN name")).map((r) => r.name),
  );
  for (const { name, statement } of countIndexStatements()) {
    if (!existing.has(name)) await executor.write(statement);
  }
}
