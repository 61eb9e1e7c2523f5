import type { SeedMention } from "../model/contract";
import type { SeedEntity } from "../model/kinds";
import { type AmbiguousName, MentionDictionary, type NamedEntity, type UnknownName, findMentions } from "../model/mentions";

/** The names an entity answers to: its name, acronym and aliases. */
export function namesOf(entity: SeedEntity): string[] {
  const acronym = "acronym" in entity && entity.acronym ? [entity.acronym] : [];
  return [...new Set([entity.name, ...acronym, ...entity.aliases.map((a) => a.name)])];
}

export function seedDictionary(entities: readonly SeedEntity[]): MentionDictionary {
  return new MentionDictionary(entities.map((e): NamedEntity => ({ id: e.id, names: namesOf(e) })));
}

export interface SourceMentions {
  source: string;
  mentions: SeedMention[];
  ambiguous: AmbiguousName[];
  unknown: UnknownName[];
}

/**
 * The mentions of the seed's entities in each document whose text is at hand, in the form of
 * `seed/mentions.json` (source, entity, lines), by source then entity id.
 */
export function seedMentions(
  entities: readonly SeedEntity[],
  texts: ReadonlyMap<string, readonly string[]>,
): SourceMentions[] {
  const dictionary = seedDictionary(entities);
  return [...texts.keys()].sort().map((source) => {
    const report = findMentions(texts.get(source)!, dictionary);
    return {
      source,
      mentions: report.mentions.map(({ entity, lines }) => ({ source, entity, lines })),
      ambiguous: report.ambiguous,
      unknown: report.unknown,
    };
  });
}

/** mentions.json as it is committed: one row per line, so that a change reads as a line diff. */
export function formatMentions(rows: readonly SeedMention[]): string {
  if (rows.length === 0) return "[]\n";
  const lines = rows.map(
    (row) => `  { "source": ${JSON.stringify(row.source)}, "entity": ${JSON.stringify(row.entity)}, "lines": [${row.lines.join(", ")}] }`,
  );
  return `[\n${lines.join(",\n")}\n]\n`;
}
