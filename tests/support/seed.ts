import { ensureConstraints } from "../../src/db/constraints";
import type { Executor } from "../../src/db/executor";
import { SEED_DIR } from "../../src/runtime";
import { type ImportCounts, importSeed } from "../../src/seed/importer";
import { readSeed } from "../../src/seed/read-seed";
import { openTestDatabase } from "./database";

/** Resets the database behind `executor` to exactly the data set in seed/. */
export async function seedDatabase(executor: Executor): Promise<ImportCounts> {
  await ensureConstraints(executor);
  return importSeed(executor, readSeed(SEED_DIR()), { reset: true, log: () => undefined });
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
