import type { Executor, Tx } from "../db/executor";
import { recountAllEntities } from "../db/relationship-counts";
import { KINDS } from "../model/kinds";
import { MENTIONS } from "../model/mentions";
import { RELATIONSHIP_TYPES } from "../model/relationships";
import { type Props, entityProperties, sourceProperties } from "../model/properties";
import { bumpGraphVersion } from "../repository/version.repository";
import { countRelationships, zeroCounts } from "../model/relationship-counts";
import { type Placement, type SeedData, placementKey } from "./validate";

export interface ImportOptions {
  /** Empty the graph first (in the same transaction). */
  reset: boolean;
  log: (line: string) => void;
  timeoutMs?: number;
  /** The data set's fingerprint (seedFingerprint), recorded in the graph with the time of the import. */
  fingerprint?: string;
}

export interface ImportCounts {
  labels: Record<string, number>;
  relationshipTypes: Record<string, number>;
  claims: number;
}


/**
 * Where a row came from in seed/, kept on the node or relationship so `npm run export`
 * writes it back to the same place. Names starting with "_" are internal: the API never
 * shows them.
 */
function placementProps(placement: Placement | undefined): Props {
  return placement ? { _seedFile: placement.file, _seedIndex: placement.index } : {};
}


async function mergeNodes(tx: Tx, label: string, rows: Props[]): Promise<void> {
  if (rows.length === 0) return;
  // The label comes from the closed KINDS list; every value is a parameter.
  if (![...KINDS, "Source"].includes(label as never)) throw new Error(`Unknown label ${label}`);
  // The row replaces the node's properties, but for the relationship counts it keeps: they
  // are recounted at the end of the import, and only those that changed are written.
  await tx.run(
    `UNWIND $rows AS row
     MERGE (n:Entity {id: row.id})
     WITH n, row, [k IN keys(n) WHERE NOT k IN keys(row) AND NOT k STARTS WITH "_rel"] AS gone
     SET n += row, n:${label}
     FOREACH (k IN gone | REMOVE n[k])`,
    { rows },
  );
}

/**
 * Loads validated seed data in one write transaction: MERGE on ids, so a second run
 * changes nothing; a failure anywhere rolls everything back.
 */
export async function importSeed(executor: Executor, data: SeedData, options: ImportOptions): Promise<ImportCounts> {
  const { log } = options;
  await executor.writeTransaction(
    async (tx) => {
      if (options.reset) {
        log("reset: removing every node and relationship");
        // The graph's version stays and is raised below: a version is never used twice. The
        // documents' text (SOURCES_DIR) stays too: it is not part of the data set.
        await tx.run("MATCH (n) WHERE NOT n:GraphVersion AND NOT n:SourceText DETACH DELETE n");
      }
      // Each node is written with the relationship counts the data set gives it (claims'
      // CLAIM_ABOUT among all types), so no second pass writes them.
      const counts = countRelationships([
        ...data.relationships,
        ...data.claims.map((c) => ({ from: c.id, to: c.subject, type: "CLAIM_ABOUT" })),
      ]);
      const counted = (id: string) => counts.get(id) ?? zeroCounts();
      await mergeNodes(
        tx,
        "Source",
        data.sources.map((s) => ({ ...sourceProperties(s), ...counted(s.id) })),
      );
      log(`Source: ${data.sources.length} nodes`);
      // The text of a source no longer in the graph (a document added since the data set) goes.
      await tx.run("MATCH (t:SourceText) WHERE NOT EXISTS { MATCH (:Source {id: t.id}) } DELETE t");
      for (const kind of KINDS) {
        const rows = data.entities
          .filter((e) => e.kind === kind)
          .map((e) => ({
            ...entityProperties(e),
            ...placementProps(data.placement[placementKey(e)]),
            ...counted(e.id),
          }));
        await mergeNodes(tx, kind, rows);
        log(`${kind}: ${rows.length} nodes`);
      }
      for (const type of Object.keys(RELATIONSHIP_TYPES)) {
        const rows = data.relationships
          .filter((r) => r.type === type)
          .map((r) => ({
            id: r.id,
            from: r.from,
            to: r.to,
            props: { ...r.properties, id: r.id, sources: r.sources, ...placementProps(data.placement[placementKey(r)]) },
          }));
        if (rows.length === 0) continue;
        const [result] = await tx.run(
          `UNWIND $rows AS row
           MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
           MERGE (a)-[r:${type} {id: row.id}]->(b)
           SET r = row.props
           RETURN count(r) AS merged`,
          { rows },
        );
        if (result!.merged !== rows.length) {
          throw new Error(`${type}: ${rows.length - (result!.merged as number)} relationships name an entity not in the graph`);
        }
        log(`${type}: ${rows.length} relationships`);
      }
      await tx.run(
        `UNWIND $rows AS row
         MATCH (s:Entity {id: row.subject})
         MERGE (c:Claim {id: row.props.id})
         SET c = row.props
         MERGE (c)-[:CLAIM_ABOUT]->(s)`,
        {
          rows: data.claims.map(({ subject, ...claim }) => ({
            subject,
            props: {
              ...claim,
              qualifier: claim.qualifier ?? null,
              unit: claim.unit ?? null,
              note: claim.note ?? null,
              ...placementProps(data.placement[placementKey({ ...claim, subject })]),
            },
          })),
        },
      );
      log(`Claim: ${data.claims.length} nodes`);
      // Where each document names an entity: not a fact, so no entity counts it.
      const [mentioned] = await tx.run(
        `UNWIND $rows AS row
         MATCH (s:Source {id: row.source}), (e:Entity {id: row.entity})
         MERGE (s)-[m:${MENTIONS}]->(e)
         SET m.lines = row.lines, m.count = size(row.lines)
         RETURN count(m) AS merged`,
        { rows: data.mentions },
      );
      if (mentioned!.merged !== data.mentions.length) {
        throw new Error(`${MENTIONS}: ${data.mentions.length - (mentioned!.merged as number)} mentions name a source or entity not in the graph`);
      }
      log(`${MENTIONS}: ${data.mentions.length} relationships`);
      // Imported into a graph that was not emptied, the nodes may have relationships the data
      // set does not (curated ones): recount from what the graph now holds.
      if (!options.reset) {
        await recountAllEntities(tx);
        log("Relationship counts recounted on every entity");
      }
      if (options.fingerprint !== undefined) {
        // Not an :Entity: the API never shows it. Curation after this time is counted from the audit trail.
        await tx.run(
          `MERGE (m:SeedImport {id: "seed"})
           SET m.fingerprint = $fingerprint, m.importedAt = datetime()`,
          { fingerprint: options.fingerprint },
        );
        log(`Data set fingerprint: ${options.fingerprint}`);
      }
      log(`Graph version: ${await bumpGraphVersion(tx)}`);
    },
    { timeoutMs: options.timeoutMs ?? 120000 },
  );
  return countGraph(executor);
}

/** What the database holds now, per label and relationship type. */
export async function countGraph(executor: Executor): Promise<ImportCounts> {
  const labels = await executor.read(
    "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label",
  );
  const types = await executor.read("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type");
  const byLabel = Object.fromEntries(labels.map((r) => [r.label as string, r.count as number]));
  return {
    labels: byLabel,
    relationshipTypes: Object.fromEntries(types.map((r) => [r.type as string, r.count as number])),
    claims: byLabel.Claim ?? 0,
  };
}

/** What the graph records of the last import of a data set, and how much was curated since. */
export interface ImportState {
  /** The fingerprint recorded at the last import; null when the graph was loaded without one. */
  fingerprint: string | null;
  importedAt: string | null;
  /** Audit entries (curated changes) after that import; every one when no import is recorded. */
  curatedSinceImport: number;
  /** Whether any entity was written by this importer (it carries where in seed/ it came from). */
  fromSeed: boolean;
}

export async function importState(executor: Executor): Promise<ImportState> {
  const [row] = await executor.read(
    `OPTIONAL MATCH (m:SeedImport {id: "seed"})
     RETURN m.fingerprint AS fingerprint, toString(m.importedAt) AS importedAt,
            COUNT { MATCH (a:AuditEntry) WHERE m IS NULL OR a.at > m.importedAt } AS curated,
            EXISTS { MATCH (n:Entity) WHERE n._seedFile IS NOT NULL } AS fromSeed`,
  );
  return {
    fingerprint: (row?.fingerprint as string | null) ?? null,
    importedAt: (row?.importedAt as string | null) ?? null,
    curatedSinceImport: (row?.curated as number | undefined) ?? 0,
    fromSeed: row?.fromSeed === true,
  };
}

export async function isGraphEmpty(executor: Executor): Promise<boolean> {
  const [row] = await executor.read("MATCH (n:Entity) RETURN count(n) > 0 AS any");
  return row?.any !== true;
}
