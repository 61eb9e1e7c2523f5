import { InvalidCursorError, decodeCursor, encodeCursor } from "../../src/repository/pagination";

describe("keyset cursors", () => {
  it("round-trip a string key and an id", () => {
    const cursor = encodeCursor({ key: "new zealand", id: "NZ" });

    expect(decodeCursor(cursor)).toEqual({ key: "new zealand", id: "NZ" });
  });

  it("round-trip a numeric key (relationship counts, years)", () => {
    expect(decodeCursor(encodeCursor({ key: 42, id: "ad-hoc-group" }))).toEqual({
      key: 42,
      id: "ad-hoc-group",
    });
  });

  it("are opaque: URL-safe base64 with no padding", () => {
    expect(encodeCursor({ key: "a/b+c", id: "x" })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["garbage"],
    [""],
    [Buffer.from('{"key":1}').toString("base64url")],
    [Buffer.from("[1,2]").toString("base64url")],
  ])("reject %j as not a cursor of this API", (bad) => {
    expect(() => decodeCursor(bad)).toThrow(InvalidCursorError);
  });
});
