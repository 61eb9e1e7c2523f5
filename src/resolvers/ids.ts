import { badInput } from "./errors";

/** Ids are ISO 3166 alpha-2 codes, three-digit source ids, or lowercase slugs. */
export const ID_PATTERN = /^([A-Z]{2}|\d{3}|[a-z0-9]+(-[a-z0-9]+)*)$/;

export function checkId(id: string, argument = "id"): string {
  if (!ID_PATTERN.test(id)) {
    throw badInput(
      `\`${argument}\`: ${JSON.stringify(id.slice(0, 80))} is not an id. Ids are ISO 3166 alpha-2 codes for states ("NZ"), three digits for sources ("003"), or lowercase slugs ("ad-hoc-group"). Use \`entity(name:)\` or \`search\` to find one by name.`,
      argument,
    );
  }
  return id;
}
