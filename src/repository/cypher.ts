import { RELATIONSHIP_TYPES, KINDS } from "../seed/schema";

/**
 * Labels and relationship types cannot be Cypher parameters. They come only from the
 * closed sets of the data contract and are checked here before a statement uses them;
 * values always travel as parameters.
 */
export function relationshipTypeToken(type: string): string {
  if (!Object.prototype.hasOwnProperty.call(RELATIONSHIP_TYPES, type)) {
    throw new Error(`Unknown relationship type ${JSON.stringify(type)}`);
  }
  return type;
}

const LABELS = new Set<string>([...KINDS, "Source", "Entity"]);

export function labelToken(label: string): string {
  if (!LABELS.has(label)) throw new Error(`Unknown label ${JSON.stringify(label)}`);
  return label;
}
