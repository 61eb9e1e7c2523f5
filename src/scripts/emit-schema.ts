import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../config";
import { emittedSdl } from "../schema";

/** `npm run schema`: writes schema/schema.graphql from the type-graphql classes. */
async function main(): Promise<void> {
  const target = path.join(packageRoot(), "schema", "schema.graphql");
  const sdl = await emittedSdl();
  const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  fs.writeFileSync(target, sdl);
  process.stdout.write(before === sdl ? `${target} is up to date\n` : `wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Could not emit the schema: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
