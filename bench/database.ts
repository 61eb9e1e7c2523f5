import { promises as fs } from "node:fs";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { ensureConstraints } from "../src/db/constraints";
import { createDriver } from "../src/db/driver";
import { Executor } from "../src/db/executor";
import { type LocalNeo4j, findFreePort, startLocalNeo4j } from "../src/db/local-neo4j";
import { silentLogger } from "../src/log/logger";
import { labelToken, relationshipTypeToken } from "../src/repository/cypher";
import { entityProperties } from "../src/model/properties";
import { countRelationships, zeroCounts } from "../src/model/relationship-counts";
import { recountWhereMissing } from "../src/db/relationship-counts";
import { GENERATOR_VERSION, type GraphPicks, generateGraph } from "./generate";

/** Written into the data folder once a load has finished; a folder without it is rebuilt. */
const MARKER = "bench-graph.json";
const ENTITY_BATCH = 500;
const RELATIONSHIP_BATCH = 5000;

export interface GraphInfo {
  generatorVersion: number;
  scale: number;
  seed: number;
  entities: number;
  relationships: number;
  byKind: Record<string, number>;
  byType: Record<string, number>;
  picks: GraphPicks;
  loadSeconds: number;
}

export interface BenchDatabase {
  uri: string;
  driver: Driver;
  executor: Executor;
  /** The Neo4j the bench started; null when it was given one. */
  neo4j: LocalNeo4j | null;
  graph: GraphInfo;
  /** True when the data folder already held this graph. */
  reused: boolean;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  scale: number;
  seed: number;
  /** Start a Neo4j of its own over this folder (reused when it holds this graph) … */
  dataDir: string;
  pageCache: string;
  /** … or empty and load this running Neo4j instead (the smoke test's, which is reset for tests anyway). */
  uri?: string;
  log: (line: string) => void;
}

async function readMarker(dataDir: string): Promise<GraphInfo | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dataDir, MARKER), "utf8")) as GraphInfo;
  } catch {
    return undefined;
  }
}

function withoutUndefined(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

/**
 * Starts a Neo4j of its own on a free port over `dataDir`, holding the synthetic graph
 * of this scale and seed: the folder is reused when its marker says it holds exactly
 * that graph, and rebuilt from empty otherwise.
 */
export async function prepareDatabase(options: DatabaseOptions): Promise<BenchDatabase> {
  if (options.uri !== undefined) return useRunningDatabase(options.uri, options);
  const { log } = options;
  const existing = await readMarker(options.dataDir);
  const reusable =
    existing?.generatorVersion === GENERATOR_VERSION &&
    existing.scale === options.scale &&
    existing.seed === options.seed;
  if (!reusable) await fs.rm(options.dataDir, { recursive: true, force: true });

  log(`Starting Neo4j over ${options.dataDir}${reusable ? " (reusing its graph)" : ""}`);
  const neo4j = await startLocalNeo4j({
    port: await findFreePort(),
    dataDir: options.dataDir,
    startTimeoutMs: 300_000,
    pageCache: options.pageCache,
    log: (line) => {
      if (/Building|maven/.test(line)) log(line);
    },
  });
  const { driver, executor } = open(neo4j.uri);
  const stop = async () => {
    await driver.close().catch(() => undefined);
    await neo4j.stop();
  };
  try {
    await ensureConstraints(executor);
    let graph: GraphInfo;
    if (reusable) {
      const [row] = await executor.read("MATCH (n:Entity) RETURN count(n) AS n");
      if (row!.n !== existing.entities) {
        throw new Error(
          `${options.dataDir} should hold ${existing.entities} entities but holds ${String(row!.n)}: delete the folder and run again`,
        );
      }
      graph = existing;
      // A folder loaded before the counts were kept: count them now, once.
      const recounted = await recountWhereMissing(executor);
      if (recounted > 0) log(`Kept relationship counts written on ${recounted} entities`);
    } else {
      graph = await load(executor, options);
      await fs.writeFile(path.join(options.dataDir, MARKER), JSON.stringify(graph, null, 2) + "\n");
    }
    return { uri: neo4j.uri, driver, executor, neo4j, graph, reused: reusable, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function open(uri: string) {
  const driver = createDriver({ uri, username: "neo4j", password: "", maxRetryTimeMs: 30_000 });
  const executor = new Executor(driver, { database: "neo4j", txTimeoutMs: 600_000, logger: silentLogger });
  return { driver, executor };
}

async function useRunningDatabase(uri: string, options: DatabaseOptions): Promise<BenchDatabase> {
  const { driver, executor } = open(uri);
  try {
    await ensureConstraints(executor);
    await executor.write("MATCH (n) DETACH DELETE n");
    const graph = await load(executor, options);
    return { uri, driver, executor, neo4j: null, graph, reused: false, stop: () => driver.close() };
  } catch (error) {
    await driver.close();
    throw error;
  }
}

async function load(executor: Executor, options: DatabaseOptions): Promise<GraphInfo> {
  const { log } = options;
  const started = Date.now();
  log(`Generating ${options.scale} entities (seed ${options.seed})`);
  const graph = generateGraph(options.scale, options.seed);
  log(`Generated ${graph.entities.length} entities and ${graph.relationships.length} relationships`);

  const byKind: Record<string, number> = {};
  for (const entity of graph.entities) byKind[entity.kind] = (byKind[entity.kind] ?? 0) + 1;
  let done = 0;
  let reported = 0;
  // One statement text for every kind (a dynamic label), so Neo4j plans it once. Each node
  // carries its relationship counts, as the importer keeps them (counted here from the
  // generated relationships, all of which are written below or the load fails).
  const counts = countRelationships(graph.relationships);
  const rows = graph.entities.map((e) => ({
    label: labelToken(e.kind),
    props: { ...withoutUndefined(entityProperties(e)), ...(counts.get(e.id) ?? zeroCounts()) },
  }));
  for (let i = 0; i < rows.length; i += ENTITY_BATCH) {
    await executor.write("UNWIND $rows AS row CREATE (n:Entity:$(row.label)) SET n = row.props", {
      rows: rows.slice(i, i + ENTITY_BATCH),
    });
    done += Math.min(ENTITY_BATCH, rows.length - i);
    if (done - reported >= graph.entities.length / 10 || done === graph.entities.length) {
      log(`  entities ${done}/${graph.entities.length}`);
      reported = done;
    }
  }

  const byType: Record<string, number> = {};
  for (const r of graph.relationships) byType[r.type] = (byType[r.type] ?? 0) + 1;
  done = 0;
  reported = 0;
  const relationships = graph.relationships.map((r) => ({
    from: r.from,
    to: r.to,
    type: relationshipTypeToken(r.type),
    props: { ...r.properties, id: r.id, sources: r.sources },
  }));
  for (let i = 0; i < relationships.length; i += RELATIONSHIP_BATCH) {
    const batch = relationships.slice(i, i + RELATIONSHIP_BATCH);
    const [result] = await executor.write(
      `UNWIND $rows AS row
       MATCH (a:Entity {id: row.from})
       MATCH (b:Entity {id: row.to})
       CREATE (a)-[r:$(row.type)]->(b) SET r = row.props
       RETURN count(r) AS created`,
      { rows: batch },
    );
    if (result!.created !== batch.length) throw new Error("some relationships name a missing entity");
    done += batch.length;
    if (done - reported >= graph.relationships.length / 10 || done === graph.relationships.length) {
      log(`  relationships ${done}/${graph.relationships.length}`);
      reported = done;
    }
  }
  await executor.write("CALL db.awaitIndexes(300)");
  const loadSeconds = (Date.now() - started) / 1000;
  log(`Loaded in ${loadSeconds.toFixed(1)} s`);
  return {
    generatorVersion: GENERATOR_VERSION,
    scale: options.scale,
    seed: options.seed,
    entities: graph.entities.length,
    relationships: graph.relationships.length,
    byKind,
    byType,
    picks: graph.picks,
    loadSeconds,
  };
}
