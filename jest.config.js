/** @type {import('jest').Config} */
const common = {
  preset: "ts-jest",
  transform: {
    "^.+\\.tsx?$": "ts-jest",
    // The ES modules the server shares with the pages (Node itself requires them as they are).
    "/public/shared/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true } }],
  },
  testEnvironment: "node",
  setupFiles: ["reflect-metadata"],
  // Inline snapshots are written as they are: Jest 29 formats them only with Prettier 2.
  prettierPath: null,
};

/** @type {import('jest').Config} */
module.exports = {
  // The integration tests share one Neo4j and some of them reset it: one file at a time.
  maxWorkers: 1,
  // Every unit file before any integration file, in one run.
  testSequencer: "<rootDir>/tests/support/sequencer.js",
  testTimeout: 60000,
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/tests/unit/**/*.test.ts"] },
    {
      ...common,
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.int.test.ts"],
      // Starts a Neo4j of its own unless NEO4J_TEST_URI is set; runs only when an integration test is selected.
      globalSetup: "<rootDir>/tests/support/global-setup.ts",
      globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
    },
  ],
};
