import type { z } from "zod";
import { type SeedSource } from "./contract";
import { ENTITY_FILES, type Kind, type SeedEntity } from "./kinds";
import { firstDay, lastDay, precisionOf } from "./dates";
import { nameKey } from "./names";

/**
 * How the model's rows are stored as node and relationship properties, and read back: the
 * seed importer, the curation writes and the export all go through these.
 */

type Row = Record<string, unknown>;
export type Props = Record<string, string | number | boolean | string[] | null>;

/** The row without its null and undefined fields. */
export const defined = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined));

const yearOf = (date: unknown): number | null =>
  typeof date === "string" && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null;

/** The node properties of an entity: its fields, plus what search and filters need. */
export function entityProperties(entity: SeedEntity): Props {
  const { aliases, sources, kind, ...fields } = entity;
  const acronym = "acronym" in entity && entity.acronym ? [entity.acronym] : [];
  const names = [...new Set([entity.name, ...acronym, ...aliases.map((a) => a.name)])];
  const props: Props = {
    ...(fields as Props),
    kind,
    sources,
    aliases: aliases.map((a) => a.name),
    aliasData: JSON.stringify(aliases),
    searchKeys: [...new Set(names.map(nameKey))],
    searchText: names.slice(1).join(" | "),
    description: entity.description ?? null,
  };
  const start = (fields as Props).startDate ?? (fields as Props).date;
  const year = yearOf(start);
  if (year !== null) props.year = year;
  if (typeof start === "string") {
    // What date filters compare: the first and last day the (partial) dates may be.
    const end = (fields as Props).endDate;
    props.datePrecision = precisionOf(start);
    props.dateFirstDay = firstDay(start);
    props.dateLastDay = lastDay(typeof end === "string" ? end : start);
  }
  return props;
}

export function sourceProperties(source: SeedSource): Props {
  const alias = source.file ?? source.reference;
  return {
    id: source.id,
    kind: "Source",
    name: source.title,
    title: source.title,
    file: source.file ?? null,
    reference: source.reference ?? null,
    documentKind: source.kind,
    description: source.description,
    lineCount: source.lineCount ?? null,
    sources: [source.lineCount === undefined ? source.id : `${source.id}:1-${source.lineCount}`],
    aliases: alias ? [alias] : [],
    aliasData: JSON.stringify(alias ? [{ name: alias, inferred: true }] : []),
    searchKeys: [nameKey(source.title), ...(alias ? [nameKey(alias)] : [])],
    searchText: alias ?? "",
  };
}

/** The row parsed by `schema`, or an error that names `what` and the first problem. */
export function parseRow(schema: z.ZodType, row: Row, what: string): Row {
  const result = schema.safeParse(row);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${what} cannot be written as seed data: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return result.data as Row;
}

/** An entity node's properties as the seed row of its kind (the inverse of entityProperties). */
export function entityRowFromNode(kind: Kind, n: Row): Row {
  const { schema } = ENTITY_FILES.find((f) => f.kind === kind)!;
  const fields = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, n[key]]));
  const aliases = JSON.parse(String(n.aliasData ?? "[]")) as unknown[];
  return parseRow(schema, defined({ ...fields, aliases, sources: n.sources }), `${kind} ${String(n.id)}`);
}

/** Relationship properties as the API shows them: without id, sources and internal ("_") keys. */
export function publicProperties(all: Record<string, unknown>): {
  properties: Record<string, unknown>;
  sources: string[];
} {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (key !== "id" && key !== "sources" && !key.startsWith("_")) properties[key] = value;
  }
  return { properties, sources: (all.sources as string[] | null | undefined) ?? [] };
}
