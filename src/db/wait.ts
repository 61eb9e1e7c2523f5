import type { Executor } from "./executor";

/** Polls the database until it answers or the deadline passes; false on timeout. */
export async function waitForDatabase(
  executor: Executor,
  timeoutMs: number,
  onRetry: (elapsedMs: number) => void = () => undefined,
): Promise<boolean> {
  const started = Date.now();
  let lastReport = started;
  for (;;) {
    if (await executor.ping()) return true;
    const now = Date.now();
    if (now - started >= timeoutMs) return false;
    if (now - lastReport >= 5000) {
      onRetry(now - started);
      lastReport = now;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
