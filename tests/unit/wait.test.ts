import type { Executor } from "../../src/db/executor";
import { REPORT_EVERY_MS, waitForDatabase } from "../../src/db/wait";

/** An executor whose probes fail with `reason` until `answersFrom` (ms on the fake clock). */
function probing(reason: string, answersFrom = Infinity) {
  const probes: number[] = [];
  const start = Date.now();
  const executor = {
    probe: async () => {
      probes.push(Date.now() - start);
      return Date.now() - start >= answersFrom ? undefined : reason;
    },
  } as unknown as Executor;
  return { executor, probes };
}

describe("waiting for the database at start-up", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("keeps trying until the timeout has passed, then gives up, reporting at once and every few seconds", async () => {
    const { executor, probes } = probing("connection refused");
    const reports: [number, string][] = [];
    let outcome: boolean | undefined;
    void waitForDatabase(executor, 6000, (ms, reason) => reports.push([ms, reason])).then(
      (reachable) => (outcome = reachable),
    );

    await jest.advanceTimersByTimeAsync(5999);
    expect(outcome).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);

    expect(outcome).toBe(false);
    expect(probes.at(-1)).toBe(6000);
    expect(reports).toEqual([
      [0, "connection refused"],
      [REPORT_EVERY_MS, "connection refused"],
    ]);
  });

  it("stops waiting as soon as the database answers", async () => {
    const { executor, probes } = probing("connection refused", 1500);
    let outcome: boolean | undefined;
    void waitForDatabase(executor, 6000).then((reachable) => (outcome = reachable));

    await jest.advanceTimersByTimeAsync(1500);

    expect(outcome).toBe(true);
    expect(probes).toEqual([0, 500, 1000, 1500]);
  });
});
