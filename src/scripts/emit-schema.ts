import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { clientCacheFiles } from "../client-cache";
import { packageRoot } from "../config";
import { buildGraphQLSchema, sdlOf } from "../schema";
import { subgraphOf, subgraphSdlFileOf } from "../subgraph";

/**
 * `npm run schema`: writes schema/schema.graphql from the type-graphql classes, and beside it
 * the same schema as a federation subgraph (subgraph.graphql) and the files client caches are
 * set up from (possible-types.json, cache-policies.json).
 */
async function main(): Promise<void> {
  const schema = await buildGraphQLSchema();
  const files: Record<string, string> = {
    "schema.graphql": sdlOf(schema),
    "subgraph.graphql": subgraphSdlFileOf(subgraphOf(schema)),
    ...clientCacheFiles(schema),
  };
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(packageRoot(), "schema", name);
    const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    fs.writeFileSync(target, text);
    process.stdout.write(before === text ? `${target} is up to date\n` : `wrote ${target}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Could not emit the schema: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
