import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

/**
 * Entities named by id, name or alias wherever an argument names one (paths, neighbourhood,
 * the filters' ids), and paths that never visit an entity twice, through or around the
 * relationship types and entity kinds asked for. Everything against the seeded graph.
 */
describe("names wherever an entity is named, and simple paths", () => {
  let db: TestDatabase;
  let server: TestServer;

  async function ok(query: string, variables?: Record<string, unknown>) {
    const { body, queries, statements } = await server.execute(query, variables);
    expect(body.errors).toBeUndefined();
    return { data: body.data as Answer, queries, statements };
  }

  async function errorOf(query: string, variables?: Record<string, unknown>) {
    const { body } = await server.execute(query, variables);
    expect(body.errors).toHaveLength(1);
    return body.errors![0]! as Answer;
  }

  /** Whether a list holds a value twice. */
  const repeats = (ids: string[]) => new Set(ids).size !== ids.length;

  /** The entities whose name or alias is exactly this key, read with Cypher. */
  async function namedInCypher(key: string) {
    const rows = await db.executor.read(
      "MATCH (n:Entity) WHERE $key IN n.searchKeys RETURN n.id AS id, n.kind AS kind, n.name AS name ORDER BY n.id",
      { key },
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name }));
  }

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor);
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  describe("names", () => {
    it("name the ends of paths and the centre of a neighbourhood by name or alias, ignoring case and accents", async () => {
      const byId = await ok(`{
        paths(from: "NZ", to: "rso") { paths { nodeIds edgeIds } }
        neighbourhood(id: "ad-hoc-group") { nodes { id } edges { id } }
      }`);
      const byName = await ok(`{
        paths(from: "new zealand", to: "Regional Support Office") { paths { nodeIds edgeIds } }
        neighbourhood(id: "AHG") { nodes { id } edges { id } }
      }`);
      const byAlias = await ok(`{
        paths(from: "NEW ZÉALAND", to: "RSO") { paths { nodeIds edgeIds } }
        neighbourhood(id: "Bali Process Ad Hoc Group") { nodes { id } edges { id } }
      }`);

      expect(byId.data.paths.paths.length).toBeGreaterThan(0);
      expect(byName.data).toEqual(byId.data);
      expect(byAlias.data).toEqual(byId.data);
      expect(byName.data.neighbourhood.nodes[0].id).toBe("ad-hoc-group");
    });

    it("read names only when no entity has the text as its id", async () => {
      const byIds = await ok(`{
        a: paths(from: "NZ", to: "wellington") { paths { length } }
        c: neighbourhood(id: "ad-hoc-group") { truncated }
      }`);
      const byNames = await ok(`{
        a: paths(from: "New Zealand", to: "Wellington") { paths { length } }
        c: neighbourhood(id: "Ad Hoc Group") { truncated }
      }`);
      const namesRead = (statements: string[]) => statements.filter((s) => s.includes("searchKeys"));

      expect(byNames.data).toEqual(byIds.data);
      expect(namesRead(byIds.statements)).toHaveLength(0);
      expect(byIds.statements).toHaveLength(2);
      expect(namesRead(byNames.statements).length).toBeGreaterThan(0);
    });

    it("let an exact id win: a text that is an id is that entity", async () => {
      // "rso" is the id of the Regional Support Office and also one of its aliases; "002" is a
      // source's id, and no name.
      const { data } = await ok(`{
        rso: neighbourhood(id: "rso", depth: 1, limit: 1) { nodes { id } }
        source: neighbourhood(id: "002", depth: 1, limit: 1) { nodes { id kind } }
      }`);

      expect(data.rso.nodes[0].id).toBe("rso");
      expect(data.source.nodes[0]).toEqual({ id: "002", kind: "SOURCE" });
    });

    it("refuse a name of several entities with BAD_USER_INPUT listing the candidates", async () => {
      const name = "Bali Process 20th Anniversary Meeting";
      const candidates = await namedInCypher("bali process 20th anniversary meeting");
      expect(candidates.length).toBeGreaterThan(1);

      for (const query of [
        `{ neighbourhood(id: "${name}") { truncated } }`,
        `{ paths(from: "NZ", to: "${name}") { paths { length } } }`,
        `{ meetings(filter: { related: [{ type: HELD_IN, id: "${name}" }] }) { totalCount } }`,
      ]) {
        const error = await errorOf(query);

        expect(error.extensions.code).toBe("BAD_USER_INPUT");
        expect(error.extensions.candidates).toEqual(candidates);
        for (const c of candidates) expect(error.message).toContain(`${c.id} (${c.kind}, "${c.name}")`);
      }
    });

    it("refuse a name that names nothing, and answer an unknown id as before", async () => {
      const error = await errorOf(
        `{ paths(from: "New Zealand", to: "Republic of Atlantis") { paths { length } } }`,
      );
      const centre = await errorOf(`{ neighbourhood(id: "Atlantis") { truncated } }`);
      const { data } = await ok(`{
        none: neighbourhood(id: "atlantis") { truncated }
        noPaths: paths(from: "NZ", to: "atlantis") { paths { length } }
      }`);

      expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "to" });
      expect(error.message).toMatch(/no entity has the id or the name "Republic of Atlantis"/);
      expect(centre.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "id" });
      expect(data).toEqual({ none: null, noPaths: { paths: [] } });
    });

    it("refuse a path from an entity to itself however it is named", async () => {
      const error = await errorOf(`{ paths(from: "NZ", to: "new zealand") { paths { length } } }`);

      expect(error.extensions.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(/must be different entities; both are "NZ"/);
    });

    it("take names in the filters' ids and related ids, and match nothing for a name of nothing", async () => {
      const { data } = await ok(`{
        byIds: states(filter: { ids: ["NZ", "AU"] }) { edges { node { id } } }
        byNames: states(filter: { ids: ["New Zealand", "australia"] }) { edges { node { id } } }
        ahgById: states(first: 100, filter: { related: [{ type: MEMBER_OF, direction: OUT, id: "ad-hoc-group" }] }) { totalCount }
        ahgByAlias: states(first: 100, filter: { related: [{ type: MEMBER_OF, direction: OUT, id: "AHG" }] }) { totalCount }
        notAhg: states(filter: { NOT: { OR: [{ related: [{ type: MEMBER_OF, id: "Ad Hoc Group" }] }] } }) { totalCount }
        all: states { totalCount }
        nothing: states(filter: { ids: ["Republic of Atlantis"] }) { totalCount }
        nothingRelated: states(filter: { related: [{ type: MEMBER_OF, id: "Atlantis Forum" }] }) { totalCount }
        nestedById: states(first: 100, filter: { related: [{ type: CO_CHAIRS, direction: OUT, where: { related: [{ type: OPERATES_UNDER, direction: OUT, id: "ad-hoc-group" }] } }] }) { edges { node { id } } }
        nestedByName: states(first: 100, filter: { related: [{ type: CO_CHAIRS, direction: OUT, where: { related: [{ type: OPERATES_UNDER, direction: OUT, id: "Ad Hoc Group" }] } }] }) { edges { node { id } } }
      }`);

      expect(data.byNames).toEqual(data.byIds);
      expect(data.byIds.edges).toHaveLength(2);
      expect(data.ahgByAlias.totalCount).toBe(data.ahgById.totalCount);
      expect(data.ahgById.totalCount).toBe(16);
      expect(data.notAhg.totalCount).toBe(data.all.totalCount - 16);
      expect(data.nothing.totalCount).toBe(0);
      expect(data.nothingRelated.totalCount).toBe(0);
      // A name inside a nested condition is read with the others, and means its entity.
      expect(data.nestedById.edges.length).toBeGreaterThan(0);
      expect(data.nestedByName).toEqual(data.nestedById);
    });

    it("export the neighbourhood of an entity named by name", async () => {
      const get = async (id: string) => {
        const response = await fetch(
          `${server.app.url}/export/neighbourhood.cyjs?id=${encodeURIComponent(id)}`,
        );
        return { status: response.status, body: (await response.json()) as Answer };
      };
      const byName = await get("New Zealand");
      const byId = await get("NZ");
      const ambiguous = await get("Bali Process 20th Anniversary Meeting");

      expect(byName.status).toBe(200);
      expect(byName.body.elements).toEqual(byId.body.elements);
      expect(byName.body.data.id).toBe(byId.body.data.id);
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("simple paths", () => {
    const PATHS = `query ($from: ID!, $to: ID!, $limit: Int, $maxLength: Int, $types: [RelationshipType!], $avoidTypes: [RelationshipType!], $throughKinds: [EntityKind!], $avoidKinds: [EntityKind!]) {
      paths(from: $from, to: $to, limit: $limit, maxLength: $maxLength, types: $types, avoidTypes: $avoidTypes, throughKinds: $throughKinds, avoidKinds: $avoidKinds) {
        paths { nodeIds edgeIds length }
        graph { nodes { id kind } edges { id type source target } }
      }
    }`;

    async function pathsOf(variables: Record<string, unknown>) {
      const { data } = await ok(PATHS, variables);
      const kinds = new Map<string, string>(data.paths.graph.nodes.map((n: Answer) => [n.id, n.kind]));
      const edges = new Map<string, Answer>(data.paths.graph.edges.map((e: Answer) => [e.id, e]));
      return { paths: data.paths.paths as Answer[], kinds, edges };
    }

    it("never visit an entity twice where walks that may repeat one do (Indonesia to Jakarta)", async () => {
      // The shortest walk from Indonesia to Jakarta that passes an entity twice (Indonesia,
      // something, Indonesia, Jakarta): as short as simple paths the answer holds, so the
      // statement before this one, which let walks repeat entities, could answer it.
      const [shortestRepeat] = await db.executor.read(
        `MATCH p = (a:Entity {id: "ID"})-[]-{1,4}(b:Entity {id: "jakarta"})
         WHERE size(nodes(p)) > size(reduce(seen = [], n IN nodes(p) | CASE WHEN n IN seen THEN seen ELSE seen + n END))
         RETURN min(length(p)) AS length`,
      );
      const { paths } = await pathsOf({ from: "ID", to: "jakarta", limit: 10 });

      expect(shortestRepeat!.length).toBe(3);
      expect(paths.length).toBeGreaterThan(3);
      expect(Math.max(...paths.map((p: Answer) => p.length))).toBeGreaterThanOrEqual(3);
      for (const path of paths) expect(repeats(path.nodeIds)).toBe(false);
    });

    it("give distinct paths, shortest first, each a chain of its edges, as many as asked when there are", async () => {
      for (const [from, to] of [
        ["NZ", "bali-process"],
        ["LK", "bangkok"],
        ["AU", "rso"],
      ]) {
        const { paths, edges } = await pathsOf({ from, to, limit: 10, maxLength: 4 });

        expect(paths).toHaveLength(10);
        expect(new Set(paths.map((p) => p.edgeIds.join(" "))).size).toBe(paths.length);
        const lengths = paths.map((p) => p.length);
        expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
        for (const path of paths) {
          expect(repeats(path.nodeIds)).toBe(false);
          expect([path.nodeIds[0], path.nodeIds.at(-1)]).toEqual([from, to]);
          path.edgeIds.forEach((id: string, i: number) => {
            const e = edges.get(id);
            expect([e.source, e.target].sort()).toEqual([path.nodeIds[i], path.nodeIds[i + 1]].sort());
          });
        }
      }
    });

    it("find the shortest simple paths: none shorter is left out", async () => {
      // Every simple path of length 3 or less (a document naming an entity is no step), read exhaustively with Cypher.
      const rows = await db.executor.read(
        `MATCH p = (a:Entity {id: "NZ"})-[:!MENTIONS]-{1,3}(b:Entity {id: "wellington"})
         WHERE all(n IN nodes(p) WHERE n:Entity AND single(m IN nodes(p) WHERE m = n))
         RETURN length(p) AS length ORDER BY length`,
      );
      const { paths } = await pathsOf({ from: "NZ", to: "wellington", limit: 10, maxLength: 3 });

      expect(paths.map((p) => p.length)).toEqual(rows.map((r) => Number(r.length)).slice(0, 10));
    });

    it("find the one shortest path when one is asked for, through entities only", async () => {
      const rows = await db.executor.read(
        `MATCH p = (a:Entity {id: "NZ"})-[:!MENTIONS]-{1,3}(b:Entity {id: "wellington"})
         WHERE all(n IN nodes(p) WHERE n:Entity)
         RETURN min(length(p)) AS length`,
      );
      const { paths } = await pathsOf({ from: "NZ", to: "wellington", limit: 1, maxLength: 3 });

      expect(paths.map((p) => p.length)).toEqual([Number(rows[0].length)]);
      const kinds = await db.executor.read(`MATCH (n) WHERE n.id IN $ids RETURN n:Entity AS entity`, {
        ids: paths[0].nodeIds,
      });
      expect(kinds.map((r) => r.entity)).toEqual(paths[0].nodeIds.map(() => true));
    });

    it("go through only the relationship types asked for, and never through those to avoid", async () => {
      const only = await pathsOf({
        from: "NZ",
        to: "rso",
        limit: 10,
        types: ["MEMBER_OF", "REPORTS_TO"],
      });
      const avoiding = await pathsOf({ from: "NZ", to: "rso", limit: 10, avoidTypes: ["MEMBER_OF"] });
      const both = await pathsOf({
        from: "NZ",
        to: "rso",
        limit: 10,
        types: ["MEMBER_OF", "PARTICIPATED_IN", "LOCATED_IN", "HELD_IN"],
        avoidTypes: ["MEMBER_OF"],
      });

      expect(only.paths.length).toBeGreaterThan(0);
      for (const e of only.edges.values()) expect(["MEMBER_OF", "REPORTS_TO"]).toContain(e.type);
      expect(avoiding.paths.length).toBeGreaterThan(0);
      for (const e of avoiding.edges.values()) expect(e.type).not.toBe("MEMBER_OF");
      for (const e of both.edges.values())
        expect(["PARTICIPATED_IN", "LOCATED_IN", "HELD_IN"]).toContain(e.type);
    });

    it("go through only the entity kinds asked for, and never through those to avoid; the ends may be of any kind", async () => {
      const through = await pathsOf({
        from: "NZ",
        to: "wellington",
        limit: 10,
        maxLength: 5,
        throughKinds: ["BODY", "MEETING"],
      });
      const avoiding = await pathsOf({
        from: "NZ",
        to: "rso",
        limit: 10,
        maxLength: 5,
        avoidKinds: ["BODY"],
      });
      const inner = (paths: Answer[]) => paths.flatMap((p) => p.nodeIds.slice(1, -1));

      expect(through.paths.length).toBeGreaterThan(0);
      for (const id of inner(through.paths)) expect(["BODY", "MEETING"]).toContain(through.kinds.get(id));
      expect(avoiding.paths.length).toBeGreaterThan(0);
      for (const id of inner(avoiding.paths)) expect(avoiding.kinds.get(id)).not.toBe("BODY");
      // Without the condition, the shortest paths go through bodies.
      const free = await pathsOf({ from: "NZ", to: "rso", limit: 10, maxLength: 5 });
      expect(inner(free.paths).some((id) => free.kinds.get(id) === "BODY")).toBe(true);
    });

    it("refuse conditions that leave nothing to go through, and lists over their bound", async () => {
      const types = await errorOf(PATHS, {
        from: "NZ",
        to: "rso",
        types: ["MEMBER_OF"],
        avoidTypes: ["MEMBER_OF"],
      });
      const kinds = await errorOf(PATHS, {
        from: "NZ",
        to: "rso",
        throughKinds: ["BODY"],
        avoidKinds: ["BODY"],
      });
      const long = await errorOf(PATHS, { from: "NZ", to: "rso", avoidKinds: Array(41).fill("BODY") });

      expect(types.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "avoidTypes" });
      expect(kinds.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "avoidKinds" });
      expect(long.extensions).toMatchObject({ code: "BAD_USER_INPUT", bound: "pathFilterLength", limit: 40 });
    });
  });
});
