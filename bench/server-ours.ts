import { Executor } from "../src/db/executor";
import { silentLogger } from "../src/log/logger";
import { buildGraphQLSchema } from "../src/schema";
import { SETTINGS, sizeInBytes } from "../src/config/config";
import { startApp } from "../src/server/app";
import { type Started, recordedDriver, serveOverIpc } from "./server-common";

/**
 * This project's server as `npm start` builds it (default limits and timeouts), on a free
 * port: without its response cache (every request runs its statements), or with it as
 * `npm start` sets it up (`cached`: the warm-cache figures).
 */
export async function startOurs(uri: string, options: { cached?: boolean } = {}): Promise<Started> {
  const { driver, recording, recorder } = recordedDriver(uri);
  const executor = new Executor(recording, { database: "neo4j", txTimeoutMs: 10_000, logger: silentLogger });
  const schema = await buildGraphQLSchema();
  const app = await startApp(
    {
      schema,
      executor,
      logger: silentLogger,
      introspection: false,
      ...(options.cached
        ? {
            caching: {
              responseCacheBytes: sizeInBytes(SETTINGS.RESPONSE_CACHE_BYTES.default),
              versionStalenessMs: Number(SETTINGS.GRAPH_VERSION_STALENESS_MS.default),
              httpMaxAgeSeconds: Number(SETTINGS.HTTP_CACHE_MAX_AGE.default),
            },
          }
        : {}),
    },
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

if (require.main === module)
  serveOverIpc((uri) => startOurs(uri, { cached: process.argv.includes("--cached") }));
