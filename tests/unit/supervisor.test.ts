import type { LocalNeo4j, LocalNeo4jOptions } from "../../src/db/local-neo4j";
import { superviseLocalNeo4j } from "../../src/db/supervisor";

/** A stand-in for the launched process: it "exits" when the test says so. */
class FakeNeo4j implements LocalNeo4j {
  uri = "bolt://127.0.0.1:7999";
  port = 7999;
  stopped = false;
  exited: Promise<number | null>;
  private exit!: (code: number | null) => void;
  constructor(readonly pid: number) {
    this.exited = new Promise((resolve) => (this.exit = resolve));
  }
  crash(code: number | null = null) {
    this.exit(code);
  }
  async stop() {
    this.stopped = true;
    this.exit(143);
  }
}

const options: LocalNeo4jOptions = {
  port: 7999,
  dataDir: "/nowhere",
  startTimeoutMs: 1000,
  log: () => undefined,
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function starter(outcomes: ("ok" | "fail")[]) {
  const started: FakeNeo4j[] = [];
  const start = async () => {
    const outcome = outcomes.shift() ?? "ok";
    if (outcome === "fail") throw new Error("port taken");
    const neo4j = new FakeNeo4j(100 + started.length);
    started.push(neo4j);
    return neo4j;
  };
  return { start, started };
}

describe("the supervised local Neo4j", () => {
  const quick = { firstBackoffMs: 1, stableAfterMs: 60_000 };

  it("is restarted after it exits, and reports restarting, then running", async () => {
    const lines: string[] = [];
    const { start, started } = starter(["ok", "ok"]);
    const supervised = await superviseLocalNeo4j(
      options,
      { maxRestarts: 3, firstBackoffMs: 20, log: (l) => lines.push(l) },
      start,
    );

    started[0]!.crash(3);
    await Promise.resolve();
    expect(supervised.state()).toBe("restarting");
    expect(supervised.pid()).toBeUndefined();
    await settle();

    expect(supervised.state()).toBe("running");
    expect(supervised.restarts()).toBe(1);
    expect(supervised.pid()).toBe(101);
    expect(lines.join("\n")).toMatch(/exited unexpectedly \(code 3\); restarting it in 20 ms/);
    await supervised.stop();
    expect(started[1]!.stopped).toBe(true);
    expect(supervised.state()).toBe("stopped");
  });

  it("keeps trying when a restart fails, and gives up after maxRestarts in a row", async () => {
    const { start, started } = starter(["ok", "fail", "fail", "fail"]);
    const supervised = await superviseLocalNeo4j(
      options,
      { maxRestarts: 2, ...quick, log: () => undefined },
      start,
    );
    let gaveUp: number | null | undefined;
    void supervised.gaveUp.then((code) => (gaveUp = code));

    started[0]!.crash(3);
    await settle();

    expect(supervised.state()).toBe("failed");
    expect(gaveUp).toBe(3);
    expect(supervised.restarts()).toBe(0);
  });

  it("counts a Neo4j that exits again soon after its restart as a failed restart", async () => {
    const { start, started } = starter([]);
    const supervised = await superviseLocalNeo4j(
      options,
      { maxRestarts: 2, ...quick, log: () => undefined },
      start,
    );

    started[0]!.crash();
    await settle();
    started[1]!.crash();
    await settle();
    expect(supervised.state()).toBe("running");
    started[2]!.crash();
    await settle();

    expect(supervised.state()).toBe("failed");
    expect(started).toHaveLength(3);
  });

  it("starts the count again once a restarted Neo4j has run for a while", async () => {
    const { start, started } = starter([]);
    const supervised = await superviseLocalNeo4j(
      options,
      { maxRestarts: 1, firstBackoffMs: 1, stableAfterMs: 10, log: () => undefined },
      start,
    );

    for (let i = 0; i < 4; i++) {
      await settle();
      started[i]!.crash();
    }
    await settle();

    expect(supervised.state()).toBe("running");
    expect(supervised.restarts()).toBe(4);
    await supervised.stop();
  });

  it("gives up at once with maxRestarts 0, and does not restart what it stopped", async () => {
    const first = starter([]);
    const none = await superviseLocalNeo4j(
      options,
      { maxRestarts: 0, ...quick, log: () => undefined },
      first.start,
    );
    first.started[0]!.crash(1);
    await settle();
    expect(none.state()).toBe("failed");

    const second = starter([]);
    const stopped = await superviseLocalNeo4j(
      options,
      { maxRestarts: 3, ...quick, log: () => undefined },
      second.start,
    );
    await stopped.stop();
    await settle();
    expect(second.started).toHaveLength(1);
    expect(stopped.state()).toBe("stopped");
  });
});
