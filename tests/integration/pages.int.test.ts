import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import express from "express";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { packageRoot } from "../../src/config";
import { toGraphML } from "../../src/server/graph-formats";
import { createPlayground } from "../../src/server/playground";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request without fetch's transparent decompression, to see the bytes as sent. */
function raw(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ["node", "edge", "key", "data"].includes(name),
});

describe("the playground, explorer and export routes over HTTP", () => {
  let db: TestDatabase;
  let server: TestServer;
  let url: string;

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor);
    url = server.app.url;
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  describe("the playground", () => {
    it("is a small page at / with the examples, compressed and revalidated by ETag", async () => {
      const page = await raw(`${url}/`, { "accept-encoding": "br, gzip" });
      expect(page.status).toBe(200);
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(page.headers["content-encoding"]).toBe("br");
      expect(page.headers["cache-control"]).toBe("no-cache");
      expect(page.headers.vary).toContain("Accept-Encoding");
      const html = zlib.brotliDecompressSync(page.body).toString("utf8");
      expect(html).toContain("AhgMembersWhoCoChairAWorkingGroup");
      expect(html.length).toBeLessThan(64 * 1024);
      // Nothing on the page points outside the server.
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);

      const again = await raw(`${url}/`, {
        "accept-encoding": "br, gzip",
        "if-none-match": page.headers.etag!,
      });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    });

    it("serves GraphiQL's bundle from hashed URLs, pre-compressed and cached for good", async () => {
      const html = await (await fetch(`${url}/`)).text();
      const assets = [...html.matchAll(/"(\/playground\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThanOrEqual(2);
      const script = assets.find((a) => /graphiql\.[\w-]+\.js$/.test(a))!;

      const plain = await raw(`${url}${script}`);
      const gzipped = await raw(`${url}${script}`, { "accept-encoding": "gzip" });
      const brotli = await raw(`${url}${script}`, { "accept-encoding": "gzip, br" });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(gzipped.headers["content-encoding"]).toBe("gzip");
      expect(brotli.headers["content-encoding"]).toBe("br");
      expect(zlib.gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
      expect(zlib.brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
      expect(brotli.body.length).toBeLessThan(plain.body.length / 3);
      expect(brotli.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(brotli.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(brotli.headers.etag).not.toBe(gzipped.headers.etag);
      expect((await raw(`${url}/playground/assets/graphiql.nope.js`)).status).toBe(404);
    });

    it("opens on the README's first question when schema/examples.graphql is missing", async () => {
      const app = express().get(
        "/",
        createPlayground({ examplesPath: "/nonexistent/examples.graphql", introspection: true }).page,
      );
      const listener = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => listener.once("listening", resolve));
      try {
        const { port } = listener.address() as { port: number };
        const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
        expect(html).toContain("query AhgMembersWhoCoChairAWorkingGroup");
        expect(html).not.toContain("CoChairsOfEachBody");
      } finally {
        listener.close();
      }
    });

    it("answers GET /graphql with the page for a browser and with GraphQL for an API client", async () => {
      const browser = await fetch(`${url}/graphql`, {
        headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" },
      });
      expect(browser.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await browser.text()).toContain("playground-settings");

      const client = await fetch(`${url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
        headers: { accept: "application/json", "apollo-require-preflight": "true" },
      });
      expect(client.status).toBe(200);
      expect(await client.json()).toEqual({ data: { __typename: "Query" } });
    });
  });

  describe("the explorer", () => {
    it("is a static page with its scripts, Cytoscape.js and the layout from node_modules", async () => {
      const page = await fetch(`${url}/explore`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      const scripts = [...html.matchAll(/<script[^>]* src="([^"]+)"/g)].map((m) => m[1]!);
      expect(scripts).toEqual(
        expect.arrayContaining([
          "/vendor/cytoscape.min.js",
          "/vendor/cytoscape-fcose.js",
          "/explore/main.js",
        ]),
      );
      // main.js and the modules it imports, as they are in public/: no build step.
      const modules = fs
        .readdirSync(path.join(packageRoot(), "public", "explore"))
        .filter((file) => file.endsWith(".js"))
        .map((file) => `/explore/${file}`);
      expect(modules.length).toBeGreaterThanOrEqual(8);
      for (const script of [...scripts, ...modules, "/explore/explore.css", "/shared/graph-formats.js"]) {
        const response = await raw(`${url}${script}`, { "accept-encoding": "gzip" });
        expect([script, response.status]).toEqual([script, 200]);
        // compression leaves bodies under its threshold (1 KB) as they are.
        const size = Number(response.headers["content-length"] ?? Infinity);
        expect([script, response.headers["content-encoding"] ?? (size < 1024 ? "small" : "none")]).toEqual([
          script,
          size < 1024 ? "small" : "gzip",
        ]);
        expect(response.headers.etag).toBeDefined();
      }
      expect((await fetch(`${url}/vendor/nothing.js`)).status).toBe(404);
    });

    it("imports only modules the server serves, and serves them as JavaScript", async () => {
      const seen = new Set<string>();
      const pending = ["/explore/main.js"];
      while (pending.length > 0) {
        const module = pending.pop()!;
        if (seen.has(module)) continue;
        seen.add(module);
        const response = await fetch(`${url}${module}`);
        expect([module, response.status]).toEqual([module, 200]);
        expect(response.headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
        const source = await response.text();
        for (const [, specifier] of source.matchAll(/^import [^"]*"([^"]+)";$/gm)) {
          pending.push(new URL(specifier!, `${url}${module}`).pathname);
        }
      }
      expect([...seen]).toEqual(expect.arrayContaining(["/explore/api.js", "/shared/graph-formats.js"]));
    });
  });

  describe("security headers", () => {
    it.each(["/", "/explore"])(
      "%s forbids framing and loading anything from another origin",
      async (page) => {
        const response = await fetch(`${url}${page}`);
        const policy = response.headers.get("content-security-policy")!;
        expect(policy).toContain("frame-ancestors 'none'");
        expect(policy).toContain("default-src 'self'");
        expect(policy).toContain("script-src 'self'");
        expect(policy).not.toMatch(/https?:|\*/);
        expect(response.headers.get("x-frame-options")).toBe("DENY");
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      },
    );
  });

  describe("the files clients are set up from", () => {
    it.each(["possible-types.json", "cache-policies.json", "schema.graphql", "examples.graphql"])(
      "serves schema/%s as committed, to any origin",
      async (file) => {
        const response = await fetch(`${url}/schema/${file}`);
        expect(response.status).toBe(200);
        expect(response.headers.get("access-control-allow-origin")).toBe("*");
        expect(await response.text()).toBe(fs.readFileSync(path.join(packageRoot(), "schema", file), "utf8"));
      },
    );

    it("serves nothing else from schema/", async () => {
      expect((await fetch(`${url}/schema/..%2Fpackage.json`)).status).toBe(404);
      expect((await fetch(`${url}/schema/nothing.json`)).status).toBe(404);
    });
  });

  describe("the neighbourhood exports", () => {
    const NEIGHBOURHOOD = `query ($id: ID!, $depth: Int!, $types: [RelationshipType!]) {
      neighbourhood(id: $id, depth: $depth, types: $types) { nodes { id } edges { id type } }
    }`;

    async function neighbourhood(id: string, depth: number, types?: string[]) {
      const { body } = await server.post(NEIGHBOURHOOD, { id, depth, types });
      return (
        body.data as { neighbourhood: { nodes: { id: string }[]; edges: { id: string; type: string }[] } }
      ).neighbourhood;
    }

    it("writes GraphML with one node and edge element per node and relationship of the neighbourhood", async () => {
      const expected = await neighbourhood("NZ", 2);
      const response = await fetch(`${url}/export/neighbourhood.graphml?id=NZ&depth=2`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/graphml+xml; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(
        'attachment; filename="neighbourhood-NZ-depth-2.graphml"',
      );
      const xml = await response.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      const graphml = parser.parse(xml).graphml;
      expect(graphml["@_xmlns"]).toBe("http://graphml.graphdrawing.org/xmlns");
      expect(graphml.graph["@_edgedefault"]).toBe("directed");
      expect(graphml.graph.node.map((n: Record<string, string>) => n["@_id"]).sort()).toEqual(
        expected.nodes.map((n) => n.id).sort(),
      );
      expect(graphml.graph.edge).toHaveLength(expected.edges.length);
      const label = graphml.key.find(
        (k: Record<string, string>) => k["@_attr.name"] === "label" && k["@_for"] === "node",
      );
      const nz = graphml.graph.node.find((n: Record<string, string>) => n["@_id"] === "NZ");
      expect(nz.data.find((d: Record<string, string>) => d["@_key"] === label["@_id"])["#text"]).toBe(
        "New Zealand",
      );
    });

    it("writes Cytoscape JSON, and honours the relationship types", async () => {
      const expected = await neighbourhood("NZ", 1, ["MEMBER_OF"]);
      const response = await fetch(`${url}/export/neighbourhood.cyjs?id=NZ&types=MEMBER_OF`);
      expect(response.status).toBe(200);
      const cyjs = (await response.json()) as {
        elements: { nodes: { data: { id: string } }[]; edges: { data: { interaction: string } }[] };
      };
      expect(cyjs.elements.nodes).toHaveLength(expected.nodes.length);
      expect(cyjs.elements.edges).toHaveLength(expected.edges.length);
      expect(new Set(cyjs.elements.edges.map((e) => e.data.interaction))).toEqual(new Set(["MEMBER_OF"]));
    });

    it.each([
      ["?depth=2", /`id` is required/],
      ["?id=NZ&depth=two", /`depth` must be a whole number/],
      ["?id=NZ&depth=9", /depth.*1 to 3/],
      ["?id=NZ&types=FRIENDS_WITH", /FRIENDS_WITH/],
      ["?id=NZ&colour=red", /unknown parameter colour/],
      ["?id=NZ&id=AU", /`id` was given more than once/],
    ])("answers 400 with a message for %s, in the API's error shape", async (query, message) => {
      const response = await fetch(`${url}/export/neighbourhood.graphml${query}`);
      expect(response.status).toBe(400);
      const { errors } = (await response.json()) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(message);
      expect(["BAD_REQUEST", "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"]).toContain(
        errors[0]!.extensions.code,
      );
    });

    it("answers 404 for an id no entity has", async () => {
      const response = await fetch(`${url}/export/neighbourhood.cyjs?id=no-such-entity`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        errors: [
          { message: 'no entity has the id or the name "no-such-entity"', extensions: { code: "NOT_FOUND" } },
        ],
      });
    });
  });

  describe("the GraphML writer", () => {
    it("escapes markup and drops characters XML cannot hold", () => {
      const xml = toGraphML(
        {
          nodes: [
            { id: "a", kind: "STATE", name: 'A <b>&</b> "quoted" \u0001', type: null },
            { id: "b", kind: "BODY", name: "]]> B", type: "group" },
          ],
          edges: [
            {
              id: "a-b",
              type: "MEMBER_OF",
              source: "a",
              target: "b",
              properties: { role: "<member>", since: 2002, extra: { nested: true } },
              sources: [{ citation: "001:1-2", source: { title: "T & T" } }],
            },
          ],
        },
        { id: "test graph", title: "Test & title", description: "<desc>" },
      );
      expect(XMLValidator.validate(xml)).toBe(true);
      const graphml = parser.parse(xml).graphml;
      const text = (element: { data: { "@_key": string; "#text": unknown }[] }, key: string) =>
        element.data.find((d) => d["@_key"] === key)?.["#text"];
      expect(graphml.graph["@_id"]).toBe("test_graph");
      expect(text(graphml.graph.node[0], "n_label")).toBe('A <b>&</b> "quoted" \uFFFD');
      expect(text(graphml.graph.node[1], "n_label")).toBe("]]> B");
      const keys = Object.fromEntries(
        graphml.key.map((k: Record<string, string>) => [k["@_attr.name"] + "/" + k["@_for"], k]),
      );
      expect(keys["since/edge"]["@_attr.type"]).toBe("int");
      const edge = graphml.graph.edge[0];
      expect(text(edge, keys["role/edge"]["@_id"])).toBe("<member>");
      expect(text(edge, keys["extra/edge"]["@_id"])).toBe('{"nested":true}');
      expect(text(edge, "e_sources")).toBe("001:1-2 (T & T)");
    });
  });
});
