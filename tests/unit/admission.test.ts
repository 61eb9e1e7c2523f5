import { GraphQLError } from "graphql";
import { RelationshipBudget } from "../../src/request/context";
import { Admission, Semaphore } from "../../src/server/admission";

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof GraphQLError ? error : undefined;
  }
};

describe("a semaphore", () => {
  it("grants its permits, then makes the next wait for a release", async () => {
    const semaphore = new Semaphore(2, 10);

    await expect(semaphore.acquire(0)).resolves.toBe(true);
    await expect(semaphore.acquire(0)).resolves.toBe(true);
    await expect(semaphore.acquire(0)).resolves.toBe(false);
    const waiting = semaphore.acquire(10_000);
    expect(semaphore.waiting).toBe(1);
    semaphore.release();
    await expect(waiting).resolves.toBe(true);
    expect(semaphore.inUse).toBe(2);
  });

  it("gives up a wait after its time and forgets the waiter", async () => {
    const semaphore = new Semaphore(1, 10);
    await semaphore.acquire(0);

    await expect(semaphore.acquire(20)).resolves.toBe(false);
    expect(semaphore.waiting).toBe(0);
    semaphore.release();
    expect(semaphore.inUse).toBe(0);
  });

  it("refuses at once when its queue is full", async () => {
    const semaphore = new Semaphore(1, 1);
    await semaphore.acquire(0);
    const first = semaphore.acquire(10_000);

    await expect(semaphore.acquire(10_000)).resolves.toBe(false);
    semaphore.release();
    await expect(first).resolves.toBe(true);
  });
});

describe("admission", () => {
  const options = { maxConcurrent: 3, maxHeavy: 1, waitMs: 30, heavyCost: 100 };

  it("refuses past its turns with SERVICE_UNAVAILABLE, HTTP 503 and Retry-After", async () => {
    const admission = new Admission(options);
    await admission.admit(1);
    await admission.admit(1);
    await admission.admit(1);

    const error = await refusal(admission.admit(1));

    expect(error?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryable: true });
    const http = error?.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(503);
    expect(http.headers.get("retry-after")).toBe("1");
    expect(admission.stats()).toMatchObject({ active: 3, refused: 1 });
  });

  it("keeps turns free for cheap requests while heavy ones are held", async () => {
    const admission = new Admission(options);
    const heavy = await admission.admit(500);

    expect(await refusal(admission.admit(500))).toBeDefined();
    const cheap = await Promise.all([admission.admit(1), admission.admit(1)]);
    expect(admission.stats()).toMatchObject({ active: 3, heavyActive: 1 });

    heavy();
    heavy(); // a second release changes nothing
    cheap.forEach((release) => release());
    expect(admission.stats()).toMatchObject({ active: 0, heavyActive: 0 });
  });

  it("hands a released turn to the request waiting for it", async () => {
    const admission = new Admission({ ...options, waitMs: 5000 });
    const releases = await Promise.all([admission.admit(1), admission.admit(1), admission.admit(1)]);
    const waiting = admission.admit(1);

    releases[0]!();
    await expect(waiting).resolves.toEqual(expect.any(Function));
    expect(admission.stats().active).toBe(3);
  });
});

describe("the relationship budget of a request", () => {
  it("counts what it is given and refuses past its limit with QUERY_TOO_EXPENSIVE", () => {
    const budget = new RelationshipBudget(10);
    budget.spend(6);
    budget.spend(4);

    let refused: GraphQLError | undefined;
    try {
      budget.spend(1);
    } catch (error) {
      refused = error as GraphQLError;
    }
    expect(refused?.extensions).toMatchObject({ code: "QUERY_TOO_EXPENSIVE", limit: 10 });
  });
});
