import { MENTIONS } from "../model/mentions";
import fs from "node:fs";
import path from "node:path";
import type { Executor } from "../db/executor";
import { CLAIMS_FILE, MENTIONS_FILE, RELATIONSHIP_FILE_PATTERN, SOURCES_FILE, type SeedMention, claimSchema, mentionSchema, sourceSchema } from "../model/contract";
import { formatMentions } from "./mentions";
import { ENTITY_FILES } from "../model/kinds";
import { relationshipSchema, defaultRelationshipId } from "../model/relationships";
import { defined, entityRowFromNode, parseRow, publicProperties } from "../model/properties";

/** Where relationships added through the API go, until a curator moves them. */
export const CURATED_RELATIONSHIPS_FILE = "relationships-curated.json";

type Row = Record<string, unknown>;
interface Placed {
  file: string;
  index: number;
  id: string;
  row: Row;
}


const placed = (props: Row, fallbackFile: string, id: string, row: Row): Placed => ({
  file: typeof props._seedFile === "string" ? props._seedFile : fallbackFile,
  index: typeof props._seedIndex === "number" ? props._seedIndex : Number.MAX_SAFE_INTEGER,
  id,
  row,
});

/**
 * The graph as seed files: every row back in the file and position it was loaded from
 * (rows added through the API at the end of their file), validated against the seed
 * contract, in its canonical form (fields in contract order, default ids and empty
 * properties left out).
 */
export async function exportSeed(executor: Executor): Promise<Record<string, Row[]>> {
  const out: Placed[] = [];

  for (const { s } of (await executor.read("MATCH (s:Source) RETURN s { .* } AS s")) as { s: Row }[]) {
    const row = parseRow(
      sourceSchema,
      defined({
        id: s.id,
        file: s.file,
        title: s.title,
        kind: s.documentKind,
        description: s.description,
        lineCount: s.lineCount,
        reference: s.reference,
      }),
      `source ${String(s.id)}`,
    );
    out.push({ file: SOURCES_FILE, index: Number(s.id), id: String(s.id), row });
  }

  for (const { file, kind } of ENTITY_FILES) {
    const rows = (await executor.read(`MATCH (n:Entity {kind: $kind}) RETURN n { .* } AS n`, { kind })) as { n: Row }[];
    for (const { n } of rows) out.push(placed(n, file, String(n.id), entityRowFromNode(kind, n)));
  }

  const relationships = (await executor.read(
    `MATCH (a:Entity)-[r:!${MENTIONS}]->(b:Entity) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`,
  )) as { type: string; from: string; to: string; props: Row }[];
  for (const { type, from, to, props } of relationships) {
    const { properties: unordered, sources } = publicProperties(props);
    // Neo4j keeps no property order; alphabetical order keeps exports stable.
    const properties = Object.fromEntries(Object.entries(unordered).sort(([a], [b]) => a.localeCompare(b)));
    const id = String(props.id);
    const row = parseRow(relationshipSchema, { id, type, from, to, properties, sources }, `relationship ${id}`);
    if (row.id === defaultRelationshipId({ from, type, to, properties })) delete row.id;
    if (Object.keys(row.properties as Row).length === 0) delete row.properties;
    out.push(placed(props, CURATED_RELATIONSHIPS_FILE, id, row));
  }

  const claims = (await executor.read(
    `MATCH (c:Claim)-[:CLAIM_ABOUT]->(s:Entity) RETURN c { .* } AS c, s.id AS subject`,
  )) as { c: Row; subject: string }[];
  for (const { c, subject } of claims) {
    const row = parseRow(
      claimSchema,
      defined({ id: c.id, subject, property: c.property, value: c.value, qualifier: c.qualifier, unit: c.unit, note: c.note, sources: c.sources }),
      `claim ${String(c.id)}`,
    );
    out.push(placed(c, CLAIMS_FILE, String(c.id), row));
  }

  const mentions = await executor.read(
    `MATCH (s:Source)-[m:${MENTIONS}]->(e:Entity) RETURN s.id AS source, e.id AS entity, m.lines AS lines ORDER BY source, entity`,
  );
  mentions.forEach((row, index) =>
    out.push({ file: MENTIONS_FILE, index, id: `${String(row.source)}>${String(row.entity)}`, row: parseRow(mentionSchema, row, "mention") }),
  );

  // Every file of the contract is written, even when empty, so deletions reach seed/.
  const files: Record<string, Row[]> = Object.fromEntries(
    [SOURCES_FILE, CLAIMS_FILE, MENTIONS_FILE, ...ENTITY_FILES.map((f) => f.file)].map((f) => [f, []]),
  );
  out.sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index || a.id.localeCompare(b.id));
  for (const p of out) (files[p.file] ??= []).push(p.row);
  return files;
}

/** Writes the files as the data set keeps them: 2-space JSON with a final newline. */
export function writeSeedFiles(dir: string, files: Record<string, Row[]>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  // A relationships file whose rows were all deleted is emptied rather than left stale.
  for (const name of fs.readdirSync(dir)) {
    if (RELATIONSHIP_FILE_PATTERN.test(name) && !(name in files)) files[name] = [];
  }
  for (const [file, rows] of Object.entries(files)) {
    const text = file === MENTIONS_FILE ? formatMentions(rows as SeedMention[]) : JSON.stringify(rows, null, 2) + "\n";
    fs.writeFileSync(path.join(dir, file), text);
  }
  return Object.keys(files).sort();
}
