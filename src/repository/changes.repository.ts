import type { Executor } from "../db/executor";

/**
 * One committed curation change as the change feed sends it: read from its audit entry. Never
 * the API key, nor the states before and after (the audit trail has those, for a key holder).
 */
export interface ChangeRecord {
  /** The graph version the change made; changes are ordered by it, one version each. */
  version: number;
  auditId: string;
  at: string;
  action: string;
  targetType: string;
  targetId: string;
  /** The entity changed, the two ends of a relationship, a claim's subject, a deleted entity's neighbours. */
  entityIds: string[];
  /** The relationship changed, or those a deleted entity took with it. */
  relationshipIds: string[];
  /** Kinds of the entities touched (Neo4j labels). */
  kinds: string[];
  /** Relationship types touched. */
  types: string[];
}

const CHANGE = `a { .version, auditId: a.id, at: toString(a.at), .action, .targetType, .targetId,
  entityIds: coalesce(a.entityIds, CASE WHEN a.targetType IN ["Entity", "Source"] THEN [a.targetId] ELSE [] END),
  relationshipIds: coalesce(a.relationshipIds, CASE a.targetType WHEN "Relationship" THEN [a.targetId] ELSE [] END),
  kinds: coalesce(a.kinds, []), types: coalesce(a.types, []) } AS change`;

/** The audit trail read by graph version, for the change feed (index audit_version). */
export class ChangesRepository {
  constructor(private readonly executor: Executor) {}

  /** Changes with a version above `version`, oldest first, at most `limit`. */
  async after(version: number, limit: number): Promise<ChangeRecord[]> {
    const rows = await this.executor.read<{ change: ChangeRecord }>(
      `MATCH (a:AuditEntry) WHERE a.version > $version
       RETURN ${CHANGE} ORDER BY a.version LIMIT $limit`,
      { version, limit },
    );
    return rows.map((r) => r.change);
  }

  /** The latest `limit` changes, oldest first. */
  async latest(limit: number): Promise<ChangeRecord[]> {
    const rows = await this.executor.read<{ change: ChangeRecord }>(
      `MATCH (a:AuditEntry) WHERE a.version IS NOT NULL
       WITH a ORDER BY a.version DESC LIMIT $limit
       RETURN ${CHANGE} ORDER BY a.version`,
      { limit },
    );
    return rows.map((r) => r.change);
  }
}
