import { ENTITY_KINDS } from "../../src/model/kinds";
import { RELATIONSHIP_FIELDS } from "../../src/model/relationships";
import { EXACT_NAME_BOOST } from "../../src/repository/search.repository";
import { DEFAULT_LIMITS } from "../../src/server/limits";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

const LIST_FOR_KIND: Record<string, string> = {
  ...Object.fromEntries(ENTITY_KINDS.map((row) => [row.kind, row.list.field])),
  Source: "sources",
};

describe("the GraphQL API on the seeded graph", () => {
  let db: TestDatabase;
  let server: TestServer;

  /** Runs a query in-process; fails the test on any GraphQL error. */
  async function ok(
    query: string,
    variables?: Record<string, unknown>,
    lookAhead?: number,
  ): Promise<{ data: Answer; queries: number }> {
    const { body, queries } = await server.execute(query, variables, undefined, { lookAhead });
    expect(body.errors).toBeUndefined();
    return { data: body.data, queries };
  }

  async function errorOf(query: string, variables?: Record<string, unknown>) {
    const { body } = await server.execute(query, variables);
    expect(body.errors).toHaveLength(1);
    return body.errors![0]!;
  }

  beforeAll(async () => {
    db = openTestDatabase();
    // Some queries here are deeper and costlier than the public limits allow on purpose (the
    // loader test nests three relationship levels under a page of 100); limits have their own tests.
    server = await startTestServer(db.executor, {
      limits: { ...DEFAULT_LIMITS, depth: 12, cost: 1_000_000 },
    });
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  describe("relationship fields", () => {
    const cases = Object.entries(RELATIONSHIP_FIELDS).flatMap(([kind, specs]) =>
      specs.map((spec) => ({ kind, spec })),
    );

    it.each(cases.map((c) => [`${c.kind}.${c.spec.field}`, c] as const))(
      "%s returns exactly the relationships Neo4j holds",
      async (_name, { kind, spec }) => {
        const { data } = await ok(
          `{ list: ${LIST_FOR_KIND[kind]}(first: 100) { edges { node { id ... on ${kind} { ${spec.field} { id type direction node { ... on Entity { id kind } } sources { citation } } } } } } }`,
        );
        const returned = data.list.edges
          .flatMap((e: Answer) =>
            e.node[spec.field].map(
              (r: Answer) => `${e.node.id}|${r.id}|${r.node.id}|${r.type}|${r.direction}`,
            ),
          )
          .sort();
        const kinds = spec.kinds;
        const arrow = spec.direction === "OUT" ? "-[r:" + spec.type + "]->" : "<-[r:" + spec.type + "]-";
        const rows = await db.executor.read(
          `MATCH (n:${kind})${arrow}(m:Entity) WHERE $kinds IS NULL OR m.kind IN $kinds
           RETURN n.id + "|" + r.id + "|" + m.id + "|" + type(r) + "|" + $direction AS key`,
          { kinds: kinds ?? null, direction: spec.direction },
        );

        expect(returned).toEqual(rows.map((r) => r.key).sort());
      },
    );

    const threeLevels = `{
      states(first: 100) { edges { node { id
        memberOf { node { id
          coChairs { node { ... on State { id reportsTo { node { id } } } ... on Organisation { id } } }
          members { node { ... on State { id } ... on Organisation { id } } }
        } }
      } } }
    }`;

    it("cost one Cypher statement per relationship field per level, whatever the number of parents", async () => {
      const { data, queries } = await ok(threeLevels, undefined, 0);

      expect(data.states.edges.length).toBeGreaterThan(50);
      // states, memberOf, coChairs + members, State.reportsTo: five levels' worth of fields.
      expect(queries).toBe(5);
    });

    it("read the levels below in the statement above them, up to the look-ahead", async () => {
      const perLevel = await ok(threeLevels, undefined, 0);
      const oneAhead = await ok(threeLevels, undefined, 1);
      const allAhead = await ok(threeLevels);

      // One level ahead: states with memberOf; coChairs with State.reportsTo; members.
      expect(oneAhead.queries).toBe(3);
      expect(allAhead.queries).toBe(1);
      expect(oneAhead.data).toEqual(perLevel.data);
      expect(allAhead.data).toEqual(perLevel.data);
    });

    it("read from Neo4j only the properties the query selects", async () => {
      const query = `{ states(first: 5) { edges { node { id name memberOf { role node { name ... on Body { acronym } } } } } } }`;
      const perLevel = await server.execute(query, undefined, undefined, { lookAhead: 0 });
      const ahead = await server.execute(query);

      expect(perLevel.body.errors).toBeUndefined();
      expect(perLevel.statements).toHaveLength(2);
      expect(perLevel.statements[0]).toContain("n { .id, .kind, .name } AS node");
      expect(perLevel.statements[1]).toContain("properties: r { .role }");
      expect(perLevel.statements[1]).toContain("node: m { .acronym, .id, .kind, .name }");
      expect(ahead.body).toEqual(perLevel.body);
      expect(ahead.statements).toHaveLength(1);
      expect(ahead.statements[0]).toContain("n { .id, .kind, .name } AS node");
      expect(ahead.statements[0]).toContain("properties: r0 { .role }");
      expect(ahead.statements[0]).toContain("node: m0 { .acronym, .id, .kind, .name }");
      // The relationships' ids are not selected, so not sent.
      expect(perLevel.statements[1]).not.toContain("id: r.id");
      expect(ahead.statements[0]).not.toContain("id: r0.id");
      for (const statement of [...perLevel.statements, ...ahead.statements]) {
        expect(statement).not.toContain(".*");
      }
    });

    it("give through a relationship field the entity a lookup gives, whatever the fragments", async () => {
      const fragments = `
        ... on Entity { id kind name description aliases { name inferred sources { citation } } sources { citation } }
        ... on State { stateType: type } ... on Organisation { organisationType: type acronym }
        ... on Body { bodyType: type acronym }`;
      const { data } = await ok(`{ body(id: "ad-hoc-group") { members { node { ${fragments} } } } }`);
      const members = data.body.members.map((edge: Answer) => edge.node);
      const { data: looked } = await ok(`query ($ids: [ID!]!) { nodes(ids: $ids) { ${fragments} } }`, {
        ids: members.map((m: Answer) => m.id),
      });

      expect(new Set(members.map((m: Answer) => m.kind))).toEqual(new Set(["STATE", "ORGANISATION"]));
      expect(members.some((m: Answer) => m.aliases.length > 0)).toBe(true);
      expect(members).toEqual(looked.nodes);
    });

    it("serve two selections of one field at one level from their own reads", async () => {
      const query = `{ states(first: 100) { edges { node { id
        ids: memberOf { node { id } } names: memberOf { node { name description } } } } } }`;
      const { data, queries } = await ok(query, undefined, 0);
      const ahead = await ok(query);
      const rows = await db.executor.read(`MATCH (n:Entity) RETURN n.id AS id, n.name AS name`);
      const nameOf = new Map(rows.map((r) => [r.id as string, r.name as string]));

      expect(queries).toBe(3);
      expect(ahead.queries).toBe(1);
      expect(ahead.data).toEqual(data);
      for (const { node } of data.states.edges) {
        expect(node.names.map((e: Answer) => e.node.name)).toEqual(
          node.ids.map((e: Answer) => nameOf.get(e.node.id)),
        );
      }
    });

    it("filter by role", async () => {
      const { data } = await ok(
        `{ baliProcess { observers: members(role: "observer") { role } all: members { role }
           unselected: members(role: "observer") { id } } }`,
      );

      expect(data.baliProcess.observers.length).toBeGreaterThan(0);
      expect(new Set(data.baliProcess.observers.map((r: Answer) => r.role))).toEqual(new Set(["observer"]));
      expect(data.baliProcess.all.length).toBeGreaterThan(data.baliProcess.observers.length);
      // The role is read to filter by it even when the query does not select it.
      expect(data.baliProcess.unselected).toHaveLength(data.baliProcess.observers.length);
    });
  });

  describe("lookups", () => {
    it("resolve node(id:) to the right type for every kind", async () => {
      const { data } = await ok(
        `{ nodes(ids: ["NZ", "iom", "ad-hoc-group", "sixth-ministerial-conference", "bali-declaration-2016", "bangkok", "andrew-forrest", "003", "no-such-id"]) { __typename id } }`,
      );

      expect(data.nodes.map((n: Answer) => n && n.__typename)).toEqual([
        "State",
        "Organisation",
        "Body",
        "Meeting",
        "Document",
        "Place",
        "Person",
        "Source",
        null,
      ]);
    });

    it("find an entity by any alias or misspelling, and rank the intended one first", async () => {
      const { data } = await ok(`{
        a: entity(name: "Holland") { id } b: entity(name: "UAE") { id } c: entity(name: "viet nam") { id }
        d: entity(name: "Solomonian Islands") { id } e: entity(name: "AHG") { id } f: entity(name: "RSO") { id }
        s: search(text: "New Zeland") { entity { id } score }
      }`);

      expect([data.a.id, data.b.id, data.c.id, data.d.id, data.e.id, data.f.id]).toEqual([
        "NL",
        "AE",
        "VN",
        "SB",
        "ad-hoc-group",
        "rso",
      ]);
      expect(data.s[0].entity.id).toBe("NZ");
      // "New Zeland" is an alias of New Zealand: the exact-name boost lifts it over 1.
      expect(data.s[0].score).toBeGreaterThan(EXACT_NAME_BOOST);
    });

    it("read the fields a selection names however it names them, and as much as a full read", async () => {
      const full = await ok(
        `{ body(id: "ad-hoc-group") { id name type aliases { name inferred } acronym sources { citation source { id } } } }`,
      );
      const partial = await ok(`{
        body(id: "ad-hoc-group") {
          nm: name ...OnEntity @include(if: true) ... on Body { type } id @skip(if: false)
          acronym sources { citation source { id } }
        }
      } fragment OnEntity on Entity { aliases { name inferred } }`);
      const [node] = await db.executor.read(`MATCH (n:Body {id: "ad-hoc-group"}) RETURN n.name AS name`);

      expect(partial.queries).toBe(full.queries);
      expect(partial.data.body).toEqual({
        nm: full.data.body.name,
        aliases: full.data.body.aliases,
        type: full.data.body.type,
        id: "ad-hoc-group",
        acronym: full.data.body.acronym,
        sources: full.data.body.sources,
      });
      expect(partial.data.body.nm).toBe(node!.name);
      expect(full.data.body.aliases.length).toBeGreaterThan(0);
      const { statements } = await server.execute(`{ body(id: "ad-hoc-group") { name } }`);
      expect(statements[0]).toContain("RETURN n { .id, .kind, .name } AS node");
    });

    it("give null for a well-formed id that nothing has, and for a kind that does not match", async () => {
      const { data } = await ok(
        `{ node(id: "atlantis") { id } state(id: "iom") { id } entity(id: "zz-none") { id } }`,
      );

      expect(data).toEqual({ node: null, state: null, entity: null });
    });

    it("resolve every citation to its source document with its lines", async () => {
      const { data } = await ok(
        `{ entity(id: "rso") { sources { citation firstLine lastLine source { id title lineCount } } } }`,
      );

      expect(data.entity.sources.length).toBeGreaterThan(0);
      for (const s of data.entity.sources) {
        expect(s.citation).toBe(`${s.source.id}:${s.firstLine}-${s.lastLine}`);
        expect(s.lastLine).toBeLessThanOrEqual(s.source.lineCount);
      }
    });

    it("list aliases with where each spelling occurs, marking inferred ones", async () => {
      const { data } = await ok(`{ state(id: "NZ") { aliases { name inferred sources { citation } } } }`);

      const zeland = data.state.aliases.find((a: Answer) => a.name === "New Zeland");
      expect(zeland).toEqual({ name: "New Zeland", inferred: false, sources: [{ citation: "001:26-26" }] });
    });
  });

  describe("lists", () => {
    async function allPages(args: string, pageSize: number, backward = false): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 100; page++) {
        const paging = backward
          ? `last: ${pageSize}${cursor ? `, before: "${cursor}"` : ""}`
          : `first: ${pageSize}${cursor ? `, after: "${cursor}"` : ""}`;
        const { data } = await ok(
          `{ states(${args}${args ? ", " : ""}${paging}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        );
        const ids = data.states.edges.map((e: Answer) => e.node.id);
        if (backward) seen.unshift(...ids);
        else seen.push(...ids);
        const more = backward ? data.states.pageInfo.hasPreviousPage : data.states.pageInfo.hasNextPage;
        if (!more) return seen;
        cursor = backward ? data.states.pageInfo.startCursor : data.states.pageInfo.endCursor;
      }
      throw new Error("pagination did not end");
    }

    it("page through every state with no duplicate and no gap", async () => {
      const { data } = await ok(`{ states(first: 100) { totalCount edges { node { id } } } }`);
      const everything = data.states.edges.map((e: Answer) => e.node.id);

      const paged = await allPages("", 7);

      expect(paged).toEqual(everything);
      expect(new Set(paged).size).toBe(data.states.totalCount);
    });

    it("stay stable under ties: by year (no state has one), ties broken by id", async () => {
      const paged = await allPages("orderBy: { field: YEAR }", 9);

      expect(paged).toEqual([...paged].sort());
      expect(new Set(paged).size).toBe(paged.length);
    });

    it("page backwards to the same order", async () => {
      expect(await allPages("", 8, true)).toEqual(await allPages("", 8));
    });

    it("sort descending by a relationship count", async () => {
      const { data } = await ok(
        `{ bodies(orderBy: { field: RELATIONSHIP_COUNT, direction: DESC, relationshipType: MEMBER_OF, relationshipDirection: IN }, first: 3) { edges { node { id members { id } } } } }`,
      );
      const counts = data.bodies.edges.map((e: Answer) => e.node.members.length);

      expect(data.bodies.edges[0].node.id).toBe("bali-process");
      expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    });

    it("count in the page's own statement, only when totalCount is asked for", async () => {
      const [{ states }] = await db.executor.read("MATCH (n:State) RETURN count(n) AS states");
      const without = await ok(`{ states(first: 5) { edges { node { id } } } }`);
      const withCount = await ok(`{ states(first: 5) { totalCount edges { node { id } } } }`);
      const throughFragment = await ok(
        `{ states(first: 5) { ...Counted } } fragment Counted on StateConnection { n: totalCount edges { node { id } } }`,
      );

      expect(without.queries).toBe(1);
      expect(withCount.queries).toBe(1);
      expect(throughFragment.queries).toBe(1);
      expect(withCount.data.states.totalCount).toBe(states);
      expect(throughFragment.data.states.n).toBe(states);
      expect(withCount.data.states.edges).toEqual(without.data.states.edges);
    });

    it("count every page the same, whichever way it pages, and count an empty answer as 0", async () => {
      const first = await ok(
        `{ states(first: 3) { totalCount pageInfo { endCursor } edges { node { id } } } }`,
      );
      const next = await ok(
        `query($after: String) { states(first: 3, after: $after) { totalCount edges { node { id } } } }`,
        { after: first.data.states.pageInfo.endCursor },
      );
      const backwards = await ok(`{ states(last: 3) { totalCount edges { node { id } } } }`);
      const none = await ok(
        `{ states(filter: { related: [{ type: MEMBER_OF, id: "no-such-entity" }] }) { totalCount edges { node { id } } } }`,
      );

      expect(next.data.states.totalCount).toBe(first.data.states.totalCount);
      expect(backwards.data.states.totalCount).toBe(first.data.states.totalCount);
      expect(next.data.states.edges).toHaveLength(3);
      expect(next.data.states.edges[0].node.id).not.toBe(first.data.states.edges[0].node.id);
      expect(none.data.states).toEqual({ totalCount: 0, edges: [] });
    });

    it("combine OR, NOT, types, years and relationship filters", async () => {
      const { data } = await ok(`{
        meetings(first: 100, filter: {
          OR: [{ types: ["ministerial-conference"] }, { types: ["ahg-senior-officials-meeting"] }]
          NOT: { yearFrom: 2014 }
          related: [{ type: HELD_IN, direction: OUT, id: "bali" }]
        }) { edges { node { id type year } } }
      }`);
      const rows = await db.executor.read(
        `MATCH (m:Meeting)-[:HELD_IN]->(:Entity {id: "bali"})
         WHERE m.type IN ["ministerial-conference", "ahg-senior-officials-meeting"] AND NOT m.year >= 2014
         RETURN DISTINCT m.id AS id ORDER BY id`,
      );

      expect(data.meetings.edges.map((e: Answer) => e.node.id).sort()).toEqual(rows.map((r) => r.id));
      expect(rows.length).toBeGreaterThan(2);
    });

    it("match names and aliases ignoring case, and exclude by notRelated", async () => {
      const { data } = await ok(`{
        byAlias: states(filter: { nameOrAlias: "kampuchea" }) { edges { node { id } } }
        notAhg: states(first: 100, filter: { notRelated: [{ type: MEMBER_OF, direction: OUT, id: "ad-hoc-group" }] }) { totalCount }
        all: states { totalCount }
        ahg: states(filter: { related: [{ type: MEMBER_OF, direction: OUT, id: "ad-hoc-group" }] }) { totalCount }
      }`);

      expect(data.byAlias.edges.map((e: Answer) => e.node.id)).toEqual(["KH"]);
      expect(data.notAhg.totalCount + data.ahg.totalCount).toBe(data.all.totalCount);
      expect(data.ahg.totalCount).toBe(16);
    });
  });

  describe("graphs", () => {
    it("return a neighbourhood whose edges join only its nodes, nearest first, within the limit", async () => {
      const { data, queries } = await ok(
        `{ neighbourhood(id: "ad-hoc-group", depth: 2, limit: 40) { truncated nodes { id } edges { source target } } }`,
      );
      const ids = new Set(data.neighbourhood.nodes.map((n: Answer) => n.id));

      expect(data.neighbourhood.nodes[0].id).toBe("ad-hoc-group");
      expect(ids.size).toBe(40);
      expect(data.neighbourhood.truncated).toBe(true);
      for (const e of data.neighbourhood.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      // The centre and both levels in one statement (an id needs no names read).
      expect(queries).toBe(1);
    });

    it("walk a neighbourhood as a breadth-first walk level by level does, whatever the depth and limit", async () => {
      /** The walk the API documents, one Cypher statement per level, in the test. */
      async function walk(id: string, depth: number, limit: number) {
        const nodes = [id];
        const edges = new Set<string>();
        let frontier = [id];
        let truncated = false;
        for (let level = 1; level <= depth && frontier.length > 0; level++) {
          const [row] = await db.executor.read(
            `UNWIND $frontier AS id MATCH (a:Entity {id: id})-[r:!MENTIONS]-(b:Entity) WITH r, b ORDER BY b.name, r.id
             RETURN collect({ id: r.id, ends: [startNode(r).id, endNode(r).id], node: b.id }) AS hops`,
            { frontier },
          );
          const next: string[] = [];
          for (const hop of row!.hops as { id: string; ends: string[]; node: string }[]) {
            if (!nodes.includes(hop.node)) {
              if (nodes.length >= limit) {
                truncated = true;
                continue;
              }
              nodes.push(hop.node);
              next.push(hop.node);
            }
            if (hop.ends.every((end) => nodes.includes(end))) edges.add(hop.id);
          }
          frontier = next;
        }
        return { truncated, nodes, edges: [...edges] };
      }

      for (const centre of ["ad-hoc-group", "NZ", "bangkok", "bali-declaration-2016"]) {
        for (const depth of [1, 2, 3]) {
          for (const limit of [1, 2, 12, 40, 500]) {
            const { data, queries } = await ok(
              `query ($id: ID!, $depth: Int!, $limit: Int!) {
                neighbourhood(id: $id, depth: $depth, limit: $limit) { truncated nodes { id } edges { id } } }`,
              { id: centre, depth, limit },
            );
            const expected = await walk(centre, depth, limit);

            expect({
              truncated: data.neighbourhood.truncated,
              nodes: data.neighbourhood.nodes.map((n: Answer) => n.id),
              edges: data.neighbourhood.edges.map((e: Answer) => e.id),
            }).toEqual(expected);
            expect(queries).toBeLessThanOrEqual(depth < 3 ? 1 : 2);
          }
        }
      }
    });

    it("match a neighbourhood read hop by hop with Cypher, and give null for an unknown centre", async () => {
      const { data } = await ok(`{
        one: neighbourhood(id: "NZ", depth: 1, limit: 200) { truncated nodes { id } edges { id } }
        none: neighbourhood(id: "atlantis", depth: 2) { nodes { id } }
      }`);
      const rows = await db.executor.read(
        `MATCH (c:Entity {id: "NZ"})-[r:!MENTIONS]-(b:Entity) RETURN collect(DISTINCT b.id) AS ids, collect(DISTINCT r.id) AS edges`,
      );

      expect(data.one.truncated).toBe(false);
      expect(data.one.nodes[0].id).toBe("NZ");
      expect(
        data.one.nodes
          .slice(1)
          .map((n: Answer) => n.id)
          .sort(),
      ).toEqual([...(rows[0]!.ids as string[])].sort());
      expect(data.one.edges.map((e: Answer) => e.id).sort()).toEqual(
        [...(rows[0]!.edges as string[])].sort(),
      );
      expect(data.none).toBeNull();
    });

    it("follow only the requested relationship types", async () => {
      const { data } = await ok(
        `{ neighbourhood(id: "NZ", depth: 2, types: [CO_CHAIRS]) { nodes { id } edges { type } } }`,
      );

      expect(new Set(data.neighbourhood.edges.map((e: Answer) => e.type))).toEqual(new Set(["CO_CHAIRS"]));
      expect(data.neighbourhood.nodes.map((n: Answer) => n.id).sort()).toEqual([
        "LK",
        "NZ",
        "working-group-on-disruption",
      ]);
    });

    it("give no path when none is short enough, and paths whose edges chain from `from` to `to`", async () => {
      const none = await ok(`{ paths(from: "NZ", to: "rso", maxLength: 1) { paths { length } } }`);
      const { data } = await ok(
        `{ paths(from: "LK", to: "bangkok", maxLength: 4, limit: 5) { paths { nodeIds edgeIds } graph { edges { id source target } } } }`,
      );

      expect(none.data.paths.paths).toEqual([]);
      const edges = new Map(data.paths.graph.edges.map((e: Answer) => [e.id, e]));
      for (const path of data.paths.paths) {
        path.edgeIds.forEach((id: string, i: number) => {
          const e: Answer = edges.get(id);
          expect([e.source, e.target].sort()).toEqual([path.nodeIds[i], path.nodeIds[i + 1]].sort());
        });
      }
    });

    it("read only what the graph's nodes and edges select, and give the same answers", async () => {
      const slim = await server.execute(
        `{ neighbourhood(id: "NZ", depth: 2) { nodes { id name } edges { id source } } }`,
      );
      const full = await ok(`{ neighbourhood(id: "NZ", depth: 2) {
        nodes { id kind name type entity { description aliases { name } ... on Meeting { year } } }
        edges { id type source target properties sources { citation } } } }`);

      expect(slim.body.errors).toBeUndefined();
      for (const statement of slim.statements) {
        expect(statement).not.toContain(".*");
        expect(statement).not.toContain("properties(r)");
      }
      expect(slim.statements.at(-1)).toContain("collect(DISTINCT [b.id, b.kind, b.name, b.type])");
      const neighbourhood = slim.body.data!.neighbourhood as Answer;
      expect(neighbourhood.nodes).toEqual(
        full.data.neighbourhood.nodes.map(({ id, name }: Answer) => ({ id, name })),
      );
      expect(neighbourhood.edges).toEqual(
        full.data.neighbourhood.edges.map(({ id, source }: Answer) => ({ id, source })),
      );

      // Every property of a node and of an edge is there when asked for.
      const rows = await db.executor.read(
        `MATCH (n:Entity {id: "NZ"})-[r]-() RETURN n.description AS description, collect(r.id) AS ids`,
      );
      const nz = full.data.neighbourhood.nodes[0];
      expect(nz.entity.description).toBe(rows[0]!.description);
      expect(nz.entity.aliases.length).toBeGreaterThan(0);
      const withRole = full.data.neighbourhood.edges.find((e: Answer) => e.properties.role !== undefined);
      expect(withRole.sources.length).toBeGreaterThan(0);
      expect(full.data.neighbourhood.nodes.some((n: Answer) => typeof n.entity.year === "number")).toBe(true);
    });

    it("read only what a path's graph selects", async () => {
      const { body, statements } = await server.execute(
        `{ paths(from: "LK", to: "bangkok", maxLength: 4) { graph { nodes { id entity { description } } edges { sources { citation } } } } }`,
      );

      expect(body.errors).toBeUndefined();
      // What `from` and `to` name, then the paths.
      expect(statements).toHaveLength(1);
      expect(statements[0]).toContain("n { .description, .id, .kind, .name, .type }");
      expect(statements[0]).toContain("properties: r { .sources }");
    });
  });

  describe("bad input", () => {
    it.each([
      ["a page over the cap", `{ states(first: 101) { totalCount } }`, /between 0 and 100/],
      ["first and last together", `{ states(first: 1, last: 1) { totalCount } }`, /not both/],
      ["a cursor this API did not make", `{ states(after: "bm9wZQ") { totalCount } }`, /not a cursor/],
      ["an id of no known form", `{ node(id: "New Zealand!") { id } }`, /is not an id/],
      ["a depth over the cap", `{ neighbourhood(id: "NZ", depth: 4) { truncated } }`, /from 1 to 3/],
      [
        "a path from an entity to itself",
        `{ paths(from: "NZ", to: "NZ") { paths { length } } }`,
        /must be different/,
      ],
      ["both id and name", `{ entity(id: "NZ", name: "New Zealand") { id } }`, /exactly one of/],
      ["a search page of none", `{ search(text: "Australia", first: 0) { score } }`, /between 1 and 50/],
      ["a search of no words", `{ search(text: "***") { score } }`, /`text` has no word to search/],
      ["a search of blanks", `{ search(text: "   ") { score } }`, /`text` has no word to search/],
    ])("%s is BAD_USER_INPUT saying what is allowed", async (_name, query, message) => {
      const error = await errorOf(query);

      expect(error.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(message);
    });

    it("is answered over HTTP without a stack trace", async () => {
      const { status, body } = await server.post(`{ states(first: 1000) { totalCount } }`);

      expect(status).toBe(200);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|\bat .*\.ts:/);
      expect(body.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    });
  });
});
