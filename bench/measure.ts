import http from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import type { GraphQLRequest } from "./questions";

export interface LatencyStats {
  /** Requests completed. */
  requests: number;
  seconds: number;
  /** Completed requests per second. */
  throughput: number;
  p50: number;
  p99: number;
  mean: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank]!;
}

export function summarise(latenciesMs: number[], seconds: number): LatencyStats {
  const sortedMs = [...latenciesMs].sort((a, b) => a - b);
  return {
    requests: sortedMs.length,
    seconds,
    throughput: sortedMs.length / seconds,
    p50: percentile(sortedMs, 50),
    p99: percentile(sortedMs, 99),
    mean: sortedMs.reduce((a, b) => a + b, 0) / Math.max(1, sortedMs.length),
  };
}

/** Rounds of the same measurement, merged: latencies pooled, throughput over the total time. */
export function merge(rounds: { latencies: number[]; seconds: number }[]): LatencyStats {
  return summarise(
    rounds.flatMap((r) => r.latencies),
    rounds.reduce((a, r) => a + r.seconds, 0),
  );
}

/** A keep-alive HTTP client for one connection: the concurrency-1 loop and the answer checks. */
export class GraphQLClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;

  constructor(url: string) {
    this.url = new URL(url);
  }

  post(request: GraphQLRequest): Promise<string> {
    const body = JSON.stringify(request);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 500)}`));
            else resolve(text);
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** The parsed `data`, or an error carrying the GraphQL errors. */
  async data(request: GraphQLRequest): Promise<Record<string, unknown>> {
    const parsed = JSON.parse(await this.post(request)) as {
      data?: Record<string, unknown>;
      errors?: { message: string }[];
    };
    if (parsed.errors?.length || !parsed.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(parsed.errors ?? "no data").slice(0, 1000)}`);
    }
    return parsed.data;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LoopOptions {
  seconds: number;
  /** Keep going past `seconds` until this many requests are in (bounded by 4 × seconds). */
  minRequests: number;
}

/** One request at a time for a while: latencies of each, wall-clock seconds in all. */
export async function sequentialLoop(
  send: () => Promise<unknown>,
  options: LoopOptions,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const hardStop = started + options.seconds * 4000;
  for (;;) {
    const now = performance.now();
    if (now >= hardStop || (now >= until && latencies.length >= options.minRequests)) break;
    const t = performance.now();
    await send();
    latencies.push(performance.now() - t);
  }
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** `concurrency` loops at once in this process (the raw-Cypher side, which has no HTTP). */
export async function concurrentLoops(
  send: () => Promise<unknown>,
  concurrency: number,
  seconds: number,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const t = performance.now();
      await send();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/**
 * HTTP load with autocannon over `connections` keep-alive connections. Latencies come
 * from its per-response timings (sub-millisecond) rather than its whole-millisecond
 * histogram; any error, timeout or non-2xx response fails the run.
 */
export async function autocannonLoad(
  url: string,
  request: GraphQLRequest,
  connections: number,
  seconds: number,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        connections,
        duration: seconds,
        // It stops only at a sample tick: short runs need short ticks.
        sampleInt: Math.min(1000, Math.max(50, seconds * 250)),
        timeout: 30,
      },
      (error, outcome) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(outcome),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `autocannon against ${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`,
    );
  }
  return { latencies, seconds: result.duration };
}
