import type { Executor } from "./executor";
import { ensureCountIndexes } from "./relationship-counts";

export const FULLTEXT_INDEX = "entity_search";

/**
 * Uniqueness of ids (Community edition has uniqueness constraints, which also index
 * the property), plus lookup indexes and the full-text index over names and aliases.
 * Every statement is idempotent.
 */
const STATEMENTS = [
  "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
  "CREATE CONSTRAINT source_text_id IF NOT EXISTS FOR (t:SourceText) REQUIRE t.id IS UNIQUE",
  "CREATE INDEX source_text_hash IF NOT EXISTS FOR (t:SourceText) ON (t.hash)",
  // One node holds the graph's version (repository/version.repository.ts).
  "CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE",
  "CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
  "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
  "CREATE INDEX claim_property IF NOT EXISTS FOR (c:Claim) ON (c.property)",
  // The change feed reads the audit trail by graph version.
  "CREATE INDEX audit_version IF NOT EXISTS FOR (a:AuditEntry) ON (a.version)",
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.searchText]`,
];

export async function ensureConstraints(executor: Executor): Promise<void> {
  for (const statement of STATEMENTS) await executor.write(statement);
  // The kept relationship counts each kind's list sorts by.
  await ensureCountIndexes(executor);
  // A full-text index fills in the background; wait so the first search sees every entity.
  await executor.write("CALL db.awaitIndexes(60)");
}
