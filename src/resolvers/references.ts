import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors/codes";
import type { EntityRef, ReferenceMatch } from "../model/records";
import type { FilterSpec, RelatedSpec } from "../repository/filters";
import type { Context } from "../request/context";
import { badInput } from "./errors";
import { ID_PATTERN } from "./ids";

/**
 * Where an argument names an entity (`paths(from:, to:)`, `neighbourhood(id:)`, the filters'
 * `ids` and `related { id }`), it takes an id, a name or an alias. An exact id wins; else a
 * name or alias equal up to case, accents and punctuation (the name keys of
 * src/model/names.ts, as `entity(name:)` matches before it tries spelling variants). A name
 * of several entities is refused with the candidates; what each caller does with a text that
 * names nothing is its own to say. Every text of a request is read in one statement (the
 * `references` loader).
 */

/** How many candidates a message lists; the `candidates` extension has them all. */
const CANDIDATES_IN_MESSAGE = 10;

/** A text that names several entities: BAD_USER_INPUT listing them, to choose one id from. */
export function ambiguousName(
  text: string,
  candidates: readonly EntityRef[],
  argument: string,
): GraphQLError {
  const listed = candidates
    .slice(0, CANDIDATES_IN_MESSAGE)
    .map((c) => `${c.id} (${c.kind}, ${JSON.stringify(c.name)})`)
    .join(", ");
  const more =
    candidates.length > CANDIDATES_IN_MESSAGE ? ` and ${candidates.length - CANDIDATES_IN_MESSAGE} more` : "";
  return new GraphQLError(
    `\`${argument}\`: ${JSON.stringify(text)} names ${candidates.length} entities: ${listed}${more}. Give the id of the one you mean.`,
    {
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        argument: argument.split(/[.[]/)[0],
        candidates: candidates.map(({ id, kind, name }) => ({ id, kind, name })),
      },
    },
  );
}

/** The id `text` stands for: its own when an entity has it, else the one entity so named; null for none. */
export function entityIdOf(text: string, match: ReferenceMatch, argument: string): string | null {
  if (match.byId) return match.byId.id;
  if (match.byName.length > 1) throw ambiguousName(text, match.byName, argument);
  return match.byName[0]?.id ?? null;
}

/** Whether a text could be an id (an unknown id answers as it always has). */
export const looksLikeId = (text: string) => ID_PATTERN.test(text);

/** What each text matches, read together in one batch of the request's `references` loader. */
async function matchesOf(context: Context, texts: readonly string[]): Promise<ReferenceMatch[]> {
  const found = await context.loaders.references.loadMany(texts);
  return found.map((match) => {
    if (match instanceof Error) throw match;
    return match;
  });
}

/**
 * The ids of the entities that these arguments name (read together). A text that names no
 * entity but could be an id is returned as it is, so that it answers as an unknown id has
 * always answered (no neighbourhood, no path); any other text that names nothing is
 * BAD_USER_INPUT.
 */
export async function entityArguments(
  context: Context,
  args: readonly { text: string; argument: string }[],
): Promise<string[]> {
  for (const { text, argument } of args) {
    if (text.trim() === "")
      throw badInput(`\`${argument}\` must not be empty: give an id, a name or an alias.`, argument);
  }
  const matches = await matchesOf(
    context,
    args.map((a) => a.text),
  );
  return args.map(({ text, argument }, i) => {
    const id = entityIdOf(text, matches[i]!, argument);
    if (id !== null) return id;
    if (looksLikeId(text)) return text;
    throw badInput(
      `\`${argument}\`: no entity has the id or the name ${JSON.stringify(text.slice(0, 80))}. Names and aliases match ignoring case, accents and punctuation; \`search(text:)\` also finds misspellings.`,
      argument,
    );
  });
}

type Slot = { text: string; path: string; set: (id: string) => void };

/**
 * A copy of the filter, and every place in it that names an entity (ids, or names and
 * aliases), at every level: each with its text, its path for messages, and a setter that
 * writes an id into the copy.
 */
function namedIn(filter: FilterSpec, argument: string): { copy: FilterSpec; slots: Slot[] } {
  const slots: Slot[] = [];
  const related = (specs: RelatedSpec[] | null | undefined, path: string) =>
    specs?.map((spec, i) => {
      const copy: RelatedSpec = { ...spec };
      if (spec.id !== null && spec.id !== undefined) {
        slots.push({ text: spec.id, path: `${path}[${i}].id`, set: (id) => (copy.id = id) });
      }
      // The entity at the other end may be named inside a nested condition too.
      if (spec.where) copy.where = copyOf(spec.where, `${path}[${i}].where`);
      return copy;
    });
  const copyOf = (spec: FilterSpec, path: string): FilterSpec => {
    const copy: FilterSpec = { ...spec };
    if (spec.ids) {
      const ids = [...spec.ids];
      ids.forEach((text, i) => slots.push({ text, path: `${path}.ids[${i}]`, set: (id) => (ids[i] = id) }));
      copy.ids = ids;
    }
    if (spec.related) copy.related = related(spec.related, `${path}.related`);
    if (spec.notRelated) copy.notRelated = related(spec.notRelated, `${path}.notRelated`);
    if (spec.AND) copy.AND = spec.AND.map((f, i) => copyOf(f, `${path}.AND[${i}]`));
    if (spec.OR) copy.OR = spec.OR.map((f, i) => copyOf(f, `${path}.OR[${i}]`));
    if (spec.NOT) copy.NOT = copyOf(spec.NOT, `${path}.NOT`);
    return copy;
  };
  return { copy: copyOf(filter, argument), slots };
}

/** The texts a filter names entities with (ids, or names and aliases), at every level. */
export function filterTexts(filter: FilterSpec | null | undefined): string[] {
  return filter ? namedIn(filter, "filter").slots.map((slot) => slot.text) : [];
}

/** The filter with every entity it names by name or alias named by id instead (one read for all). */
export async function filterWithIds(
  context: Context,
  filter: FilterSpec | null | undefined,
  argument = "filter",
): Promise<FilterSpec | null | undefined> {
  if (!filter) return filter;
  const { copy: resolved, slots } = namedIn(filter, argument);
  if (slots.length === 0) return resolved;
  const matches = await matchesOf(
    context,
    slots.map((s) => s.text),
  );
  // A text that names nothing stays as it is: like an unknown id, it matches no entity.
  slots.forEach((slot, i) => slot.set(entityIdOf(slot.text, matches[i]!, slot.path) ?? slot.text));
  return resolved;
}
