import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../config";
import { readSeed } from "../seed/read-seed";
import { renderReadme } from "./readme-sections";

/** `npm run docs`: regenerates the configuration table and the graph model in README.md. */
function main(): void {
  const readmePath = path.join(packageRoot(), "README.md");
  const before = fs.readFileSync(readmePath, "utf8");
  const after = renderReadme(before, readSeed(path.join(packageRoot(), "seed")));
  fs.writeFileSync(readmePath, after);
  process.stdout.write(before === after ? "README.md is up to date\n" : "README.md updated\n");
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
