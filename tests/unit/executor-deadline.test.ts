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

/**
 * What a single read (an auto-commit statement) does in a stand-in session: `accepted`
 * settles when the server has taken the statement (its keys arrive), `done` with the rows.
 */
interface Statement {
  accepted: Promise<unknown>;
  done: Promise<unknown>;
}

const answered = (ms = 1): Statement => ({
  accepted: Promise.resolve(),
  done: sleep(ms).then(() => ({ records: [{ toObject: () => ({ done: true }) }] })),
});
const runningForever = (): Statement => ({ accepted: Promise.resolve(), done: never() });
const waitingForever = (): Statement => ({ accepted: never(), done: never() });
const failing = (error: Error): Statement => {
  const done = Promise.reject(error);
  done.catch(() => undefined);
  return { accepted: done, done };
};

/** An executor over a stand-in driver whose sessions run transactions and statements as given. */
function executorWith(
  sessions: {
    executeRead?: (work: Work) => Promise<unknown>;
    executeWrite?: (work: Work) => Promise<unknown>;
    run?: (cypher: string) => Statement;
  },
  maxRetryTimeMs = 15_000,
) {
  const driver = {
    session: () => ({
      ...sessions,
      run: (cypher: string) => {
        const statement = sessions.run!(cypher);
        // The driver's Result: keys(), and a promise of the records.
        return { keys: () => statement.accepted, then: statement.done.then.bind(statement.done) };
      },
      close: async () => undefined,
    }),
  } as unknown as Driver;
  return new Executor(driver, { database: "neo4j", txTimeoutMs: 1000, logger: silentLogger, maxRetryTimeMs });
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
  it("abandons a read whose statement is still running at the deadline, with TIMEOUT, without waiting for it", async () => {
    const deadline = new AbortController();
    let finished = false;
    const executor = executorWith({
      run: () => {
        // The server has taken the statement; the deadline passes while it runs, and the
        // statement ends soon after (an executor that waited for it would answer then).
        const done = new Promise((resolve) =>
          deadline.signal.addEventListener("abort", () => setImmediate(resolve)),
        ).then(() => {
          finished = true;
          return { records: [] };
        });
        setImmediate(() => deadline.abort());
        return { accepted: Promise.resolve(), done };
      },
    });

    const code = await codeOf(executor.forRequest({ signal: deadline.signal }).read("RETURN 1"));

    expect(code).toBe("TIMEOUT");
    expect(finished).toBe(false);
  });

  it("abandons a read still waiting for the database at the deadline, with SERVICE_UNAVAILABLE", async () => {
    const executor = executorWith({ run: waitingForever });

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
      run: () => {
        reached = true;
        return answered();
      },
    });
    const signal = AbortSignal.abort();

    expect(await codeOf(executor.forRequest({ signal }).read("RETURN 1"))).toBe("TIMEOUT");
    expect(reached).toBe(false);
  });

  it("reports a timeout as SERVICE_UNAVAILABLE while the database is failing, as TIMEOUT once it answers", async () => {
    const outcomes: (() => Statement)[] = [
      () => failing(new Neo4jError("Connection refused", "ServiceUnavailable", "", "")),
      runningForever,
      answered,
      runningForever,
    ];
    const executor = executorWith({ run: () => outcomes.shift()!() });
    const read = () => executor.forRequest({ signal: AbortSignal.timeout(30) }).read("RETURN 1");

    expect(await codeOf(read())).toBe("SERVICE_UNAVAILABLE");
    expect(await codeOf(read())).toBe("SERVICE_UNAVAILABLE");
    expect(await codeOf(read())).toBe("resolved");
    expect(await codeOf(read())).toBe("TIMEOUT");
  });

  it("runs as before without a deadline", async () => {
    const executor = executorWith({ run: () => answered() });

    expect(await executor.read("RETURN 1")).toEqual([{ done: true }]);
  });
});

describe("single reads", () => {
  const unavailable = () => new Neo4jError("Connection refused", "ServiceUnavailable", "", "");

  it("are retried after a transient failure, and answer once the database does", async () => {
    const outcomes = [() => failing(unavailable()), () => answered()];
    const statements: string[] = [];
    const executor = executorWith({
      run: (cypher) => {
        statements.push(cypher);
        return outcomes.shift()!();
      },
    });

    expect(await executor.read("RETURN 1")).toEqual([{ done: true }]);
    expect(statements).toEqual(["RETURN 1", "RETURN 1"]);
  });

  it("are not retried after an error in the statement itself", async () => {
    let attempts = 0;
    const executor = executorWith({
      run: () => {
        attempts += 1;
        return failing(new Neo4jError("Invalid input", "Neo.ClientError.Statement.SyntaxError", "", ""));
      },
    });

    expect(await codeOf(executor.read("RETURN"))).toBe("INTERNAL_SERVER_ERROR");
    expect(attempts).toBe(1);
  });

  it("give up with SERVICE_UNAVAILABLE once the retry time is spent", async () => {
    let attempts = 0;
    const executor = executorWith(
      {
        run: () => {
          attempts += 1;
          return failing(unavailable());
        },
      },
      1500,
    );

    expect(await codeOf(executor.read("RETURN 1"))).toBe("SERVICE_UNAVAILABLE");
    expect(attempts).toBe(2);
  });
});
