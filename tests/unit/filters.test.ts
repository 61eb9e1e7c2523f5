import { Params, compileFilter, compileMatch } from "../../src/repository/filters";

describe("compiling filters to Cypher", () => {
  it("gives a predicate that is always true for no filter", () => {
    expect(compileFilter(undefined, new Params())).toBe("true");
    expect(compileFilter({}, new Params())).toBe("true");
  });

  it("passes every value as a parameter, never in the text", () => {
    const params = new Params();
    const injection = "x' OR 1=1 //";

    const cypher = compileFilter(
      { name: injection, ids: ["NZ"], related: [{ type: "MEMBER_OF", id: injection }] },
      params,
    );

    expect(cypher).not.toContain(injection);
    expect(cypher).not.toContain("NZ");
    expect(Object.values(params.values)).toEqual(
      expect.arrayContaining([injection.toLowerCase(), ["NZ"], injection]),
    );
  });

  it("compiles a relationship filter to an EXISTS subquery in the asked direction", () => {
    const params = new Params();

    const cypher = compileFilter(
      { related: [{ type: "CO_CHAIRS", direction: "OUT", nodeType: "working-group", role: "co-chair" }] },
      params,
    );

    expect(cypher).toMatch(
      /^EXISTS \{ MATCH \(n\)-\[rel_\d+:CO_CHAIRS\]->\(other_\d+:Entity\) WHERE other_\d+\.type = \$p\d+ AND rel_\d+\.role = \$p\d+ \}$/,
    );
    expect(Object.values(params.values)).toEqual(["working-group", "co-chair"]);
  });

  it("nests AND, OR and NOT", () => {
    const cypher = compileFilter(
      { OR: [{ name: "a" }, { NOT: { name: "b" } }], AND: [{ year: 2016 }] },
      new Params(),
    );

    expect(cypher).toBe(
      "(n.year = $p0) AND (toLower(n.name) CONTAINS $p1 OR NOT (toLower(n.name) CONTAINS $p2))",
    );
  });

  it("makes an empty OR match nothing", () => {
    expect(compileFilter({ OR: [] }, new Params())).toBe("false");
  });

  it("refuses a relationship type outside the data contract", () => {
    expect(() =>
      compileFilter({ related: [{ type: "MEMBER_OF]->() DETACH DELETE n //" }] }, new Params()),
    ).toThrow(/Unknown relationship type/);
  });

  it("matches from the entity a relationship filter names, and tests the rest per node", () => {
    const params = new Params();

    const cypher = compileMatch(
      "State",
      {
        name: "a",
        related: [
          { type: "CO_CHAIRS", direction: "OUT", nodeType: "working-group" },
          { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group", kind: "Body", role: "member" },
        ],
      },
      params,
    );

    expect(cypher.replace(/\s+/g, " ")).toMatch(
      /^MATCH \(n:State\)-\[rel_\d+:MEMBER_OF\]->\(other_\d+:Entity:Body\) WHERE other_\d+\.id = \$p\d+ AND rel_\d+\.role = \$p\d+ WITH DISTINCT n WHERE toLower\(n\.name\) CONTAINS \$p\d+ AND EXISTS \{ MATCH \(n\)-\[rel_\d+:CO_CHAIRS\]->\(other_\d+:Entity\) WHERE other_\d+\.type = \$p\d+ \}$/,
    );
    expect(Object.values(params.values)).toEqual(["ad-hoc-group", "member", "a", "working-group"]);
  });

  it("matches every node of the label when no relationship filter names an entity", () => {
    const params = new Params();

    expect(compileMatch("State", { notRelated: [{ type: "MEMBER_OF", id: "x" }] }, params)).toMatch(
      /^MATCH \(n:State\) WHERE NOT EXISTS/,
    );
    expect(compileMatch("State", null, new Params())).toBe("MATCH (n:State) WHERE true");
  });
});
