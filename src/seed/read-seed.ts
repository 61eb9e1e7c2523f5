import { loadSeedFiles } from "./load-files";
import { type SeedData, type SeedProblem, validateSeed } from "./validate";

export class SeedInvalidError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `seed/ is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}; run npm run seed:check):\n` +
        problems
          .slice(0, 20)
          .map((p) => `  ${[p.file, p.id, p.field, p.message].filter(Boolean).join(": ")}`)
          .join("\n"),
    );
    this.name = "SeedInvalidError";
  }
}

/** Reads and validates a seed folder; throws SeedLoadError or SeedInvalidError. */
export function readSeed(dir: string): SeedData {
  const result = validateSeed(loadSeedFiles(dir));
  if (!result.ok) throw new SeedInvalidError(result.problems);
  return result.data;
}
