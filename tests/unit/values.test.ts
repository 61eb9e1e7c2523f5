import neo4j from "neo4j-driver";
import { toPlain } from "../../src/db/values";

describe("Neo4j values to plain values", () => {
  it("leave strings, booleans, floats and null as they are", () => {
    expect(toPlain("Bali")).toBe("Bali");
    expect(toPlain(true)).toBe(true);
    expect(toPlain(2.5)).toBe(2.5);
    expect(toPlain(null)).toBeNull();
    expect(toPlain(undefined)).toBeNull();
  });

  it("turn integers into numbers, and past 2^53 into strings that keep every digit", () => {
    expect(toPlain(neo4j.int(2016))).toBe(2016);
    expect(toPlain(neo4j.int("9007199254740993"))).toBe("9007199254740993");
  });

  it("turn temporals into ISO strings", () => {
    expect(toPlain(new neo4j.types.Date(2002, 2, 26))).toBe("2002-02-26");
    expect(toPlain(new neo4j.types.LocalDateTime(2016, 3, 23, 9, 30, 0, 0))).toBe("2016-03-23T09:30:00");
    const duration = new neo4j.types.Duration(1, 2, 30, 0);
    expect(toPlain(duration)).toBe(duration.toString());
    expect(typeof toPlain(duration)).toBe("string");
  });

  it("convert inside lists and maps, however deep", () => {
    expect(
      toPlain({ year: neo4j.int(2018), names: ["a", "b"], nested: [{ since: neo4j.int(2002) }] }),
    ).toEqual({ year: 2018, names: ["a", "b"], nested: [{ since: 2002 }] });
  });

  it("convert a record's lists and maps in place, without copying them", () => {
    const hops = [
      ["r1", neo4j.int(2002)],
      ["r2", null],
    ];
    const row = { hops, node: { id: "AU", joined: neo4j.int(2002) } };
    const plain = toPlain(row) as typeof row;
    expect(plain).toBe(row);
    expect(plain.hops).toBe(hops);
    expect(plain).toEqual({
      hops: [
        ["r1", 2002],
        ["r2", null],
      ],
      node: { id: "AU", joined: 2002 },
    });
  });

  it("give a node or relationship's properties", () => {
    const node = new neo4j.types.Node(
      neo4j.int(1),
      ["Entity", "State"],
      { id: "AU", year: neo4j.int(2002) },
      "e1",
    );
    expect(toPlain(node)).toEqual({ id: "AU", year: 2002 });
  });
});
