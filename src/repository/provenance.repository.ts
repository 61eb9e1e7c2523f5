import type { Executor } from "../db/executor";
import type { ClaimRecord, EntityRecord } from "../model/records";

export interface ConflictRecord {
  subject: EntityRecord;
  property: string;
  claims: ClaimRecord[];
}

/** Claims and the disagreements between sources. */
export class ProvenanceRepository {
  constructor(private readonly executor: Executor) {}

  /** Subject/property pairs whose claims do not all give the same value. */
  async conflicts(subject: string | null, property: string | null): Promise<ConflictRecord[]> {
    return this.executor.read<ConflictRecord>(
      `MATCH (c:Claim)-[:CLAIM_ABOUT]->(s:Entity)
       WHERE ($subject IS NULL OR s.id = $subject) AND ($property IS NULL OR c.property = $property)
       WITH s, c.property AS property, c ORDER BY c.id
       WITH s, property, collect(c { .*, subjectId: s.id }) AS claims, count(DISTINCT toString(c.value)) AS values
       WHERE values > 1
       RETURN s { .* } AS subject, property, claims
       ORDER BY s.name, property`,
      { subject, property },
    );
  }

  async claims(subject: string | null, property: string | null): Promise<ClaimRecord[]> {
    const rows = await this.executor.read(
      `MATCH (c:Claim)-[:CLAIM_ABOUT]->(s:Entity)
       WHERE ($subject IS NULL OR s.id = $subject) AND ($property IS NULL OR c.property = $property)
       RETURN c { .*, subjectId: s.id } AS claim
       ORDER BY s.id, c.property, c.id`,
      { subject, property },
    );
    return rows.map((row) => row.claim as ClaimRecord);
  }

  /** The lines of each document whose text is loaded (SOURCES_DIR); documents without text are absent. */
  async sourceLines(ids: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.executor.read<{ id: string; lines: string[] }>(
      "MATCH (t:SourceText) WHERE t.id IN $ids RETURN t.id AS id, t.lines AS lines",
      { ids: [...ids] },
    );
    return new Map(rows.map((row) => [row.id, row.lines]));
  }
}
