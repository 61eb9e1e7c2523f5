import { ConfigError, loadConfig } from "../../src/config";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration of limits and timeouts", () => {
  it("has documented defaults for every limit, in the order the timeouts need", () => {
    const config = loadConfig({});

    expect(config.GRAPHQL_MAX_DEPTH).toBe(8);
    expect(config.GRAPHQL_MAX_ALIASES).toBe(15);
    expect(config.GRAPHQL_MAX_DIRECTIVES).toBe(5);
    expect(config.GRAPHQL_MAX_TOKENS).toBe(1000);
    expect(config.GRAPHQL_MAX_COST).toBe(5000);
    expect(config.NEO4J_TX_TIMEOUT_MS).toBeLessThan(config.NEO4J_MAX_RETRY_TIME_MS);
    expect(config.NEO4J_TX_TIMEOUT_MS).toBeLessThan(config.REQUEST_TIMEOUT_MS);
    expect(config.NODE_ENV).toBe("development");
  });

  it("refuses a transaction timeout at or above the driver's retry window, saying how to fix it", () => {
    expect(problemsOf({ NEO4J_TX_TIMEOUT_MS: "15000", NEO4J_MAX_RETRY_TIME_MS: "15000" })).toEqual([
      "NEO4J_TX_TIMEOUT_MS=15000 must be below NEO4J_MAX_RETRY_TIME_MS=15000: lower the first or raise the second",
    ]);
  });

  it("refuses a transaction timeout at or above the request deadline", () => {
    expect(
      problemsOf({
        NEO4J_TX_TIMEOUT_MS: "9000",
        NEO4J_MAX_RETRY_TIME_MS: "20000",
        REQUEST_TIMEOUT_MS: "5000",
      }),
    ).toEqual([
      "NEO4J_TX_TIMEOUT_MS=9000 must be below REQUEST_TIMEOUT_MS=5000: lower the first or raise the second",
    ]);
  });

  it("refuses limits that are not whole numbers above 0", () => {
    const problems = problemsOf({ GRAPHQL_MAX_DEPTH: "0", GRAPHQL_MAX_COST: "lots" });

    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^GRAPHQL_MAX_DEPTH="0": expected a number above 0/);
    expect(problems[1]).toMatch(/^GRAPHQL_MAX_COST="lots": expected a number/);
  });
});
