import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { packageRoot } from "../config/package-root";
import { MANIFEST_PATH, buildOperationsManifest, manifestText } from "./operations-manifest";

/**
 * `npm run manifest [-- --documents 'clients/**\/*.graphql' …] [--output file]`: writes the
 * operations allowlist (Apollo's persisted query manifest) of the examples, the explorer
 * and the playground, plus the operations files named.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      documents: { type: "string", multiple: true, default: [] },
      output: { type: "string", default: MANIFEST_PATH },
    },
  });
  const manifest = await buildOperationsManifest({ documents: values.documents });
  const output = path.resolve(packageRoot(), values.output);
  fs.writeFileSync(output, manifestText(manifest));
  process.stdout.write(`${path.relative(process.cwd(), output)}: ${manifest.operations.length} operations\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run manifest: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
