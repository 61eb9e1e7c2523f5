import fs from "node:fs";
import path from "node:path";
import { SEED_DIR } from "../../src/runtime";
import { renderReadme } from "../../src/scripts/readme-sections";
import { readSeed } from "../../src/seed/read-seed";

describe("README.md", () => {
  it("has its configuration table and graph model up to date (regenerate with `npm run docs`)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");

    expect(renderReadme(readme, readSeed(SEED_DIR()))).toBe(readme);
  });
});
