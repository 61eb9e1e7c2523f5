import path from "node:path";
import { ConfigError, SETTINGS, loadConfig } from "../../src/config";

describe("configuration", () => {
  it("has a default or an explicit unset for every setting, and the defaults are valid", () => {
    const config = loadConfig({});

    expect(config.PORT).toBe(4000);
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.SEED_ON_START).toBe(true);
    expect(config.neo4jDataPath).toBe(path.resolve(__dirname, "../..", ".data/neo4j"));
    for (const setting of Object.values(SETTINGS)) expect(setting.doc.length).toBeGreaterThan(10);
  });

  it("reads values from the environment and converts them", () => {
    const config = loadConfig({
      PORT: "0",
      SEED_ON_START: "false",
      NEO4J_URI: "neo4j+s://example.databases.neo4j.io",
    });

    expect(config.PORT).toBe(0);
    expect(config.SEED_ON_START).toBe(false);
    expect(config.NEO4J_URI).toBe("neo4j+s://example.databases.neo4j.io");
  });

  it("names every invalid value, what was expected, and never shows the password", () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: "eighty",
        NEO4J_URI: "http://localhost:7474",
        LOG_LEVEL: "loud",
        NEO4J_PASSWORD: "",
      });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^PORT="eighty": expected a port number/);
    expect(problems[1]).toMatch(
      /^NEO4J_URI="http:\/\/localhost:7474": expected a bolt:\/\/ or neo4j:\/\/ URI/,
    );
    expect(problems[2]).toMatch(/^LOG_LEVEL="loud"/);
  });

  it("takes 0 to 8 relationship levels read ahead, and says so otherwise", () => {
    const problemsOf = (value: string): string[] => {
      try {
        loadConfig({ RELATIONSHIP_LOOKAHEAD: value });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };

    expect(loadConfig({}).RELATIONSHIP_LOOKAHEAD).toBe(3);
    expect(loadConfig({ RELATIONSHIP_LOOKAHEAD: "0" }).RELATIONSHIP_LOOKAHEAD).toBe(0);
    expect(problemsOf("9")).toEqual([
      expect.stringMatching(/^RELATIONSHIP_LOOKAHEAD="9": expected at most 8/),
    ]);
    expect(problemsOf("-1")).toEqual([
      expect.stringMatching(/^RELATIONSHIP_LOOKAHEAD="-1": expected 0 or more/),
    ]);
    expect(problemsOf("two")).toEqual([
      expect.stringMatching(/^RELATIONSHIP_LOOKAHEAD="two": expected a number/),
    ]);
  });
});
