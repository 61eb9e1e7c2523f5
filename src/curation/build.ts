import countries from "i18n-iso-countries";
import type { z } from "zod";
import type { RelationshipRow } from "../repository/curation.repository";
import { claimSchema } from "../model/contract";
import { ENTITY_FILES, type Kind, type SeedEntity } from "../model/kinds";
import { defaultRelationshipId, relationshipSchema } from "../model/relationships";
import { CurationError } from "../model/errors";

type Row = Record<string, unknown>;

/** The entity fields a change may set; null clears a field. */
export interface EntityFields {
  name?: string | null;
  type?: string | null;
  description?: string | null;
  acronym?: string | null;
  ordinal?: number | null;
  number?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  date?: string | null;
  aliases?: { name: string; inferred: boolean }[] | null;
}

const FIELD_NAMES = [
  "name",
  "type",
  "description",
  "acronym",
  "ordinal",
  "number",
  "startDate",
  "endDate",
  "date",
  "aliases",
] as const;

/** Parses with a seed schema; the first problem becomes a CurationError naming the field. */
function check<T>(schema: z.ZodType<T>, row: unknown, prefix: string): T {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
  throw new CurationError(field, issue.message);
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

function schemaOf(kind: string) {
  const entry = ENTITY_FILES.find((f) => f.kind === kind);
  if (!entry)
    throw new CurationError(
      "input.kind",
      `${kind} entities cannot be created here; sources are added through newSources`,
    );
  return entry.schema;
}

/** Sets the given fields on a row: a value sets, null clears, absent leaves as it is. */
function apply(kind: string, row: Row, fields: EntityFields): Row {
  const allowed = Object.keys(schemaOf(kind).shape);
  const out = { ...row };
  for (const name of FIELD_NAMES) {
    const value = fields[name];
    if (value === undefined) continue;
    if (!allowed.includes(name)) {
      if (value === null) continue;
      throw new CurationError(
        `input.${name}`,
        `${kind} has no ${name}; its fields are ${allowed.join(", ")}`,
      );
    }
    if (value === null) delete out[name];
    else
      out[name] =
        name === "aliases"
          ? (value as { name: string; inferred: boolean }[]).map((a) => (a.inferred ? a : { name: a.name }))
          : value;
  }
  return out;
}

export function buildEntity(
  kind: string,
  requestedId: string | null | undefined,
  fields: EntityFields,
  sources: string[],
): SeedEntity {
  const schema = schemaOf(kind);
  if (!fields.name) throw new CurationError("input.name", "a name is required");
  let id = requestedId ?? null;
  if (kind === "State") {
    if (!id || !countries.isValid(id) || id !== id.toUpperCase() || id.length !== 2) {
      throw new CurationError("input.id", "a state's id is its ISO 3166-1 alpha-2 code, e.g. FJ");
    }
  } else {
    id ??= slugify(fields.name);
    if (id === "")
      throw new CurationError("input.id", "give an id: the name has no letters or digits to derive one from");
  }
  const row = apply(kind, { id, aliases: [] }, fields);
  row.sources = sources;
  return { kind: kind as Kind, ...(check(schema, row, "input") as object) } as SeedEntity;
}

export function changeEntity(
  kind: string,
  current: Row,
  fields: EntityFields,
  sources: string[],
): SeedEntity {
  const row = apply(kind, current, fields);
  row.sources = [...new Set([...(current.sources as string[]), ...sources])];
  return { kind: kind as Kind, ...(check(schemaOf(kind), row, "input") as object) } as SeedEntity;
}

function properties(value: Record<string, unknown> | null | undefined): RelationshipRow["properties"] {
  const props = value ?? {};
  for (const [key, v] of Object.entries(props)) {
    if (!/^[a-z][a-zA-Z0-9]{0,39}$/.test(key)) {
      throw new CurationError(
        `input.properties.${key}`,
        "property names are camelCase letters and digits, 40 at most",
      );
    }
    if (!["string", "number", "boolean"].includes(typeof v)) {
      throw new CurationError(
        `input.properties.${key}`,
        "a property value is a string, a number or a boolean",
      );
    }
  }
  return props as RelationshipRow["properties"];
}

export function buildRelationship(
  input: {
    type: string;
    from: string;
    to: string;
    properties?: Record<string, unknown> | null;
    id?: string | null;
  },
  sources: string[],
): RelationshipRow {
  const props = properties(input.properties);
  const row = check(
    relationshipSchema,
    { type: input.type, from: input.from, to: input.to, properties: props, sources },
    "input",
  );
  return { ...row, id: input.id ?? defaultRelationshipId(row), properties: props };
}

export function changeRelationship(
  current: RelationshipRow,
  newProperties: Record<string, unknown> | null | undefined,
  sources: string[],
): RelationshipRow {
  return {
    ...current,
    properties:
      newProperties === undefined || newProperties === null ? current.properties : properties(newProperties),
    sources: [...new Set([...current.sources, ...sources])],
  };
}

export function buildClaim(
  input: {
    subject: string;
    property: string;
    value: unknown;
    qualifier?: string | null;
    unit?: string | null;
    note?: string | null;
    id?: string | null;
  },
  sources: string[],
  existing: number,
): Row & { id: string; subject: string } {
  const id =
    input.id ?? slugify(`${input.subject}-${input.property.replace(/([A-Z])/g, "-$1")}-${existing + 1}`);
  const row = check(
    claimSchema,
    Object.fromEntries(
      Object.entries({
        id,
        subject: input.subject,
        property: input.property,
        value: input.value,
        qualifier: input.qualifier,
        unit: input.unit,
        note: input.note,
        sources,
      }).filter(([, v]) => v !== null && v !== undefined),
    ),
    "input",
  );
  return row as Row & { id: string; subject: string };
}
