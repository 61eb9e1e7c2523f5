import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { README_FILE } from "./validate";

/**
 * The fingerprint of a data set: a SHA-256 of the names and contents of the files the
 * importer reads (every file of the folder but README.md and dotfiles, in name order).
 * Recorded in the graph at import, it tells at start-up whether seed/ has changed since.
 */
export function seedFingerprint(dir: string): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    if (name === README_FILE || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    hash.update(name).update("\u0000").update(readFileSync(path)).update("\u0000");
  }
  return `sha256:${hash.digest("hex")}`;
}
