import type { Executor, Params as StatementParams } from "../../src/db/executor";
import { aheadOf } from "../../src/repository/ahead";
import { Params, compileMatch } from "../../src/repository/filters";
import { GraphRepository } from "../../src/repository/graph.repository";
import { ListRepository } from "../../src/repository/list.repository";
import { SearchRepository } from "../../src/repository/search.repository";

/**
 * The compiled Cypher of a list, a filter, the reads ahead and a neighbourhood, as text: a
 * change to a statement shows up here for review. The integration tests hold what these
 * statements answer against Neo4j; these hold their shape.
 */

/** An executor that records each statement and answers `rows` (none by default). */
function recording(rows: Record<string, unknown>[] = []): {
  executor: Executor;
  statements: { cypher: string; params: StatementParams }[];
} {
  const statements: { cypher: string; params: StatementParams }[] = [];
  const read = async (cypher: string, params: StatementParams = {}) => {
    statements.push({ cypher: cypher.replace(/\s+/g, " ").trim(), params });
    return rows;
  };
  return { executor: { read } as unknown as Executor, statements };
}

describe("compiled statements", () => {
  it("a page of a list, sorted by name, counted", async () => {
    const { executor, statements } = recording([{ rows: [], total: 0 }]);

    await new ListRepository(executor).list(
      "State",
      null,
      { field: "NAME", direction: "ASC" },
      { first: 20 },
      { properties: ["name"], withTotal: true },
    );

    expect(statements.map((s) => s.cypher)).toMatchInlineSnapshot(`
[
  "CALL { MATCH (n:State) WHERE true RETURN count(n) AS total } CALL { MATCH (n:State) WHERE true WITH n, toLower(n.name) AS sortKey WITH n, sortKey ORDER BY sortKey ASC, n.id ASC LIMIT $p0 RETURN collect({ node: n { .name }, sortKey: sortKey }) AS rows } RETURN total, rows",
]
`);
  });

  it("a page of a list sorted by a relationship count, after a cursor: the kept count, indexed", async () => {
    const { executor, statements } = recording([]);

    await new ListRepository(executor).list(
      "Body",
      null,
      {
        field: "RELATIONSHIP_COUNT",
        direction: "DESC",
        relationshipType: "MEMBER_OF",
        relationshipDirection: "IN",
      },
      { first: 5, after: { key: 12, id: "ad-hoc-group" } },
      { properties: ["name"] },
    );

    expect(statements.map((s) => s.cypher)).toMatchInlineSnapshot(`
[
  "MATCH (n:Body) WHERE true AND n.\`_relInCount_MEMBER_OF\` IS NOT NULL AND n.\`_relInCount_MEMBER_OF\` <= $p0 WITH n, n.\`_relInCount_MEMBER_OF\` AS sortKey WHERE (sortKey < $p0 OR (sortKey = $p0 AND n.id < $p1)) WITH n, sortKey ORDER BY sortKey DESC, n.id DESC LIMIT $p2 RETURN n { .name } AS node, sortKey",
]
`);
  });

  it("a filter with a relationship condition that names an entity, and nested ones on the far end", () => {
    const params = new Params();

    const match = compileMatch(
      "State",
      {
        related: [
          { type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" },
          {
            type: "CO_CHAIRS",
            direction: "OUT",
            where: {
              types: ["working-group"],
              related: [{ type: "OPERATES_UNDER", direction: "OUT", id: "ad-hoc-group", source: "003" }],
            },
          },
          { type: "MEMBER_OF", direction: "OUT", quantifier: "ALL", role: "member" },
          { type: "CO_CHAIRS", direction: "OUT", count: { max: 2 } },
        ],
        NOT: { nameOrAlias: "land" },
      },
      params,
    );

    expect(match.replace(/\s+/g, " ")).toMatchInlineSnapshot(
      `"MATCH (n:State)-[rel_1:MEMBER_OF]->(other_0:Entity) USING INDEX SEEK other_0:Entity(id) WHERE other_0.id = $p2 WITH DISTINCT n WHERE EXISTS { MATCH (n)-[rel_4:CO_CHAIRS]->(other_3:Entity) WHERE other_3.type IN $p5 AND EXISTS { MATCH (other_3)-[rel_7:OPERATES_UNDER]->(other_6:Entity) WHERE other_6.id = $p8 AND any(citation_9 IN coalesce(rel_7.sources, []) WHERE citation_9 STARTS WITH $p10) } } AND (n.\`_relOutCount_MEMBER_OF\` > 0 AND NOT EXISTS { MATCH (n)-[rel_12:MEMBER_OF]->(other_11:Entity) WHERE NOT coalesce(rel_12.role = $p13, false) }) AND COUNT { MATCH (n)-[rel_15:CO_CHAIRS]->(other_14:Entity) RETURN DISTINCT other_14 } <= $p16 AND NOT ((toLower(n.name) CONTAINS $p17 OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $p17)))"`,
    );
    expect(params.values).toMatchInlineSnapshot(`
{
  "p10": "003:",
  "p13": "member",
  "p16": 2,
  "p17": "land",
  "p2": "ad-hoc-group",
  "p5": [
    "working-group",
  ],
  "p8": "ad-hoc-group",
}
`);
  });

  it("the reads ahead of two levels", () => {
    const cypher = aheadOf("n", [
      {
        type: "MEMBER_OF",
        direction: "OUT",
        projection: { node: ["name"], edge: ["role"] },
        labels: ["Body"],
        next: [
          { type: "CO_CHAIRS", direction: "IN", projection: { node: ["name"] }, labels: ["State"], next: [] },
        ],
      },
    ]);

    expect(cypher.replace(/\s+/g, " ")).toMatchInlineSnapshot(
      `"[CASE WHEN n:Body THEN COLLECT { MATCH (n)-[r0:MEMBER_OF]->(m0:Entity) WITH r0, m0 ORDER BY m0.name, r0.id RETURN { properties: r0 { .role }, node: m0 { .name }, ahead: [CASE WHEN m0:State THEN COLLECT { MATCH (m0)<-[r1:CO_CHAIRS]-(m1:Entity) WITH r1, m1 ORDER BY m1.name, r1.id RETURN { id: r1.id, properties: properties(r1), node: m1 { .name } } } END] } } END]"`,
    );
  });

  it("a neighbourhood of depth 2 over two relationship types", async () => {
    const { executor, statements } = recording();

    await new GraphRepository(executor).neighbourhood("NZ", 2, ["MEMBER_OF", "CO_CHAIRS"], 50, {
      node: ["name", "kind"],
      edge: ["role"],
    });

    expect(statements.map((s) => s.cypher)).toMatchInlineSnapshot(`
[
  "MATCH (a:Entity {id: $id}) CALL (a) { MATCH (a)-[r:MEMBER_OF|CO_CHAIRS]-(b:Entity) WITH r, b ORDER BY b.name, r.id RETURN collect([r.id, type(r), startNode(r) = a, $id, b.id, r { .role }]) AS nearHops, collect(b) AS far, collect(DISTINCT [b.id, b.name, b.kind]) AS near } CALL (a, far) { UNWIND range(0, size(far) - 1) AS i WITH far[i] AS f, i WHERE f <> a WITH f, min(i) AS first ORDER BY first LIMIT $room WITH f, f.id AS fid MATCH (f)-[r:MEMBER_OF|CO_CHAIRS]-(b:Entity) WITH f, fid AS nearId, r, b ORDER BY b.name, r.id RETURN collect([r.id, type(r), startNode(r) = f, nearId, b.id, r { .role }]) AS hops, collect(DISTINCT [b.id, b.name, b.kind]) AS reached } RETURN [a.id, a.name, a.kind] AS node, nearHops, near, hops AS second, reached",
]
`);
  });

  it("a ranked search: one full-text query per word, scored in the statement", async () => {
    const { executor, statements } = recording();

    await new SearchRepository(executor).search("Indone Zeland", ["State"], 5);

    expect(statements.map((s) => s.cypher)).toMatchInlineSnapshot(`
[
  "UNWIND $terms AS term CALL db.index.fulltext.queryNodes($index, term.query, {limit: $perWord}) YIELD node WITH node, term.key AS word WHERE $kinds IS NULL OR node.kind IN $kinds WITH node, collect(DISTINCT word) AS found WITH node, found, [k IN coalesce(node.searchKeys, []) | split(k, " ")] AS names WITH node, found, names, [w IN found WHERE none(n IN names WHERE any(t IN n WHERE t STARTS WITH w))] AS misspelt WITH node, found, misspelt, reduce(s = 0.0, w IN found | s + CASE WHEN w IN misspelt THEN $credit.misspelt WHEN any(n IN names WHERE w IN n) THEN $credit.exact ELSE $credit.prefix END) / size(found) AS exactness, reduce(best = 0.0, share IN [n IN names | toFloat(size([t IN n WHERE any(w IN found WHERE t STARTS WITH w)]) + size(misspelt)) / size(n)] | CASE WHEN share > best THEN share ELSE best END) AS fit WITH node, found, exactness, CASE WHEN fit > 1.0 THEN 1.0 ELSE fit END AS fit, CASE WHEN $key IN node.searchKeys THEN $exactNameBoost WHEN size($terms) > 1 AND any(k IN node.searchKeys WHERE " " + k + " " CONTAINS " " + $key + " ") THEN $phraseBoost ELSE 0.0 END AS phrase WITH node, round((size(found) + $exactnessWeight * exactness + $fitWeight * fit) / (size($terms) + 1) + phrase, 6) AS score RETURN node { .* } AS node, score ORDER BY score DESC, node.name, node.id LIMIT $limit",
]
`);
    expect(statements[0]!.params).toMatchInlineSnapshot(`
{
  "credit": {
    "exact": 1,
    "misspelt": 0.25,
    "prefix": 0.5,
  },
  "exactNameBoost": 1,
  "exactnessWeight": 0.6,
  "fitWeight": 0.35,
  "index": "entity_search",
  "key": "indone zeland",
  "kinds": [
    "State",
  ],
  "limit": 5,
  "perWord": 200,
  "phraseBoost": 0.5,
  "terms": [
    {
      "key": "indone",
      "query": "indone^2 OR indone* OR indone~1",
    },
    {
      "key": "zeland",
      "query": "zeland^2 OR zeland* OR zeland~1",
    },
  ],
}
`);
  });

  it("simple paths through some relationship types, around some entity kinds", async () => {
    const { executor, statements } = recording();

    await new GraphRepository(executor).paths(
      "NZ",
      "rso",
      4,
      3,
      { types: ["MEMBER_OF", "REPORTS_TO", "CO_CHAIRS"], avoidTypes: ["CO_CHAIRS"], avoidKinds: ["Meeting"] },
      { node: ["id", "name"], edge: ["role"] },
    );
    await new GraphRepository(executor).paths("NZ", "rso", 6, 10, {
      avoidTypes: ["HELD_IN"],
      kinds: ["Body"],
    });

    expect(statements.map((s) => s.cypher)).toMatchInlineSnapshot(`
[
  "MATCH p = SHORTEST 3 ((a:Entity {id: $from})(()-[:MEMBER_OF|REPORTS_TO]-(y:Entity WHERE y.id = $to OR NOT y.kind IN $avoidKinds)){1,4}(b:Entity {id: $to}) WHERE NOT a IN y AND all(i IN range(0, size(y) - 2) WHERE NOT y[i] IN y[i + 1..])) RETURN [n IN nodes(p) | n { .id, .name }] AS nodes, [r IN relationships(p) | { id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id, properties: r { .role } }] AS edges ORDER BY length(p), [r IN relationships(p) | r.id]",
  "MATCH p = SHORTEST 10 ((a:Entity {id: $from})(()-[:!(MENTIONS|HELD_IN)]-(y:Entity WHERE y.id = $to OR y.kind IN $kinds)){1,6}(b:Entity {id: $to}) WHERE NOT a IN y AND all(i IN range(0, size(y) - 2) WHERE NOT y[i] IN y[i + 1..])) RETURN [n IN nodes(p) | n { .* }] AS nodes, [r IN relationships(p) | { id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r) }] AS edges ORDER BY length(p), [r IN relationships(p) | r.id]",
]
`);
    expect(statements.map((s) => s.params)).toMatchInlineSnapshot(`
[
  {
    "avoidKinds": [
      "Meeting",
    ],
    "from": "NZ",
    "to": "rso",
  },
  {
    "from": "NZ",
    "kinds": [
      "Body",
    ],
    "to": "rso",
  },
]
`);
  });

  it("the ids, names and aliases of a request, read in one statement", async () => {
    const { executor, statements } = recording();

    await new SearchRepository(executor).references(["NZ", "New Zealand", "AHG", "New Zealand"]);

    expect(statements.map((s) => s.cypher)).toMatchInlineSnapshot(`
[
  "UNWIND $refs AS ref OPTIONAL MATCH (byId:Entity {id: ref.text}) WITH collect({ ref: ref, byId: byId { .id, .kind, .name } }) AS seeks WITH seeks, [s IN seeks WHERE s.byId IS NULL AND s.ref.key <> "" | s.ref.key] AS keys CALL (keys) { UNWIND CASE WHEN size(keys) = 0 THEN [] ELSE [true] END AS needed MATCH (n:Entity) WHERE any(k IN n.searchKeys WHERE k IN keys) WITH n ORDER BY n.id RETURN collect(n { .id, .kind, .name, .searchKeys }) AS named } UNWIND seeks AS s RETURN s.ref.text AS text, s.byId AS byId, CASE WHEN s.byId IS NULL THEN [n IN named WHERE s.ref.key IN n.searchKeys | n { .id, .kind, .name }] ELSE [] END AS byName",
]
`);
    expect(statements[0]!.params).toMatchInlineSnapshot(`
{
  "refs": [
    {
      "key": "nz",
      "text": "NZ",
    },
    {
      "key": "new zealand",
      "text": "New Zealand",
    },
    {
      "key": "ahg",
      "text": "AHG",
    },
  ],
}
`);
  });
});
