import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";
import type { z } from "zod";
import { CITATION_PATTERN, CLAIMS_FILE, MENTIONS_FILE, RELATIONSHIP_FILE_PATTERN, SOURCES_FILE, claimSchema, mentionSchema, sourceSchema, type SeedClaim, type SeedMention, type SeedSource } from "../model/contract";
import { ENTITY_FILES, KINDS, type Kind, type SeedEntity } from "../model/kinds";
import { RELATIONSHIP_TYPES, relationshipSchema, type RelationshipType, defaultRelationshipId, type SeedRelationship } from "../model/relationships";
import { nameKey } from "../model/names";

countries.registerLocale(english as countries.LocaleData);

/** Problem classes in the order they are checked; validation stops at the first that has any. */
export const PROBLEM_CLASSES = [
  "unknown-relationship-type",
  "schema",
  "duplicate-id",
  "unknown-source",
  "line-range",
  "unknown-reference",
  "unknown-claim-subject",
  "mention",
  "alias-collision",
  "state-code",
  "unknown-file",
] as const;
export type ProblemClass = (typeof PROBLEM_CLASSES)[number];

export interface SeedProblem {
  class: ProblemClass;
  file: string;
  id?: string;
  field?: string;
  message: string;
}

/** A relationship whose id is always set (explicit, or the default built from its ends). */
export type NormalisedRelationship = SeedRelationship & { id: string };

/** The validated, normalised content of `seed/`, as the importer consumes it. */
export interface SeedData {
  sources: SeedSource[];
  entities: SeedEntity[];
  relationships: NormalisedRelationship[];
  claims: SeedClaim[];
  /** Where each source document mentions an entity (mentions.json; empty when absent). */
  mentions: SeedMention[];
  /** Which file, and where in it, each entity, relationship and claim came from (see placementKey). */
  placement: Record<string, Placement>;
}

export interface Placement {
  file: string;
  index: number;
}

/** The key of a row in SeedData.placement: ids are unique only within their kind of row. */
export function placementKey(row: { id: string; type?: string; from?: string; subject?: string }): string {
  if ("subject" in row && row.subject !== undefined) return `claim:${row.id}`;
  if ("from" in row && row.from !== undefined) return `relationship:${row.id}`;
  return `entity:${row.id}`;
}

export interface SeedCounts {
  entities: number;
  relationships: number;
  claims: number;
  /** Subject/property pairs whose claims disagree. */
  conflicts: number;
  byKind: Record<Kind, number>;
  byRelationshipType: Partial<Record<RelationshipType, number>>;
}

export type SeedValidation =
  | { ok: true; data: SeedData; counts: SeedCounts }
  | { ok: false; problems: SeedProblem[] };

export const README_FILE = "README.md";

export interface ConflictGroup {
  subject: string;
  property: string;
  claims: SeedClaim[];
}

/** Claims sharing subject and property but differing in value or qualifier. */
export function findConflicts(claims: readonly SeedClaim[]): ConflictGroup[] {
  const groups = new Map<string, SeedClaim[]>();
  for (const claim of claims) {
    const key = `${claim.subject}\u0000${claim.property}`;
    const group = groups.get(key);
    if (group) group.push(claim);
    else groups.set(key, [claim]);
  }
  const conflicts: ConflictGroup[] = [];
  for (const group of groups.values()) {
    const variants = new Set(group.map((c) => JSON.stringify([c.value, c.qualifier ?? null])));
    if (variants.size > 1) {
      conflicts.push({ subject: group[0].subject, property: group[0].property, claims: group });
    }
  }
  return conflicts;
}

export function countSeed(data: SeedData): SeedCounts {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const entity of data.entities) byKind[entity.kind] += 1;
  const byRelationshipType: Partial<Record<RelationshipType, number>> = {};
  for (const rel of data.relationships) {
    byRelationshipType[rel.type] = (byRelationshipType[rel.type] ?? 0) + 1;
  }
  return {
    entities: data.entities.length,
    relationships: data.relationships.length,
    claims: data.claims.length,
    conflicts: findConflicts(data.claims).length,
    byKind,
    byRelationshipType,
  };
}

type FileRole =
  | { role: "entity"; kind: Kind; schema: z.ZodType }
  | { role: "sources" }
  | { role: "claims" }
  | { role: "mentions" }
  | { role: "relationships" };

function fileRole(file: string): FileRole | undefined {
  const entityFile = ENTITY_FILES.find((f) => f.file === file);
  if (entityFile) return { role: "entity", kind: entityFile.kind, schema: entityFile.schema };
  if (file === SOURCES_FILE) return { role: "sources" };
  if (file === CLAIMS_FILE) return { role: "claims" };
  if (file === MENTIONS_FILE) return { role: "mentions" };
  if (RELATIONSHIP_FILE_PATTERN.test(file)) return { role: "relationships" };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a row is named in a problem: its id, the default id of a relationship, or its index. */
function rowLabel(row: unknown, index: number, role: FileRole["role"]): string {
  if (isRecord(row)) {
    if (typeof row.id === "string" && row.id !== "") return row.id;
    if (
      role === "relationships" &&
      typeof row.from === "string" &&
      typeof row.type === "string" &&
      typeof row.to === "string"
    ) {
      return defaultRelationshipId({
        from: row.from,
        type: row.type,
        to: row.to,
        properties: isRecord(row.properties) ? row.properties : undefined,
      });
    }
  }
  return `#${index}`;
}

/** One row of a known file with where it came from, after parsing. */
interface Located<T> {
  file: string;
  index: number;
  row: T;
}

interface CitationSite {
  file: string;
  id: string;
  field: string;
  citation: string;
}

const RELATIONSHIP_TYPE_NAMES = Object.keys(RELATIONSHIP_TYPES) as RelationshipType[];

export function validateSeed(files: Record<string, unknown>): SeedValidation {
  const fileNames = Object.keys(files)
    .filter((f) => f !== README_FILE)
    .sort();
  const known = fileNames
    .map((file) => ({ file, role: fileRole(file) }))
    .filter((f): f is { file: string; role: FileRole } => f.role !== undefined);
  const unknownFiles = fileNames.filter((f) => fileRole(f) === undefined);

  // unknown-relationship-type: reported on its own so a typo in `type` is not buried in zod output.
  {
    const problems: SeedProblem[] = [];
    for (const { file, role } of known) {
      const rows = files[file];
      if (role.role !== "relationships" || !Array.isArray(rows)) continue;
      rows.forEach((row, index) => {
        if (!isRecord(row) || typeof row.type !== "string") return;
        if (!(RELATIONSHIP_TYPE_NAMES as string[]).includes(row.type)) {
          problems.push({
            class: "unknown-relationship-type",
            file,
            id: rowLabel(row, index, "relationships"),
            field: "type",
            message: `row ${index}: unknown relationship type "${row.type}"; known types are ${RELATIONSHIP_TYPE_NAMES.join(", ")} (see RELATIONSHIPS in src/model/relationships.ts)`,
          });
        }
      });
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  // schema
  const entities: Located<SeedEntity>[] = [];
  const relationships: Located<NormalisedRelationship>[] = [];
  const claims: Located<SeedClaim>[] = [];
  const sources: Located<SeedSource>[] = [];
  const mentions: Located<SeedMention>[] = [];
  {
    const problems: SeedProblem[] = [];
    if (!(SOURCES_FILE in files)) {
      problems.push({
        class: "schema",
        file: SOURCES_FILE,
        message: "file is missing; citations cannot be checked without the list of source documents",
      });
    }
    for (const { file, role } of known) {
      const rows = files[file];
      if (!Array.isArray(rows)) {
        problems.push({ class: "schema", file, message: "the file must hold a JSON array" });
        continue;
      }
      const schema =
        role.role === "entity"
          ? role.schema
          : role.role === "sources"
            ? sourceSchema
            : role.role === "claims"
              ? claimSchema
              : role.role === "mentions"
                ? mentionSchema
                : relationshipSchema;
      rows.forEach((row, index) => {
        const parsed = schema.safeParse(row);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const field = issue.path.map(String).join(".");
            problems.push({
              class: "schema",
              file,
              id: rowLabel(row, index, role.role),
              ...(field ? { field } : {}),
              message: `row ${index}: ${issue.message}`,
            });
          }
          return;
        }
        switch (role.role) {
          case "entity":
            entities.push({
              file,
              index,
              row: { kind: role.kind, ...(parsed.data as object) } as SeedEntity,
            });
            break;
          case "sources":
            sources.push({ file, index, row: parsed.data as SeedSource });
            break;
          case "claims":
            claims.push({ file, index, row: parsed.data as SeedClaim });
            break;
          case "mentions":
            mentions.push({ file, index, row: parsed.data as SeedMention });
            break;
          case "relationships": {
            const rel = parsed.data as SeedRelationship;
            relationships.push({
              file,
              index,
              row: { ...rel, id: rel.id ?? defaultRelationshipId(rel) },
            });
            break;
          }
        }
      });
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  // duplicate-id: entities and relationships share one namespace; sources and claims have their own.
  {
    const problems: SeedProblem[] = [];
    const namespaces: Located<{ id: string }>[][] = [[...entities, ...relationships], sources, claims];
    for (const items of namespaces) {
      const byId = new Map<string, Located<{ id: string }>[]>();
      for (const item of items) {
        const list = byId.get(item.row.id);
        if (list) list.push(item);
        else byId.set(item.row.id, [item]);
      }
      for (const [id, list] of byId) {
        if (list.length < 2) continue;
        const where = list.map((l) => `${l.file} row ${l.index}`).join(", ");
        for (const item of list) {
          problems.push({
            class: "duplicate-id",
            file: item.file,
            id,
            field: "id",
            message: `row ${item.index}: id "${id}" is used ${list.length} times (${where})`,
          });
        }
      }
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  // Every citation with the place it occurs, for the two citation checks.
  const sites: CitationSite[] = [];
  const addSites = (file: string, id: string, field: string, list: readonly string[] | undefined) => {
    list?.forEach((citation, i) => sites.push({ file, id, field: `${field}.${i}`, citation }));
  };
  for (const { file, row } of entities) {
    addSites(file, row.id, "sources", row.sources);
    row.aliases.forEach((a, i) => addSites(file, row.id, `aliases.${i}.sources`, a.sources));
  }
  for (const { file, row } of relationships) addSites(file, row.id, "sources", row.sources);
  for (const { file, row } of claims) addSites(file, row.id, "sources", row.sources);
  const sourceById = new Map(sources.map((s) => [s.row.id, s.row]));

  // unknown-source
  {
    const problems: SeedProblem[] = [];
    for (const site of sites) {
      const doc = CITATION_PATTERN.exec(site.citation)![1];
      if (!sourceById.has(doc)) {
        problems.push({
          class: "unknown-source",
          file: site.file,
          id: site.id,
          field: site.field,
          message: `"${site.citation}" cites document ${doc}, which is not in ${SOURCES_FILE}`,
        });
      }
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  // line-range
  {
    const problems: SeedProblem[] = [];
    for (const site of sites) {
      const [, doc, firstText, lastText] = CITATION_PATTERN.exec(site.citation)!;
      const first = Number(firstText);
      const last = Number(lastText);
      const lineCount = sourceById.get(doc)!.lineCount;
      let reason: string | undefined;
      if (firstText === undefined) {
        if (lineCount !== undefined) reason = `cite lines of document ${doc}, e.g. "${doc}:1-${lineCount}"`;
      } else if (lineCount === undefined) reason = `source ${doc} has no line numbers; cite it as "${doc}"`;
      else if (first < 1) reason = "lines are numbered from 1";
      else if (first > last) reason = "the first line is after the last";
      else if (last > lineCount) reason = `document ${doc} has only ${lineCount} lines`;
      if (reason) {
        problems.push({
          class: "line-range",
          file: site.file,
          id: site.id,
          field: site.field,
          message: `"${site.citation}": ${reason}`,
        });
      }
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  const entityIds = new Set(entities.map((e) => e.row.id));

  // unknown-reference
  {
    const problems: SeedProblem[] = [];
    for (const { file, index, row } of relationships) {
      for (const end of ["from", "to"] as const) {
        if (!entityIds.has(row[end])) {
          problems.push({
            class: "unknown-reference",
            file,
            id: row.id,
            field: end,
            message: `row ${index}: ${row.type} ${end} "${row[end]}", which is no entity's id`,
          });
        }
      }
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  // unknown-claim-subject
  {
    const problems: SeedProblem[] = claims
      .filter(({ row }) => !entityIds.has(row.subject))
      .map(({ file, index, row }) => ({
        class: "unknown-claim-subject" as const,
        file,
        id: row.id,
        field: "subject",
        message: `row ${index}: subject "${row.subject}" is no entity's id`,
      }));
    if (problems.length > 0) return { ok: false, problems };
  }

  // mention: of a known source, within its lines, of a known entity, one row per pair.
  {
    const problems: SeedProblem[] = [];
    const seen = new Set<string>();
    for (const { file, index, row } of mentions) {
      const id = `${row.source}>${row.entity}`;
      const source = sourceById.get(row.source);
      const fail = (field: string, message: string) =>
        problems.push({ class: "mention", file, id, field, message: `row ${index}: ${message}` });
      if (!source) fail("source", `source ${row.source} is not in ${SOURCES_FILE}`);
      else if (source.lineCount !== undefined && row.lines.at(-1)! > source.lineCount)
        fail("lines", `document ${row.source} has only ${source.lineCount} lines`);
      if (!entityIds.has(row.entity)) fail("entity", `"${row.entity}" is no entity's id`);
      if (seen.has(id)) fail("entity", `a second row for source ${row.source} and entity ${row.entity}`);
      seen.add(id);
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  // alias-collision: names, aliases and acronyms are all lookup keys and must point to one entity.
  {
    const problems: SeedProblem[] = [];
    const owners = new Map<string, Set<string>>();
    const uses: { key: string; file: string; id: string; field: string; text: string }[] = [];
    for (const { file, row } of entities) {
      const labels: { field: string; text: string }[] = [{ field: "name", text: row.name }];
      if ("acronym" in row && row.acronym) labels.push({ field: "acronym", text: row.acronym });
      row.aliases.forEach((a, i) => labels.push({ field: `aliases.${i}.name`, text: a.name }));
      for (const label of labels) {
        const key = nameKey(label.text);
        uses.push({ key, file, id: row.id, ...label });
        const set = owners.get(key);
        if (set) set.add(row.id);
        else owners.set(key, new Set([row.id]));
      }
    }
    for (const use of uses) {
      const set = owners.get(use.key)!;
      if (set.size < 2) continue;
      const others = [...set].filter((id) => id !== use.id);
      problems.push({
        class: "alias-collision",
        file: use.file,
        id: use.id,
        field: use.field,
        message: `"${use.text}" also names ${others.join(", ")}`,
      });
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  // state-code
  {
    const problems: SeedProblem[] = [];
    for (const { file, row } of entities) {
      if (row.kind !== "State") continue;
      const labels = [
        { field: "name", text: row.name },
        ...row.aliases.map((a, i) => ({ field: `aliases.${i}.name`, text: a.name })),
      ];
      const resolved = labels.map((l) => ({ ...l, code: countries.getAlpha2Code(l.text, "en") }));
      if (!resolved.some((r) => r.code === row.id)) {
        problems.push({
          class: "state-code",
          file,
          id: row.id,
          field: "name",
          message: `neither the name nor any alias resolves to ${row.id} in i18n-iso-countries (add the package's English name as an alias)`,
        });
      }
      for (const r of resolved) {
        if (r.code !== undefined && r.code !== row.id) {
          problems.push({
            class: "state-code",
            file,
            id: row.id,
            field: r.field,
            message: `"${r.text}" resolves to ${r.code}, not ${row.id}`,
          });
        }
      }
    }
    if (problems.length > 0) return { ok: false, problems };
  }

  // unknown-file
  if (unknownFiles.length > 0) {
    return {
      ok: false,
      problems: unknownFiles.map((file) => ({
        class: "unknown-file" as const,
        file,
        message: `not a seed file: expected ${ENTITY_FILES.map((f) => f.file).join(", ")}, ${SOURCES_FILE}, ${CLAIMS_FILE}, ${MENTIONS_FILE}, relationships*.json or ${README_FILE}`,
      })),
    };
  }

  const data: SeedData = {
    sources: sources.map((s) => s.row),
    entities: entities.map((e) => e.row),
    relationships: relationships.map((r) => r.row),
    claims: claims.map((c) => c.row),
    mentions: mentions.map((m) => m.row),
    placement: Object.fromEntries(
      [...entities, ...relationships, ...claims].map(({ file, index, row }) => [placementKey(row), { file, index }]),
    ),
  };
  return { ok: true, data, counts: countSeed(data) };
}
