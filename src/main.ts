import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { startRuntime } from "./runtime";

/** `npm start`: configuration, Neo4j (given or launched), schema and seed, HTTP. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the Configuration section of README.md.\n`);
      process.exit(2);
    }
    throw error;
  }
  // Until the runtime is up there is nothing to stop in order: a local Neo4j being started
  // stops by itself when this process's end closes its stdin.
  const duringStartUp = (signal: NodeJS.Signals) => {
    process.stderr.write(`${signal} received during start-up: exiting\n`);
    process.exit(1);
  };
  process.once("SIGINT", duringStartUp);
  process.once("SIGTERM", duringStartUp);
  const runtime = await startRuntime(config);
  process.off("SIGINT", duringStartUp);
  process.off("SIGTERM", duringStartUp);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      runtime.logger.warn(`${signal} received again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    runtime.logger.info(`${signal} received: shutting down (again to force)`);
    setTimeout(() => {
      runtime.logger.error("Shutdown took longer than 30 s: exiting");
      process.exit(1);
    }, 30000).unref();
    await runtime.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  // Expected start-up failures carry a one-line, actionable message; show only that.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Start-up failed: ${message}\n`);
  process.exit(1);
});
