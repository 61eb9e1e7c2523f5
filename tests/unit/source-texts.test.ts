import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readSourceTexts, splitLines } from "../../src/seed/source-texts";

describe("reading the source documents' text", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sources-"));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("numbers lines as editors do: a final line break ends the last line, it does not add one", () => {
    expect(splitLines("a\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\nb")).toEqual(["a", "b"]);
    expect(splitLines("a\r\n\r\nc")).toEqual(["a", "", "c"]);
    expect(splitLines("")).toEqual([""]);
  });

  it("loads each document whose line count is the one its citations were written against", () => {
    fs.writeFileSync(path.join(dir, "001_x.txt"), "one\ntwo\nthree\n");
    fs.writeFileSync(path.join(dir, "002_y.txt"), "one\ntwo\n");

    const { texts, problems } = readSourceTexts(dir, [
      { id: "001", file: "001_x.txt", lineCount: 3 },
      { id: "002", file: "002_y.txt", lineCount: 5 },
      { id: "003", file: "003_z.txt", lineCount: 1 },
      { id: "004", file: null, lineCount: null },
    ]);

    expect([...texts]).toEqual([["001", ["one", "two", "three"]]]);
    expect(problems).toEqual([
      expect.stringMatching(/^002: 002_y\.txt has 2 lines where its citations count 5: not loaded$/),
      expect.stringMatching(/^003: 003_z\.txt is not in /),
    ]);
  });

  it("says so when the folder is not there", () => {
    const { texts, problems } = readSourceTexts(path.join(dir, "missing"), [
      { id: "001", file: "001_x.txt" },
    ]);
    expect(texts.size).toBe(0);
    expect(problems).toEqual([expect.stringContaining("is not a folder")]);
  });
});
