import { MENTIONS, type MentionReport, documentHash, findMentions } from "../model/mentions";
import { DICTIONARY_CYPHER, type NamesRow, dictionaryOf } from "./mentions.repository";
import type { Executor, Tx } from "../db/executor";
import { recountEntities } from "../db/relationship-counts";
import { ConflictError, CurationError, NotFoundError } from "../model/errors";
import type { Kind, SeedEntity } from "../model/kinds";
import { entityProperties, entityRowFromNode, sourceProperties } from "../model/properties";
import { labelToken, relationshipTypeToken } from "./cypher";
import { nameKey } from "../model/names";
import { zeroCounts } from "../model/relationship-counts";
import type { ClaimRecord, EntityRecord } from "../model/records";
import { bumpGraphVersion } from "./version.repository";

type Row = Record<string, unknown>;

export interface CitationRef {
  sourceId: string;
  firstLine?: number | null;
  lastLine?: number | null;
}

export interface NewSourceRef {
  title: string;
  reference: string;
  description?: string | null;
}

/** Why a change is made: at least one source, existing or new, and an optional note. */
export interface Provenance {
  citations: CitationRef[];
  newSources: NewSourceRef[];
  reason?: string | null;
}

export interface AuditRecord {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: "Entity" | "Relationship" | "Claim" | "Source";
  targetId: string;
  before: string | null;
  after: string | null;
  sources: string[];
  reason: string | null;
  /** The graph version the change made (null on entries from before versions were kept). */
  version: number | null;
}

export interface RelationshipRow {
  id: string;
  type: string;
  from: string;
  to: string;
  properties: Record<string, string | number | boolean>;
  sources: string[];
}

/**
 * What one change touched, from its entry: the entity it changed (or the two ends of a
 * relationship, or a claim's subject), the relationships (a deleted entity's too), their
 * types, and a deleted entity's kind (the entity is gone when the entry is written; the
 * kinds of the entities still there are read when it is).
 */
/** What a deleted entity took with it: its kind, its neighbours, its relationships and their types. */
interface Detached {
  kind?: string;
  neighbours?: string[];
  relationshipIds?: string[];
  types?: string[];
}

function touchedBy(
  entry: Pick<AuditRecord, "targetType" | "targetId" | "before" | "after">,
  detached: Detached,
): { entityIds: string[]; relationshipIds: string[]; types: string[]; kinds: string[] } {
  const state = JSON.parse(entry.after ?? entry.before ?? "{}") as Row;
  const text = (value: unknown) => (typeof value === "string" ? [value] : []);
  const unique = (values: string[]) => [...new Set(values)];
  switch (entry.targetType) {
    case "Relationship":
      return {
        entityIds: unique([...text(state.from), ...text(state.to)]),
        relationshipIds: [entry.targetId],
        types: text(state.type),
        kinds: [],
      };
    case "Claim":
      return { entityIds: text(state.subject), relationshipIds: [], types: [], kinds: [] };
    default:
      return {
        entityIds: unique([entry.targetId, ...(detached.neighbours ?? [])]),
        relationshipIds: detached.relationshipIds ?? [],
        types: unique(detached.types ?? []),
        kinds: entry.targetType === "Source" ? ["Source"] : text(detached.kind),
      };
  }
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Every change to the graph: one write transaction each, which checks, writes and
 * records an audit entry, so a refused or failed change leaves nothing behind. A change
 * that adds or removes relationships (claims' included) recounts the relationship counts
 * kept on the entities at their ends, in the same transaction.
 */
export class CurationRepository {
  constructor(private readonly executor: Executor) {}

  /** Existing citations checked against their source; new sources created with the next free id. */
  private async citations(tx: Tx, provenance: Provenance): Promise<string[]> {
    if (provenance.citations.length + provenance.newSources.length === 0) {
      throw new CurationError(
        "sources",
        "give at least one source: an existing one (sourceId and lines) or a new one (title and reference)",
      );
    }
    const out: string[] = [];
    for (const [i, c] of provenance.citations.entries()) {
      const [source] = await tx.run("MATCH (s:Source {id: $id}) RETURN s.lineCount AS lineCount", {
        id: c.sourceId,
      });
      if (!source) throw new CurationError(`sources.${i}.sourceId`, `no source has id "${c.sourceId}"`);
      const lineCount = source.lineCount as number | null;
      const hasLines = c.firstLine !== null && c.firstLine !== undefined;
      if (lineCount === null) {
        if (hasLines)
          throw new CurationError(
            `sources.${i}`,
            `source ${c.sourceId} has no line numbers: omit firstLine and lastLine`,
          );
        out.push(c.sourceId);
        continue;
      }
      const first = c.firstLine ?? 0;
      const last = c.lastLine ?? first;
      if (!hasLines || first < 1 || last < first || last > lineCount) {
        throw new CurationError(
          `sources.${i}`,
          `give lines from 1 to ${lineCount} of source ${c.sourceId}, firstLine ≤ lastLine`,
        );
      }
      out.push(`${c.sourceId}:${first}-${last}`);
    }
    for (const source of provenance.newSources) {
      const [row] = await tx.run("MATCH (s:Source) RETURN max(toInteger(s.id)) AS last");
      const id = String(((row?.last as number | null) ?? -1) + 1).padStart(3, "0");
      const props = sourceProperties({
        id,
        title: source.title,
        kind: "external",
        description: source.description ?? `Added by a curator: ${source.title}`,
        reference: source.reference,
      });
      await tx.run("CREATE (s:Entity:Source) SET s = $props", { props: { ...props, ...zeroCounts() } });
      out.push(id);
    }
    return [...new Set(out)];
  }

  /**
   * Adds a document with its text and links the entities it names (MENTIONS), in one
   * transaction with its audit entry. A text held already (the same lines) is refused with
   * the id of the source that holds it.
   */
  async addSource(
    actor: string,
    document: { title: string; reference: string; description?: string | null; lines: string[] },
    reason: string | null,
  ): Promise<{ source: EntityRecord; audit: AuditRecord; report: MentionReport }> {
    const hash = documentHash(document.lines);
    return this.executor.writeTransaction(async (tx) => {
      const [held] = await tx.run("MATCH (t:SourceText {hash: $hash}) RETURN t.id AS id LIMIT 1", { hash });
      if (held) {
        const id = String(held.id);
        throw new ConflictError("text", `this text is held already, as source ${id}`, {
          existingSourceId: id,
        });
      }
      const [last] = await tx.run("MATCH (s:Source) RETURN max(toInteger(s.id)) AS last");
      const id = String(((last?.last as number | null) ?? -1) + 1).padStart(3, "0");
      const props = sourceProperties({
        id,
        title: document.title,
        kind: "added",
        description: document.description ?? `Added with its text by ${actor}: ${document.title}`,
        reference: document.reference,
        lineCount: document.lines.length,
      });
      await tx.run("CREATE (s:Entity:Source) SET s = $props", { props: { ...props, ...zeroCounts() } });
      await tx.run("CREATE (t:SourceText {id: $id, lines: $lines, hash: $hash})", {
        id,
        lines: document.lines,
        hash,
      });
      const report = findMentions(document.lines, dictionaryOf(await tx.run<NamesRow>(DICTIONARY_CYPHER)));
      await tx.run(
        `MATCH (s:Source {id: $id})
         UNWIND $mentions AS mention
         MATCH (e:Entity {id: mention.entity})
         CREATE (s)-[:${MENTIONS} {lines: mention.lines, count: size(mention.lines)}]->(e)`,
        { id, mentions: report.mentions.map(({ entity, lines }) => ({ entity, lines })) },
      );
      const [node] = await tx.run("MATCH (s:Source {id: $id}) RETURN s { .* } AS s", { id });
      const audit = await this.audit(tx, {
        actor,
        action: "ADD_SOURCE",
        targetType: "Source",
        targetId: id,
        before: null,
        after: json({
          id,
          title: document.title,
          reference: document.reference,
          lineCount: document.lines.length,
          mentions: report.mentions.length,
        }),
        sources: [`${id}:1-${document.lines.length}`],
        reason,
      });
      return { source: node!.s as EntityRecord, audit, report };
    });
  }

  /** Records the change and raises the graph version, in the change's own transaction. */
  /**
   * Records the change and raises the graph version, in the change's transaction. The entry
   * keeps what the change touched (entity and relationship ids, the entities' kinds, the
   * relationship types), so that the change feed filters on it without reading the graph.
   */
  private async audit(
    tx: Tx,
    entry: Omit<AuditRecord, "id" | "at" | "version">,
    detached: Detached = {},
  ): Promise<AuditRecord> {
    const version = await bumpGraphVersion(tx);
    const touched = touchedBy(entry, detached);
    const [row] = await tx.run(
      `CREATE (a:AuditEntry {id: randomUUID(), at: datetime()}) SET a += $entry, a.version = $version
       SET a.kinds = COLLECT { MATCH (e:Entity) WHERE e.id IN $touched.entityIds RETURN DISTINCT e.kind }
       SET a.kinds = a.kinds + [k IN $touched.kinds WHERE NOT k IN a.kinds],
           a.entityIds = $touched.entityIds, a.relationshipIds = $touched.relationshipIds, a.types = $touched.types
       RETURN a { .* } AS audit`,
      { entry, version, touched },
    );
    return row!.audit as AuditRecord;
  }

  private async entityProps(tx: Tx, id: string): Promise<Row | null> {
    const [row] = await tx.run("MATCH (n:Entity {id: $id}) RETURN n { .* } AS n", { id });
    return (row?.n as Row | undefined) ?? null;
  }

  /** Names and aliases are lookup keys: refuse one that already names another entity. */
  private async checkNames(tx: Tx, id: string, names: string[]): Promise<void> {
    const keys = [...new Set(names.map(nameKey))];
    const [clash] = await tx.run(
      `MATCH (n:Entity) WHERE n.id <> $id AND any(k IN n.searchKeys WHERE k IN $keys)
       RETURN n.id AS id, n.name AS name LIMIT 1`,
      { id, keys },
    );
    if (clash) {
      throw new CurationError(
        "name",
        `a name or alias given is already used by ${String(clash.name)} (${String(clash.id)})`,
      );
    }
  }

  private async writeEntity(tx: Tx, entity: SeedEntity, keep: Row = {}): Promise<EntityRecord> {
    const props = { ...entityProperties(entity), ...keep };
    const [row] = await tx.run(
      `MERGE (n:Entity {id: $id}) SET n = $props, n:${labelToken(entity.kind)} RETURN n { .* } AS n`,
      { id: entity.id, props },
    );
    return row!.n as EntityRecord;
  }

  async createEntity(
    actor: string,
    build: (sources: string[]) => SeedEntity,
    provenance: Provenance,
  ): Promise<{ entity: EntityRecord; audit: AuditRecord }> {
    return this.executor.writeTransaction(async (tx) => {
      const entity = build(await this.citations(tx, provenance));
      if (await this.entityProps(tx, entity.id))
        throw new CurationError("id", `"${entity.id}" is already taken`);
      await this.checkNames(tx, entity.id, [entity.name, ...entity.aliases.map((a) => a.name)]);
      // A new entity has no relationships yet.
      const record = await this.writeEntity(tx, entity, zeroCounts());
      const audit = await this.audit(tx, {
        actor,
        action: "CREATE_ENTITY",
        targetType: "Entity",
        targetId: entity.id,
        before: null,
        after: json(entity),
        sources: entity.sources,
        reason: provenance.reason ?? null,
      });
      return { entity: record, audit };
    });
  }

  async updateEntity(
    actor: string,
    id: string,
    change: (current: Row, sources: string[], kind: Kind) => SeedEntity,
    provenance: Provenance,
  ): Promise<{ entity: EntityRecord; audit: AuditRecord }> {
    return this.executor.writeTransaction(async (tx) => {
      const props = await this.entityProps(tx, id);
      if (!props || props.kind === "Source") throw new NotFoundError("id", `no entity has id "${id}"`);
      const before = entityRowFromNode(props.kind as Kind, props);
      const given = await this.citations(tx, provenance);
      const entity = change(before, given, props.kind as Kind);
      await this.checkNames(tx, id, [entity.name, ...entity.aliases.map((a) => a.name)]);
      const keep = Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith("_")));
      const record = await this.writeEntity(tx, entity, keep);
      const audit = await this.audit(tx, {
        actor,
        action: "UPDATE_ENTITY",
        targetType: "Entity",
        targetId: id,
        before: json(before),
        after: json(entity),
        sources: given,
        reason: provenance.reason ?? null,
      });
      return { entity: record, audit };
    });
  }

  async deleteEntity(actor: string, id: string, provenance: Provenance): Promise<AuditRecord> {
    return this.executor.writeTransaction(async (tx) => {
      const props = await this.entityProps(tx, id);
      if (!props) throw new NotFoundError("id", `no entity has id "${id}"`);
      if (props.kind === "Source")
        throw new CurationError("id", "sources cannot be deleted: facts cite them");
      const sources = await this.citations(tx, provenance);
      const [counts] = await tx.run(
        `MATCH (n:Entity {id: $id})
         OPTIONAL MATCH (c:Claim)-[:CLAIM_ABOUT]->(n)
         WITH n, collect(c) AS claims, COUNT { (n)-[:!${MENTIONS}]-(:Entity) } AS relationships,
              COLLECT { MATCH (n)-[:!${MENTIONS}]-(m:Entity) WHERE m <> n RETURN DISTINCT m.id } AS neighbours,
              COLLECT { MATCH (n)-[r:!${MENTIONS}]-(:Entity) RETURN DISTINCT r.id } AS relationshipIds,
              COLLECT { MATCH (n)-[r:!${MENTIONS}]-(:Entity) RETURN DISTINCT type(r) } AS types
         FOREACH (c IN claims | DETACH DELETE c)
         DETACH DELETE n
         RETURN size(claims) AS claims, relationships, neighbours, relationshipIds, types`,
        { id },
      );
      const { neighbours, relationshipIds, types, ...removed } = counts!;
      await recountEntities(tx, neighbours as string[]);
      const detached = {
        kind: props.kind as string,
        neighbours: neighbours as string[],
        relationshipIds: relationshipIds as string[],
        types: types as string[],
      };
      return this.audit(
        tx,
        {
          actor,
          action: "DELETE_ENTITY",
          targetType: "Entity",
          targetId: id,
          before: json({ ...entityRowFromNode(props.kind as Kind, props), removed }),
          after: null,
          sources,
          reason: provenance.reason ?? null,
        },
        detached,
      );
    });
  }

  private async relationship(tx: Tx, id: string): Promise<(RelationshipRow & { props: Row }) | null> {
    const [row] = await tx.run<Omit<RelationshipRow, "properties" | "sources"> & { props: Row }>(
      `MATCH (a:Entity)-[r {id: $id}]->(b:Entity)
       RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`,
      { id },
    );
    if (!row) return null;
    const { props } = row;
    const properties = Object.fromEntries(
      Object.entries(props).filter(([k]) => k !== "id" && k !== "sources" && !k.startsWith("_")),
    ) as RelationshipRow["properties"];
    return { ...row, properties, sources: props.sources as string[], props };
  }

  async createRelationship(
    actor: string,
    build: (sources: string[]) => RelationshipRow,
    provenance: Provenance,
  ): Promise<{ relationship: RelationshipRow; audit: AuditRecord }> {
    return this.executor.writeTransaction(async (tx) => {
      const rel = build(await this.citations(tx, provenance));
      for (const end of ["from", "to"] as const) {
        if (!(await this.entityProps(tx, rel[end])))
          throw new NotFoundError(end, `no entity has id "${rel[end]}"`);
      }
      if (await this.relationship(tx, rel.id))
        throw new CurationError("id", `a relationship "${rel.id}" exists already`);
      await tx.run(
        `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
         CREATE (a)-[r:${relationshipTypeToken(rel.type)}]->(b) SET r = $props`,
        { from: rel.from, to: rel.to, props: { ...rel.properties, id: rel.id, sources: rel.sources } },
      );
      await recountEntities(tx, [rel.from, rel.to]);
      const audit = await this.audit(tx, {
        actor,
        action: "CREATE_RELATIONSHIP",
        targetType: "Relationship",
        targetId: rel.id,
        before: null,
        after: json(rel),
        sources: rel.sources,
        reason: provenance.reason ?? null,
      });
      return { relationship: rel, audit };
    });
  }

  async updateRelationship(
    actor: string,
    id: string,
    change: (current: RelationshipRow, sources: string[]) => RelationshipRow,
    provenance: Provenance,
  ): Promise<{ relationship: RelationshipRow; audit: AuditRecord }> {
    return this.executor.writeTransaction(async (tx) => {
      const current = await this.relationship(tx, id);
      if (!current) throw new NotFoundError("id", `no relationship has id "${id}"`);
      const { props, ...before } = current;
      const given = await this.citations(tx, provenance);
      const rel = change(before, given);
      const keep = Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith("_")));
      await tx.run(`MATCH ()-[r {id: $id}]->() SET r = $props`, {
        id,
        props: { ...rel.properties, ...keep, id, sources: rel.sources },
      });
      const audit = await this.audit(tx, {
        actor,
        action: "UPDATE_RELATIONSHIP",
        targetType: "Relationship",
        targetId: id,
        before: json(before),
        after: json(rel),
        sources: given,
        reason: provenance.reason ?? null,
      });
      return { relationship: rel, audit };
    });
  }

  async deleteRelationship(actor: string, id: string, provenance: Provenance): Promise<AuditRecord> {
    return this.executor.writeTransaction(async (tx) => {
      const current = await this.relationship(tx, id);
      if (!current) throw new NotFoundError("id", `no relationship has id "${id}"`);
      const sources = await this.citations(tx, provenance);
      await tx.run("MATCH ()-[r {id: $id}]->() DELETE r", { id });
      await recountEntities(tx, [current.from, current.to]);
      const { props: _props, ...before } = current;
      return this.audit(tx, {
        actor,
        action: "DELETE_RELATIONSHIP",
        targetType: "Relationship",
        targetId: id,
        before: json(before),
        after: null,
        sources,
        reason: provenance.reason ?? null,
      });
    });
  }

  async addClaim(
    actor: string,
    build: (sources: string[], existing: number) => Row & { id: string; subject: string },
    provenance: Provenance,
  ): Promise<{ claim: ClaimRecord; audit: AuditRecord }> {
    return this.executor.writeTransaction(async (tx) => {
      const sources = await this.citations(tx, provenance);
      const [count] = await tx.run("MATCH (c:Claim) RETURN count(c) AS n");
      const { subject, ...claim } = build(sources, count!.n as number);
      if (!(await this.entityProps(tx, subject)))
        throw new NotFoundError("subject", `no entity has id "${subject}"`);
      const [taken] = await tx.run("MATCH (c:Claim {id: $id}) RETURN c.id AS id", { id: claim.id });
      if (taken) throw new CurationError("id", `a claim "${claim.id}" exists already`);
      const [row] = await tx.run(
        `MATCH (s:Entity {id: $subject}) CREATE (c:Claim)-[:CLAIM_ABOUT]->(s) SET c = $props
         RETURN c { .*, subjectId: s.id } AS claim`,
        { subject, props: { qualifier: null, unit: null, note: null, ...claim } },
      );
      await recountEntities(tx, [subject]);
      const audit = await this.audit(tx, {
        actor,
        action: "ADD_CLAIM",
        targetType: "Claim",
        targetId: claim.id,
        before: null,
        after: json({ subject, ...claim }),
        sources,
        reason: provenance.reason ?? null,
      });
      return { claim: row!.claim as ClaimRecord, audit };
    });
  }

  async retractClaim(actor: string, id: string, provenance: Provenance): Promise<AuditRecord> {
    return this.executor.writeTransaction(async (tx) => {
      const [row] = await tx.run(
        "MATCH (c:Claim {id: $id})-[:CLAIM_ABOUT]->(s:Entity) RETURN c { .*, subject: s.id } AS claim",
        { id },
      );
      if (!row) throw new NotFoundError("id", `no claim has id "${id}"`);
      const sources = await this.citations(tx, provenance);
      await tx.run("MATCH (c:Claim {id: $id}) DETACH DELETE c", { id });
      await recountEntities(tx, [(row.claim as Row).subject as string]);
      const { _seedFile: _f, _seedIndex: _i, ...before } = row.claim as Row;
      return this.audit(tx, {
        actor,
        action: "RETRACT_CLAIM",
        targetType: "Claim",
        targetId: id,
        before: json(before),
        after: null,
        sources,
        reason: provenance.reason ?? null,
      });
    });
  }

  async auditTrail(targetId: string | null, actor: string | null, limit: number): Promise<AuditRecord[]> {
    const rows = await this.executor.read(
      `MATCH (a:AuditEntry)
       WHERE ($targetId IS NULL OR a.targetId = $targetId) AND ($actor IS NULL OR a.actor = $actor)
       RETURN a { .* } AS audit ORDER BY a.at DESC, a.id LIMIT $limit`,
      { targetId, actor, limit },
    );
    return rows.map((r) => r.audit as AuditRecord);
  }
}
