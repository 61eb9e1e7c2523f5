import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.join(__dirname, "../..");
const OUTPUT = "client/generated/operations.ts";

const run = (script: string, args: string[]) =>
  execFileSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: "pipe", encoding: "utf8" });

describe("the typed operations from `npm run codegen`", () => {
  it(`are committed as ${OUTPUT} exactly as the SDL, the examples and the explorer's operations give them`, () => {
    const codegen = path.join(ROOT, "node_modules", "@graphql-codegen", "cli", "cjs", "bin.js");

    // --check exits with 1 when a generated file differs from the one on disk.
    expect(() => run(codegen, ["--config", "codegen.ts", "--check"])).not.toThrow();
  });

  it("compile with tsc --strict on their own, with the typed client example", () => {
    const tsc = require.resolve("typescript/bin/tsc");
    const args = [
      ...["--strict", "--noEmit", "--skipLibCheck", "--types", "node"],
      ...["--module", "node16", "--moduleResolution", "node16", "--target", "es2022"],
      ...["--resolveJsonModule", "--esModuleInterop", "--noUnusedLocals"],
      OUTPUT,
      "client/typed-example.ts",
    ];

    expect(() => run(tsc, args)).not.toThrow();
  });
});
