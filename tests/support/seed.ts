import { ensureConstraints } from "../../src/db/constraints";
import { SEED_DIR } from "../../src/runtime";
import { type ImportCounts, importSeed } from "../../src/seed/importer";
import { readSeed } from "../../src/seed/read-seed";
import { openTestDatabase } from "./database";

/** Resets the test database to exactly the data set in seed/. */
export async function seedTestDatabase(): Promise<ImportCounts> {
  const db = openTestDatabase();
  try {
    await ensureConstraints(db.executor);
    return await importSeed(db.executor, readSeed(SEED_DIR()), { reset: true, log: () => undefined });
  } finally {
    await db.close();
  }
}
