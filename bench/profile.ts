import type { Driver, ProfiledPlan } from "neo4j-driver";
import { toPlain } from "../src/db/values";
import type { CapturedStatement } from "./capture";

export interface StatementProfile {
  dbHits: number;
  rows: number;
  /** Size of the rows as JSON: how much the server had to receive, decode and convert. */
  bytes: number;
  /** The operators of the plan, root first, for reading a plan without Neo4j at hand. */
  operators: string[];
}

function walk(plan: ProfiledPlan, visit: (p: ProfiledPlan, depth: number) => void, depth = 0): void {
  visit(plan, depth);
  for (const child of plan.children) walk(child, visit, depth + 1);
}

/** PROFILE a statement as it was sent (after any `CYPHER` prefix line) and sum its db hits. */
export async function profileStatement(
  driver: Driver,
  statement: CapturedStatement,
): Promise<StatementProfile> {
  const prefix = /^(CYPHER[^\n]*\n)?/.exec(statement.cypher)![0];
  const cypher = `${prefix}PROFILE ${statement.cypher.slice(prefix.length)}`;
  const session = driver.session({ database: "neo4j", defaultAccessMode: "READ" });
  try {
    const result = await session.run(cypher, statement.params);
    const plan = result.summary.profile;
    if (!plan) throw new Error("Neo4j returned no profile");
    let dbHits = 0;
    const operators: string[] = [];
    walk(plan, (p, depth) => {
      dbHits += p.dbHits;
      operators.push(`${"  ".repeat(depth)}${p.operatorType} (${p.dbHits} db hits, ${p.rows} rows)`);
    });
    const bytes = Buffer.byteLength(JSON.stringify(result.records.map((r) => toPlain(r.toObject()))));
    return { dbHits, rows: result.records.length, bytes, operators };
  } finally {
    await session.close();
  }
}

/** Db hits, rows and bytes of every statement one request sent, summed. */
export async function profileRequest(driver: Driver, statements: CapturedStatement[]) {
  const profiles: StatementProfile[] = [];
  for (const statement of statements) profiles.push(await profileStatement(driver, statement));
  const sum = (key: "dbHits" | "rows" | "bytes") => profiles.reduce((a, p) => a + p[key], 0);
  return { dbHits: sum("dbHits"), rows: sum("rows"), bytes: sum("bytes"), statements: profiles };
}
