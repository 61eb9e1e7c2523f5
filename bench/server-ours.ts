import { Executor } from "../src/db/executor";
import { silentLogger } from "../src/log/logger";
import { buildGraphQLSchema } from "../src/schema";
import { startApp } from "../src/server/app";
import { type Started, recordedDriver, serveOverIpc } from "./server-common";

/** This project's server as `npm start` builds it (default limits and timeouts), on a free port. */
export async function startOurs(uri: string): Promise<Started> {
  const { driver, recording, recorder } = recordedDriver(uri);
  const executor = new Executor(recording, { database: "neo4j", txTimeoutMs: 10_000, logger: silentLogger });
  const schema = await buildGraphQLSchema();
  const app = await startApp(
    { schema, executor, logger: silentLogger, introspection: false },
    { port: 0, host: "127.0.0.1" },
  );
  return {
    url: `${app.url}/graphql`,
    recorder,
    stop: async () => {
      await app.stop();
      await driver.close();
    },
  };
}

if (require.main === module) serveOverIpc(startOurs);
