import type { Test } from "@jest/test-result";
import UnitsFirst from "../support/sequencer";

/** A test file of one project, as jest hands it to the sequencer (no timings cached). */
function testFile(project: string, path: string, size: number): Test {
  return {
    path,
    context: {
      config: { cache: false, displayName: { name: project, color: "white" }, rootDir: "/repo", id: project },
      hasteFS: { getSize: () => size },
    },
  } as unknown as Test;
}

describe("the test sequencer", () => {
  it("runs every unit file before any integration file, in jest's own order within each", async () => {
    const tests = [
      testFile("integration", "/repo/tests/integration/small.int.test.ts", 100),
      testFile("unit", "/repo/tests/unit/small.test.ts", 10),
      testFile("integration", "/repo/tests/integration/large.int.test.ts", 900),
      testFile("unit", "/repo/tests/unit/large.test.ts", 50),
    ];

    const sorted = await new UnitsFirst().sort(tests);

    // Without timings jest runs larger files first; a larger integration file still waits.
    expect(sorted.map((test) => test.path)).toEqual([
      "/repo/tests/unit/large.test.ts",
      "/repo/tests/unit/small.test.ts",
      "/repo/tests/integration/large.int.test.ts",
      "/repo/tests/integration/small.int.test.ts",
    ]);
  });

  it("is the sequencer jest runs with", () => {
    const config = jest.requireActual<{ testSequencer?: string }>("../../jest.config.js");

    expect(config.testSequencer).toBe("<rootDir>/tests/support/sequencer.js");
  });
});
