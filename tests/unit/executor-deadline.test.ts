import { type Driver, Neo4jError } from "neo4j-driver";
import { GraphQLError } from "graphql";
import { Executor } from "../../src/db/executor";
import { silentLogger } from "../../src/log/logger";

type Work = (tx: unknown) => Promise<unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const never = () => new Promise<never>(() => undefined);

/** A managed transaction whose statements take `ms` and return one row, recording each call. */
function slowTx(ms: number, statements: string[] = []) {
  return {
    run: async (cypher: string) => {
      statements.push(cypher);
      await sleep(ms);
      return { records: [{ toObject: () => ({ done: true }) }] };
    },
  };
}

/** An executor over a stand-in driver whose sessions run transactions as given. */
function executorWith(sessions: {
  executeRead?: (work: Work) => Promise<unknown>;
  executeWrite?: (work: Work) => Promise<unknown>;
}) {
  const driver = {
    session: () => ({ ...sessions, close: async () => undefined }),
  } as unknown as Driver;
  return new Executor(driver, { database: "neo4j", txTimeoutMs: 1000, logger: silentLogger });
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions.code;
  }
}

describe("the executor under a request deadline", () => {
  it("abandons a read whose statement is still running at the deadline, with TIMEOUT", async () => {
    const executor = executorWith({ executeRead: (work) => work({ run: never }) });
    const started = Date.now();

    const code = await codeOf(executor.forRequest({ signal: AbortSignal.timeout(50) }).read("RETURN 1"));

    expect(code).toBe("TIMEOUT");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("abandons a read still waiting for the database at the deadline, with SERVICE_UNAVAILABLE", async () => {
    const executor = executorWith({ executeRead: never });

    const code = await codeOf(executor.forRequest({ signal: AbortSignal.timeout(50) }).read("RETURN 1"));

    expect(code).toBe("SERVICE_UNAVAILABLE");
  });

  it("lets a write already under way at the deadline finish, and reports its outcome", async () => {
    const executor = executorWith({ executeWrite: (work) => work(slowTx(150)) });

    const rows = await executor.forRequest({ signal: AbortSignal.timeout(30) }).write("CREATE (n)");

    expect(rows).toEqual([{ done: true }]);
  });

  it("never applies a write whose attempt would begin after the deadline", async () => {
    const statements: string[] = [];
    // The driver gets a connection (or retries) only after the deadline has passed.
    const executor = executorWith({
      executeWrite: async (work) => {
        await sleep(100);
        return work(slowTx(1, statements));
      },
    });

    const code = await codeOf(executor.forRequest({ signal: AbortSignal.timeout(30) }).write("CREATE (n)"));
    await sleep(150);

    expect(code).toBe("SERVICE_UNAVAILABLE");
    expect(statements).toEqual([]);
  });

  it("stops a transaction between statements once the deadline has passed", async () => {
    const statements: string[] = [];
    const executor = executorWith({ executeWrite: (work) => work(slowTx(60, statements)) });

    const code = await codeOf(
      executor.forRequest({ signal: AbortSignal.timeout(30) }).writeTransaction(async (tx) => {
        await tx.run("FIRST");
        await tx.run("SECOND");
      }),
    );

    expect(code).toBe("TIMEOUT");
    expect(statements).toEqual(["FIRST"]);
  });

  it("does not reach the driver when the deadline passed before the work began", async () => {
    let reached = false;
    const executor = executorWith({
      executeRead: async () => {
        reached = true;
      },
    });
    const signal = AbortSignal.abort();

    expect(await codeOf(executor.forRequest({ signal }).read("RETURN 1"))).toBe("TIMEOUT");
    expect(reached).toBe(false);
  });

  it("reports a timeout as SERVICE_UNAVAILABLE while the database is failing, as TIMEOUT once it answers", async () => {
    const running = (work: Work) => work({ run: never });
    const outcomes: ((work: Work) => Promise<unknown>)[] = [
      () => Promise.reject(new Neo4jError("Connection refused", "ServiceUnavailable", "", "")),
      running,
      (work) => work(slowTx(1)),
      running,
    ];
    const executor = executorWith({ executeRead: (work) => outcomes.shift()!(work) });
    const read = () => executor.forRequest({ signal: AbortSignal.timeout(30) }).read("RETURN 1");

    expect(await codeOf(read())).toBe("SERVICE_UNAVAILABLE");
    expect(await codeOf(read())).toBe("SERVICE_UNAVAILABLE");
    expect(await codeOf(read())).toBe("resolved");
    expect(await codeOf(read())).toBe("TIMEOUT");
  });

  it("runs as before without a deadline", async () => {
    const executor = executorWith({ executeRead: (work) => work(slowTx(1)) });

    expect(await executor.read("RETURN 1")).toEqual([{ done: true }]);
  });
});
