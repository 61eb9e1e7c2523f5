import type { Executor } from "./executor";

/** How often a start-up wait says it is still waiting. */
export const REPORT_EVERY_MS = 5000;

/**
 * Polls the database until it answers or the deadline passes; false on timeout. Reports the
 * first failure at once and then every REPORT_EVERY_MS, with the driver's reason.
 */
export async function waitForDatabase(
  executor: Executor,
  timeoutMs: number,
  onRetry: (elapsedMs: number, reason: string) => void = () => undefined,
): Promise<boolean> {
  const started = Date.now();
  let lastReport: number | undefined;
  for (;;) {
    const reason = await executor.probe();
    if (reason === undefined) return true;
    const now = Date.now();
    if (now - started >= timeoutMs) return false;
    if (lastReport === undefined || now - lastReport >= REPORT_EVERY_MS) {
      onRetry(now - started, reason);
      lastReport = now;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(500, timeoutMs - (now - started))));
  }
}
