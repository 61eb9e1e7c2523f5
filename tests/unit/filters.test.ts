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

  it("reads whether an entity has a relationship of a type at all from its kept count", () => {
    const compile = (filter: Parameters<typeof compileFilter>[0]) => compileFilter(filter, new Params());
    expect(compile({ related: [{ type: "CO_CHAIRS", direction: "OUT" }] })).toBe(
      "n.`_relOutCount_CO_CHAIRS` > 0",
    );
    expect(compile({ related: [{ type: "MEMBER_OF", direction: "IN", quantifier: "ALL" }] })).toBe(
      "n.`_relInCount_MEMBER_OF` > 0",
    );
    expect(compile({ related: [{ type: "MEMBER_OF", quantifier: "NONE" }] })).toBe(
      "coalesce(n.`_relCount_MEMBER_OF`, 0) = 0",
    );
    // notRelated is NONE, and notRelated with NONE is SOME.
    expect(compile({ notRelated: [{ type: "HOSTED", direction: "OUT" }] })).toBe(
      "coalesce(n.`_relOutCount_HOSTED`, 0) = 0",
    );
    expect(compile({ notRelated: [{ type: "HOSTED", direction: "OUT", quantifier: "NONE" }] })).toBe(
      "n.`_relOutCount_HOSTED` > 0",
    );
    // Any other condition, even an empty far filter, follows the relationships.
    expect(compile({ related: [{ type: "CO_CHAIRS", direction: "OUT", where: {} }] })).toMatch(
      /^EXISTS \{ MATCH/,
    );
    expect(compile({ related: [{ type: "CO_CHAIRS", count: { min: 2 } }] })).toMatch(
      /^\$p\d+ <= COUNT \{ MATCH/,
    );
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
      /^MATCH \(n:State\)-\[rel_\d+:MEMBER_OF\]->\(other_\d+:Entity:Body\) USING INDEX SEEK other_\d+:Entity\(id\) WHERE other_\d+\.id = \$p\d+ AND rel_\d+\.role = \$p\d+ WITH DISTINCT n WHERE toLower\(n\.name\) CONTAINS \$p\d+ AND EXISTS \{ MATCH \(n\)-\[rel_\d+:CO_CHAIRS\]->\(other_\d+:Entity\) WHERE other_\d+\.type = \$p\d+ \}$/,
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

  describe("nested relationship conditions", () => {
    it("compile the far entity's own filter on the far node, inside the same subquery", () => {
      const params = new Params();

      const cypher = compileFilter(
        {
          related: [
            {
              type: "CO_CHAIRS",
              direction: "OUT",
              where: {
                types: ["working-group"],
                related: [{ type: "OPERATES_UNDER", direction: "OUT", id: "ad-hoc-group" }],
              },
            },
          ],
        },
        params,
      );

      expect(cypher).toMatch(
        /^EXISTS \{ MATCH \(n\)-\[rel_\d+:CO_CHAIRS\]->\((other_\d+):Entity\) WHERE \1\.type IN \$p\d+ AND EXISTS \{ MATCH \(\1\)-\[rel_\d+:OPERATES_UNDER\]->\((other_\d+):Entity\) WHERE \2\.id = \$p\d+ \} \}$/,
      );
      expect(Object.values(params.values)).toEqual([["working-group"], "ad-hoc-group"]);
    });

    it("compile NONE to NOT EXISTS, and ALL to some relationship and none that fails", () => {
      const none = compileFilter(
        { related: [{ type: "MEMBER_OF", quantifier: "NONE", role: "observer" }] },
        new Params(),
      );
      const all = compileFilter(
        {
          related: [{ type: "MEMBER_OF", direction: "OUT", quantifier: "ALL", kind: "Body", role: "member" }],
        },
        new Params(),
      );

      expect(none).toMatch(
        /^NOT EXISTS \{ MATCH \(n\)-\[rel_\d+:MEMBER_OF\]-\(other_\d+:Entity\) WHERE rel_\d+\.role = \$p\d+ \}$/,
      );
      expect(all).toMatch(
        /^\(n\.`_relOutCount_MEMBER_OF` > 0 AND NOT EXISTS \{ MATCH \(n\)-\[rel_\d+:MEMBER_OF\]->\((other_\d+):Entity\) WHERE NOT coalesce\(\1:Body AND rel_\d+\.role = \$p\d+, false\) \}\)$/,
      );
    });

    it("compile a count range to one COUNT of distinct far entities between two parameters", () => {
      const params = new Params();

      const cypher = compileFilter(
        { related: [{ type: "MEMBER_OF", direction: "IN", kind: "State", count: { min: 10, max: 40 } }] },
        params,
      );

      expect(cypher).toMatch(
        /^\$p\d+ <= COUNT \{ MATCH \(n\)<-\[rel_\d+:MEMBER_OF\]-\((other_\d+):State\) RETURN DISTINCT \1 \} <= \$p\d+$/,
      );
      expect(Object.values(params.values).sort()).toEqual([10, 40]);
    });

    it("compile the edge's properties and its sources, every value a parameter", () => {
      const params = new Params();

      const cypher = compileFilter(
        {
          related: [
            {
              type: "ADOPTED_AT",
              direction: "OUT",
              action: "endorsed' OR true //",
              year: { from: "2016", to: "2018-06" },
              since: { from: "2002-03" },
              until: { to: "2020" },
              source: "003",
            },
          ],
        },
        params,
      );

      expect(cypher).toContain("rel_1.action = $p");
      expect(cypher).toMatch(
        /WHEN rel_1\.year IS :: STRING AND size\(rel_1\.year\) = 7 THEN rel_1\.year \+ '-31'/,
      );
      expect(cypher).toMatch(/rel_1\.since .* >= \$p\d+/);
      expect(cypher).toMatch(/rel_1\.until .* <= \$p\d+/);
      expect(cypher).toMatch(
        /any\(citation_\d+ IN coalesce\(rel_1\.sources, \[\]\) WHERE citation_\d+ STARTS WITH \$p\d+\)/,
      );
      expect(cypher).not.toMatch(/endorsed|2016|2018|2002|2020|003/);
      // Each end as the first or last day it may be: a range overlaps the edge's partial date.
      expect(Object.values(params.values)).toEqual([
        "endorsed' OR true //",
        "2002-03-01",
        "2020-12-31",
        "2016-01-01",
        "2018-06-30",
        "003:",
      ]);
    });

    it("follow a chain of conditions from the entity a nested one names, one MATCH per hop", () => {
      const params = new Params();

      const cypher = compileMatch(
        "State",
        {
          related: [
            {
              type: "CO_CHAIRS",
              direction: "OUT",
              where: {
                types: ["working-group"],
                related: [{ type: "OPERATES_UNDER", direction: "OUT", id: "ad-hoc-group" }],
              },
            },
          ],
        },
        params,
      );

      expect(cypher.replace(/\s+/g, " ")).toMatch(
        /^MATCH \(n:State\)-\[rel_\d+:CO_CHAIRS\]->\((other_\d+):Entity\) MATCH \(\1\)-\[rel_\d+:OPERATES_UNDER\]->\((other_\d+):Entity\) USING INDEX SEEK \2:Entity\(id\) WHERE \1\.type IN \$p\d+ AND \2\.id = \$p\d+ WITH DISTINCT n WHERE true$/,
      );
      expect(Object.values(params.values)).toEqual([["working-group"], "ad-hoc-group"]);
    });

    it("start the match from an entity the far filter names by id, only for SOME without a count", () => {
      const anchored = compileMatch(
        "State",
        { related: [{ type: "CO_CHAIRS", direction: "OUT", where: { ids: ["rilon"] } }] },
        new Params(),
      );
      const none = compileMatch(
        "State",
        { related: [{ type: "CO_CHAIRS", direction: "OUT", quantifier: "NONE", id: "rilon" }] },
        new Params(),
      );
      const counted = compileMatch(
        "State",
        { related: [{ type: "CO_CHAIRS", direction: "OUT", id: "rilon", count: { max: 1 } }] },
        new Params(),
      );

      expect(anchored).toMatch(
        /^MATCH \(n:State\)-\[rel_\d+:CO_CHAIRS\]->\(other_\d+:Entity\) USING INDEX SEEK other_\d+:Entity\(id\) WHERE other_\d+\.id IN \$p\d+/,
      );
      expect(none).toMatch(/^MATCH \(n:State\) WHERE NOT EXISTS/);
      expect(counted).toMatch(/^MATCH \(n:State\) WHERE COUNT \{ .* \} <= \$p\d+$/);
    });
  });
});
