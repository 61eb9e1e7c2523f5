import { ErrorCode } from "../errors/codes";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Bounds on how long a client may take to send its request (headers, then the whole body of
 * at most 100 KB): a slow sender cannot hold a connection open for Node's default 5 minutes.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const RECEIVE_TIMEOUT_MS = 30_000;

/** The listening HTTP server; what answers its requests can be swapped while it listens. */
export interface HttpHost {
  server: http.Server;
  port: number;
  url: string;
  /** Sends every request from now on to `handler`. */
  use(handler: http.RequestListener): void;
  close(): Promise<void>;
}

export async function listenHttp(
  listen: { port: number; host: string },
  handler: http.RequestListener,
): Promise<HttpHost> {
  let current = handler;
  const server = http.createServer((req, res) => current(req, res));
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = RECEIVE_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = listen.host === "0.0.0.0" || listen.host === "::" ? "localhost" : listen.host;
  return {
    server,
    port,
    url: `http://${shownHost}:${port}`,
    use: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Answers while the server waits for Neo4j: alive, not ready, and every other request told to
 * come back, so that probes and clients see the state instead of a refused connection.
 */
export const startingHandler: http.RequestListener = (req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/healthz") return sendJson(res, 200, { status: "starting" });
  if (path === "/readyz") return sendJson(res, 503, { status: "starting", database: false });
  sendJson(
    res,
    503,
    {
      errors: [
        {
          message: "The server is starting and waits for its database; retry in a few seconds.",
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
        },
      ],
    },
    { "retry-after": "5" },
  );
};
