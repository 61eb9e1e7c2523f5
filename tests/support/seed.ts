import path from "node:path";
import { packageRoot } from "../../src/config";
import { ensureConstraints } from "../../src/db/constraints";
import type { Executor } from "../../src/db/executor";
import { SEED_DIR } from "../../src/runtime";
import { type ImportCounts, importSeed } from "../../src/seed/importer";
import { readSeed } from "../../src/seed/read-seed";
import { loadSourceTexts } from "../../src/seed/source-texts";
import { openTestDatabase } from "./database";

/** The source documents' text, as the tests load it (SOURCES_DIR, by default ../shared/sources). */
export const TEST_SOURCES_DIR = path.resolve(packageRoot(), process.env.SOURCES_DIR ?? "../shared/sources");

/** Resets the database behind `executor` to exactly the data set in seed/, with the documents' text. */
export async function seedDatabase(executor: Executor): Promise<ImportCounts> {
  await ensureConstraints(executor);
  const counts = await importSeed(executor, readSeed(SEED_DIR()), { reset: true, log: () => undefined });
  const { problems } = await loadSourceTexts(executor, TEST_SOURCES_DIR);
  if (problems.length > 0)
    throw new Error(`The tests need the source documents' text: ${problems.join("; ")}`);
  return counts;
}

/** Resets the test database to exactly the data set in seed/. */
export async function seedTestDatabase(): Promise<ImportCounts> {
  const db = openTestDatabase();
  try {
    return await seedDatabase(db.executor);
  } finally {
    await db.close();
  }
}
