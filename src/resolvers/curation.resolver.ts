import { ErrorCode } from "../errors/codes";
import { GraphQLError } from "graphql";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import {
  buildClaim,
  buildEntity,
  buildRelationship,
  changeEntity,
  changeRelationship,
} from "../curation/build";
import { ConflictError, CurationError } from "../model/errors";
import { splitLines } from "../model/mentions";
import { AddSourceResult } from "../types/add-source.type";
import { AddSourceInput } from "../types/inputs/source.input";
import type { AuditRecord, Provenance, RelationshipRow } from "../repository/curation.repository";
import type { Context } from "../request/context";
import { AuditEntry } from "../types/audit.type";
import { CurationResult } from "../types/curation-result.type";
import type { GraphEdge } from "../types/graph.type";
import { AddClaimInput } from "../types/inputs/claim.input";
import { CreateEntityInput, EntityFieldsInput } from "../types/inputs/entity.input";
import { ProvenanceInput } from "../types/inputs/provenance.input";
import { CreateRelationshipInput } from "../types/inputs/relationship.input";
import { GraphQLJSONObject } from "graphql-scalars";
import { badInput } from "./errors";
import { checkId } from "./ids";
import { toCitations, toClaim } from "./records-to-types";

const MAX_AUDIT = 100;

function requireActor(ctx: Context): string {
  if (ctx.actor === null) {
    throw new GraphQLError(
      "Changing the graph needs an API key: send `Authorization: Bearer <key>` (keys are set in API_KEYS).",
      {
        extensions: { code: ErrorCode.UNAUTHENTICATED },
      },
    );
  }
  return ctx.actor;
}

function provenance(input: ProvenanceInput): Provenance {
  return { citations: input.sources, newSources: input.newSources, reason: input.reason ?? null };
}

export function toAuditEntry(record: AuditRecord): AuditEntry {
  return {
    ...record,
    // Neo4j stores no null property: a missing before or after reads as undefined.
    before: record.before ? (JSON.parse(record.before) as Record<string, unknown>) : null,
    after: record.after ? (JSON.parse(record.after) as Record<string, unknown>) : null,
    sources: toCitations(record.sources),
    reason: record.reason ?? null,
    version: record.version ?? null,
  };
}

const toGraphEdge = (rel: RelationshipRow): GraphEdge => ({
  id: rel.id,
  type: rel.type,
  source: rel.from,
  target: rel.to,
  properties: rel.properties,
  sources: toCitations(rel.sources),
});

/**
 * Runs a change for an authenticated caller: refusals of content become BAD_USER_INPUT
 * naming the field; the request's loader caches are cleared so later fields see the change.
 */
async function change<T>(ctx: Context, work: (actor: string) => Promise<T>): Promise<T> {
  const actor = requireActor(ctx);
  try {
    return await work(actor);
  } catch (error) {
    if (error instanceof ConflictError) {
      throw new GraphQLError(error.message, {
        extensions: { code: ErrorCode.CONFLICT, field: error.field, ...error.details },
      });
    }
    if (error instanceof CurationError) {
      throw new GraphQLError(error.message, {
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: error.field },
      });
    }
    throw error;
  } finally {
    ctx.loaders.clearAll();
  }
}

/** Curation: authenticated, validated, audited changes; reads stay public. */
@Resolver()
export class CurationResolver {
  @Mutation(() => AddSourceResult, {
    description:
      "Adds a document with its text as a new source, links the entities its text names (MENTIONS, as `Source.mentions` reads them) in the same transaction, and answers with what it found: the mentions, the names several entities answer to, and capitalised names that match nothing known, for a curator to review. A text held already is refused (CONFLICT, with `existingSourceId`).",
  })
  addSource(
    @Ctx() ctx: Context,
    @Arg("input", () => AddSourceInput, { description: "The document." }) input: AddSourceInput,
  ): Promise<AddSourceResult> {
    return change(ctx, async (actor) => {
      const lines = splitLines(input.text);
      if (!lines.some((line) => /[\p{L}\p{N}]/u.test(line))) {
        throw new CurationError("text", "the text has no words");
      }
      const { source, audit, report } = await ctx.repositories.curation.addSource(
        actor,
        { title: input.title, reference: input.reference, description: input.description ?? null, lines },
        input.reason ?? null,
      );
      const ids = [...report.mentions.map((m) => m.entity), ...report.ambiguous.flatMap((a) => a.candidates)];
      const found = await ctx.loaders.entity.loadMany(ids);
      const byId = new Map(found.flatMap((e) => (e && !(e instanceof Error) ? [[e.id, e] as const] : [])));
      return {
        source,
        audit: toAuditEntry(audit),
        mentions: report.mentions.flatMap((m) => {
          const entity = byId.get(m.entity);
          return entity ? [{ entity, lines: m.lines, names: m.names }] : [];
        }),
        ambiguous: report.ambiguous.map((a) => ({
          name: a.name,
          lines: a.lines,
          candidates: a.candidates.flatMap((id) => byId.get(id) ?? []),
        })),
        unknown: report.unknown,
      };
    });
  }

  @Mutation(() => CurationResult, { description: "Adds an entity, citing at least one source." })
  createEntity(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateEntityInput, { description: "The entity." }) input: CreateEntityInput,
    @Arg("provenance", () => ProvenanceInput, { description: "The sources that state it." })
    prov: ProvenanceInput,
  ): Promise<CurationResult> {
    return change(ctx, async (actor) => {
      const { kind, id, ...fields } = input;
      const { entity, audit } = await ctx.repositories.curation.createEntity(
        actor,
        (sources) => buildEntity(kind, id, fields, sources),
        provenance(prov),
      );
      return { entity, audit: toAuditEntry(audit) };
    });
  }

  @Mutation(() => CurationResult, {
    description:
      "Changes fields of an entity (null clears a field); the sources given are added to its sources.",
  })
  updateEntity(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: "The entity." }) id: string,
    @Arg("input", () => EntityFieldsInput, { description: "The fields to change." }) input: EntityFieldsInput,
    @Arg("provenance", () => ProvenanceInput, { description: "The sources for the change." })
    prov: ProvenanceInput,
  ): Promise<CurationResult> {
    return change(ctx, async (actor) => {
      const { entity, audit } = await ctx.repositories.curation.updateEntity(
        actor,
        checkId(id),
        (current, sources, kind) => changeEntity(kind, current, { ...input }, sources),
        provenance(prov),
      );
      return { entity, audit: toAuditEntry(audit) };
    });
  }

  @Mutation(() => CurationResult, { description: "Deletes an entity with its relationships and claims." })
  deleteEntity(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: "The entity." }) id: string,
    @Arg("provenance", () => ProvenanceInput, { description: "The sources that justify it." })
    prov: ProvenanceInput,
  ): Promise<CurationResult> {
    return change(ctx, async (actor) => ({
      audit: toAuditEntry(await ctx.repositories.curation.deleteEntity(actor, checkId(id), provenance(prov))),
    }));
  }

  @Mutation(() => CurationResult, { description: "Adds a relationship between two entities." })
  createRelationship(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateRelationshipInput, { description: "The relationship." })
    input: CreateRelationshipInput,
    @Arg("provenance", () => ProvenanceInput, { description: "The sources that state it." })
    prov: ProvenanceInput,
  ): Promise<CurationResult> {
    return change(ctx, async (actor) => {
      const { relationship, audit } = await ctx.repositories.curation.createRelationship(
        actor,
        (sources) => buildRelationship(input, sources),
        provenance(prov),
      );
      return { relationship: toGraphEdge(relationship), audit: toAuditEntry(audit) };
    });
  }

  @Mutation(() => CurationResult, {
    description:
      "Replaces a relationship's properties (when given) and adds the sources given to its sources.",
  })
  updateRelationship(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: "The relationship." }) id: string,
    @Arg("properties", () => GraphQLJSONObject, { nullable: true, description: "Its new properties." })
    properties: Record<string, unknown> | null,
    @Arg("provenance", () => ProvenanceInput, { description: "The sources for the change." })
    prov: ProvenanceInput,
  ): Promise<CurationResult> {
    return change(ctx, async (actor) => {
      const { relationship, audit } = await ctx.repositories.curation.updateRelationship(
        actor,
        id,
        (current, sources) => changeRelationship(current, properties, sources),
        provenance(prov),
      );
      return { relationship: toGraphEdge(relationship), audit: toAuditEntry(audit) };
    });
  }

  @Mutation(() => CurationResult, { description: "Deletes a relationship." })
  deleteRelationship(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: "The relationship." }) id: string,
    @Arg("provenance", () => ProvenanceInput, { description: "The sources that justify it." })
    prov: ProvenanceInput,
  ): Promise<CurationResult> {
    return change(ctx, async (actor) => ({
      audit: toAuditEntry(await ctx.repositories.curation.deleteRelationship(actor, id, provenance(prov))),
    }));
  }

  @Mutation(() => CurationResult, { description: "Records a claim a source makes about an entity." })
  addClaim(
    @Ctx() ctx: Context,
    @Arg("input", () => AddClaimInput, { description: "The claim." }) input: AddClaimInput,
    @Arg("provenance", () => ProvenanceInput, { description: "The sources that make it." })
    prov: ProvenanceInput,
  ): Promise<CurationResult> {
    return change(ctx, async (actor) => {
      const { claim, audit } = await ctx.repositories.curation.addClaim(
        actor,
        (sources, existing) => buildClaim(input, sources, existing),
        provenance(prov),
      );
      return { claim: toClaim(claim), audit: toAuditEntry(audit) };
    });
  }

  @Mutation(() => CurationResult, { description: "Retracts (deletes) a claim." })
  retractClaim(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: "The claim." }) id: string,
    @Arg("provenance", () => ProvenanceInput, { description: "The sources that justify it." })
    prov: ProvenanceInput,
  ): Promise<CurationResult> {
    return change(ctx, async (actor) => ({
      audit: toAuditEntry(await ctx.repositories.curation.retractClaim(actor, id, provenance(prov))),
    }));
  }

  @Query(() => [AuditEntry], {
    description: "The audit trail, newest first: every change, by whom, before and after.",
  })
  async auditTrail(
    @Ctx() { repositories }: Context,
    @Arg("targetId", () => ID, {
      nullable: true,
      description: "Only changes to this entity, relationship or claim.",
    })
    targetId?: string,
    @Arg("actor", () => String, { nullable: true, description: "Only changes made with this key name." })
    actor?: string,
    @Arg("limit", () => Int, { defaultValue: 50, description: `How many entries (at most ${MAX_AUDIT}).` })
    limit = 50,
  ): Promise<AuditEntry[]> {
    if (limit < 1 || limit > MAX_AUDIT)
      throw badInput(`\`limit\` must be between 1 and ${MAX_AUDIT}; got ${limit}.`, "limit");
    const rows = await repositories.curation.auditTrail(targetId ?? null, actor ?? null, limit);
    return rows.map(toAuditEntry);
  }
}
