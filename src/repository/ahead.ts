import {
  labelToken,
  mapProjection,
  relationshipIdRead,
  relationshipProperties,
  relationshipTypeToken,
} from "./cypher";
import { type EntityRecord, type Prefetched, type ReadAhead, relationshipRecord } from "../model/records";

/**
 * Reads ahead: relationships of the nodes a statement returns, read in the same
 * statement, so that the level below needs no round trip of its own.
 *
 * `aheadOf("m", reads)` is a Cypher list with one entry per read: the far node's
 * relationships as a read of that type and direction alone returns them (ordered by the
 * far node's name, then the relationship's id), each with the reads ahead of its own far
 * node; null where `m` has none of the read's labels (the read was not made for it).
 */
export function aheadOf(variable: string, reads: readonly ReadAhead[], names = { next: 0 }): string {
  return `[${reads.map((read) => readAhead(variable, read, names)).join(", ")}]`;
}

function readAhead(variable: string, read: ReadAhead, names: { next: number }): string {
  const n = names.next++;
  const [r, m] = [`r${n}`, `m${n}`];
  const token = relationshipTypeToken(read.type);
  const pattern =
    read.direction === "OUT"
      ? `(${variable})-[${r}:${token}]->(${m}:Entity)`
      : `(${variable})<-[${r}:${token}]-(${m}:Entity)`;
  const { node, edge } = read.projection;
  const next = read.next.length ? `, ahead: ${aheadOf(m, read.next, names)}` : "";
  const labels = read.labels.map((label) => `${variable}:${labelToken(label)}`).join(" OR ");
  return `CASE WHEN ${labels} THEN COLLECT { MATCH ${pattern} WITH ${r}, ${m} ORDER BY ${m}.name, ${r}.id
    RETURN { ${relationshipIdRead(edge) ? `id: ${r}.id, ` : ""}properties: ${relationshipProperties(r, edge)},
             node: ${mapProjection(m, node)}${next} } } END`;
}

/**
 * What the reads ahead of entity `id` found (`values` as `aheadOf` returned them), and
 * what the reads ahead of each far node found, added to `out`.
 */
export function prefetched(
  id: string,
  reads: readonly ReadAhead[],
  values: unknown,
  out: Prefetched[] = [],
): Prefetched[] {
  if (reads.length === 0) return out;
  const lists = values as (Record<string, unknown>[] | null)[];
  reads.forEach((read, i) => {
    const rows = lists[i];
    if (rows === null || rows === undefined) return;
    out.push({
      read,
      id,
      records: rows.map((row) => relationshipRecord(row, read.type, read.direction)),
    });
    if (read.next.length) {
      for (const row of rows) prefetched((row.node as EntityRecord).id, read.next, row.ahead, out);
    }
  });
  return out;
}
