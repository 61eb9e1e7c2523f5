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

  it("names every invalid value, what was expected, and never shows the password or a key's secret", () => {
    const password = "correct-horse-battery-staple";
    const secrets = ["curator-secret-0123456789", "short-secret"];
    let error: unknown;
    try {
      loadConfig({
        PORT: "eighty",
        NEO4J_URI: "http://localhost:7474",
        NEO4J_PASSWORD: password,
        // The second key's secret is too short: the value is invalid and named, not shown.
        API_KEYS: `curator:${secrets[0]},ops:${secrets[1]}`,
        LOG_LEVEL: "loud",
      });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^PORT="eighty": expected a port number/);
    expect(problems[1]).toMatch(
      /^NEO4J_URI="http:\/\/localhost:7474": expected a bolt:\/\/ or neo4j:\/\/ URI/,
    );
    expect(problems[2]).toMatch(
      /^API_KEYS=\(hidden\): the secret of key "ops" must be at least 16 characters/,
    );
    expect(problems[3]).toMatch(/^LOG_LEVEL="loud"/);
    // What start-up prints is the message: no secret in it, however the value was invalid.
    for (const secret of [password, ...secrets]) expect(message).not.toContain(secret);
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
