import { exampleOperations, runLoad } from "../../bench/load";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

describe("npm run load, briefly", () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor);
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("answers every example operation under concurrent load, each without an error", async () => {
    const operations = exampleOperations();

    // A count of requests, not a duration: the run proves nothing about speed.
    const amount = operations.length * 4;
    const result = await runLoad({
      url: `${server.app.url}/graphql`,
      connections: 4,
      amount,
      operations,
    });

    expect(operations.length).toBeGreaterThanOrEqual(10);
    expect(result.requests).toBe(amount);
    expect({ errors: result.errors, non2xx: result.non2xx, graphqlErrors: result.graphqlErrors }).toEqual({
      errors: 0,
      non2xx: 0,
      graphqlErrors: 0,
    });
  });
});
