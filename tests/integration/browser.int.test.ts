import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { type BrowserContext, type Page, chromium } from "playwright-core";
import { parseApiKeys } from "../../src/auth/api-keys";
import { packageRoot } from "../../src/config";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { seedTestDatabase } from "../support/seed";
import { type TestServer, startTestServer } from "../support/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const ARTIFACTS = path.join(packageRoot(), "test-artifacts");
const BROWSER_TIMEOUT = 180000;
const CURATOR_KEY = "browser-test-curator-0123456789";
const CITE_003 = `{ sources: [{ sourceId: "003", firstLine: 33, lastLine: 33 }] }`;

interface GraphAnswer {
  nodes: { id: string; name: string }[];
  edges: {
    id: string;
    type: string;
    source: string;
    target: string;
    sources: { citation: string; text: string | null; source: { title: string } }[];
  }[];
}

const NEIGHBOURHOOD = `query ($id: ID!, $depth: Int!) {
  neighbourhood(id: $id, depth: $depth) {
    nodes { id name }
    edges { id type source target sources { citation text source { title } } }
  }
}`;

interface EntityAnswer {
  sources: { citation: string; text: string | null }[];
  mentionedIn: { totalCount: number; edges: { node: { source: { title: string } } }[] };
}

const ENTITY_SOURCES = `query ($id: ID!) {
  entity(id: $id) {
    sources { citation text }
    mentionedIn(first: 10) { totalCount edges { node { source { title } } } }
  }
}`;

/** Reads every line of GraphiQL's response pane: Monaco renders only the lines in view. */
async function responseText(page: Page, until: (text: string) => boolean): Promise<string> {
  const pane = page.locator(".graphiql-response");
  const box = (await pane.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let seen = "";
  for (let i = 0; i < 80 && !until(seen); i++) {
    // Monaco draws spaces as no-break spaces.
    seen += "\n" + (await pane.innerText()).replace(/\u00a0/g, " ");
    await page.mouse.wheel(0, box.height * 0.8);
    await page.waitForTimeout(60);
  }
  return seen;
}

/** Clicks where Cytoscape draws a node (its centre) or an edge (its midpoint). */
async function clickGraphElement(page: Page, id: string, what: "node" | "edge"): Promise<void> {
  const point = await page.evaluate(
    ([elementId, kind]) => {
      const page = globalThis as unknown as PageGlobals;
      const element = page.explorer.cy.getElementById(elementId);
      const position = kind === "node" ? element.renderedPosition() : element.renderedMidpoint();
      const box = page.document.getElementById("graph")!.getBoundingClientRect();
      return { x: box.left + position.x, y: box.top + position.y };
    },
    [id, what] as const,
  );
  await page.mouse.click(point.x, point.y);
}

/**
 * The little of a page's globals that the callbacks run in the browser touch (the
 * project is compiled without the DOM library). Callbacks reach them through globalThis.
 */
interface PageGlobals {
  document: {
    body: { dataset: Record<string, string | undefined> };
    getElementById(id: string): { getBoundingClientRect(): { left: number; top: number } } | null;
    querySelectorAll(selector: string): { length: number };
  };
  explorer: {
    cy: {
      getElementById(id: string): {
        renderedPosition(): { x: number; y: number };
        renderedMidpoint(): { x: number; y: number };
        data(key: string): unknown;
      };
    };
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA and
 * best practices). The script is evaluated through the debugging protocol, which the page's
 * Content-Security-Policy does not apply to.
 */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Widths of the page's content and of the viewport, and the box of an element. */
async function layoutOf(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const doc = (globalThis as unknown as { document: LayoutDocument }).document;
    const box = doc.querySelector(sel)!.getBoundingClientRect();
    return {
      scrollWidth: doc.documentElement.scrollWidth,
      viewportWidth: doc.documentElement.clientWidth,
      box: { left: box.left, right: box.right, top: box.top, width: box.width, height: box.height },
    };
  }, selector);
}

interface LayoutDocument {
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelector(selector: string): {
    getBoundingClientRect(): { left: number; right: number; top: number; width: number; height: number };
  } | null;
}

async function shownNodeIds(page: Page): Promise<string[]> {
  return page
    .locator("#shown-nodes li")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-id")!));
}

/** Opens the explorer on an entity's neighbourhood and waits until it is drawn. */
async function openExplorerAt(page: Page, url: string, id: string, depth: number): Promise<void> {
  await page.goto(`${url}/explore?id=${id}&depth=${depth}`);
  await page.locator(`#shown-nodes li[data-id="${id}"]`).waitFor({ state: "attached", timeout: 60000 });
  await waitUntilReady(page);
}

async function waitUntilReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).document.body.dataset.state === "ready",
    null,
    { timeout: 60000 },
  );
}

describe("the playground and the explorer in Chromium, offline", () => {
  let db: TestDatabase | undefined;
  let server: TestServer;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  /** Every request for a URL outside the test server, from any page or worker. */
  const outside: string[] = [];
  /** Whatever the pages' Content-Security-Policy refused, reported by the pages themselves. */
  const refused: string[] = [];

  let curated = false;
  /** A change through the API, with a key, as a curator makes it. */
  async function curate<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    curated = true;
    const { body } = await server.post(query, variables, { authorization: `Bearer ${CURATOR_KEY}` });
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  async function api<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const { body } = await server.post(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}. Install Debian's package ` +
          "(apt-get update && apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH.",
      );
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    db = openTestDatabase();
    server = await startTestServer(db.executor, { apiKeys: parseApiKeys(`curator:${CURATOR_KEY}`) });
    const origin = new URL(server.app.url).origin;
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    // Every request goes through here: the server's own are let through, anything else is
    // recorded and refused, so a page that needs the outside world shows it as a failure.
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin) return route.continue();
      outside.push(url.href);
      return route.abort("blockedbyclient");
    });
    // Listens in every page before its own scripts run; a refusal is a page the policy breaks.
    await context.exposeBinding("reportCspViolation", (_source, text: string) => void refused.push(text));
    await context.addInitScript(() => {
      const page = globalThis as unknown as {
        addEventListener(
          type: string,
          listener: (event: { violatedDirective: string; blockedURI: string }) => void,
        ): void;
        reportCspViolation(text: string): void;
      };
      page.addEventListener("securitypolicyviolation", (event) =>
        page.reportCspViolation(`${event.violatedDirective} refused ${event.blockedURI}`),
      );
    });
    context.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin !== origin && !["data:", "blob:"].includes(url.protocol)) outside.push(url.href);
    });
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    await server?.stop();
    await db?.close();
    if (curated) await seedTestDatabase();
  });

  afterEach(() => {
    const requested = outside.splice(0);
    expect(requested).toEqual([]);
    expect(refused.splice(0)).toEqual([]);
  });

  it(
    "opens the playground with the examples and the schema docs, and runs the AHG co-chairs example",
    async () => {
      const page = await context!.newPage();
      await page.goto(`${server.app.url}/`);
      const run = page.locator(".graphiql-execute-button");
      await run.waitFor({ timeout: 60000 });
      await expect(page.title()).resolves.toContain("Bali Process graph");
      await page
        .locator(".graphiql-query-editor", { hasText: "query AhgMembersWhoCoChairAWorkingGroup" })
        .waitFor();

      await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
      const docs = page.locator(".graphiql-doc-explorer");
      await docs.getByText("Root Types").waitFor({ timeout: 30000 });
      await docs
        .locator("a", { hasText: /^Query$/ })
        .first()
        .click();
      await docs.getByText("neighbourhood", { exact: false }).first().waitFor();
      await page.getByRole("button", { name: "Hide Documentation Explorer" }).click();

      const answer = page.waitForResponse(
        (r) =>
          r.url().endsWith("/graphql") &&
          (r.request().postData() ?? "").includes("AhgMembersWhoCoChairAWorkingGroup"),
      );
      await run.click();
      // With several operations in the editor GraphiQL asks which one to run.
      const choice = page.getByRole("menuitem", { name: "AhgMembersWhoCoChairAWorkingGroup", exact: true });
      if (await choice.isVisible({ timeout: 2000 }).catch(() => false)) await choice.click();
      const body = (await (await answer).json()) as {
        data: { states: { edges: { node: { name: string } }[] } };
      };
      const expected = ["Australia", "Indonesia", "New Zealand", "Sri Lanka"];
      expect(body.data.states.edges.map((e) => e.node.name).sort()).toEqual(expected);

      await page.locator(".graphiql-response", { hasText: '"totalCount": 4' }).waitFor({ timeout: 30000 });
      await page.screenshot({ path: path.join(ARTIFACTS, "playground.png") });
      const shown = await responseText(page, (text) => expected.every((name) => text.includes(name)));
      for (const name of expected) expect(shown).toContain(`"name": "${name}"`);
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    "serves the same playground on GET /graphql to a browser, filled from ?query= and ?variables=",
    async () => {
      const page = await context!.newPage();
      const query = "query One($id: ID!) { entity(id: $id) { name } }";
      await page.goto(
        `${server.app.url}/graphql?${new URLSearchParams({ query, variables: '{ "id": "NZ" }' })}`,
      );
      await page.locator(".graphiql-query-editor", { hasText: "query One" }).waitFor({ timeout: 60000 });
      await page.locator(".graphiql-editor-tool", { hasText: '"id": "NZ"' }).waitFor();
      const answer = page.waitForResponse(
        (r) =>
          r.url().endsWith("/graphql") &&
          r.request().method() === "POST" &&
          (r.request().postData() ?? "").includes("query One"),
      );
      await page.locator(".graphiql-execute-button").click();
      expect(await (await answer).json()).toEqual({ data: { entity: { name: "New Zealand" } } });
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    "finds a misspelt entity in the explorer, draws its neighbourhood, shows an edge's sources and expands a node",
    async () => {
      const nz = (await api<{ neighbourhood: GraphAnswer }>(NEIGHBOURHOOD, { id: "NZ", depth: 1 }))
        .neighbourhood;
      const page = await context!.newPage();
      await page.goto(`${server.app.url}/explore`);
      await waitUntilReady(page);
      await page.getByLabel("Entity name or alias").fill("New Zeland");
      await page.getByRole("button", { name: "Search" }).click();
      await page.locator('#shown-nodes li[data-id="NZ"]').waitFor({ state: "attached", timeout: 60000 });
      await waitUntilReady(page);

      const shown = await shownNodeIds(page);
      expect(shown.sort()).toEqual(nz.nodes.map((n) => n.id).sort());
      expect(shown).toEqual(
        expect.arrayContaining([
          "ad-hoc-group",
          "bali-process",
          "steering-group",
          "working-group-on-disruption",
        ]),
      );
      await expect(page.locator("#search-results li").first().innerText()).resolves.toContain("New Zealand");
      await expect(page.locator("#details h3").innerText()).resolves.toBe("New Zealand");

      // The node: every source that states it, with the cited passage, and the documents that name it.
      const { entity } = await api<{ entity: EntityAnswer }>(ENTITY_SOURCES, { id: "NZ" });
      const nodeSources = page.locator("#details .entity-sources");
      await nodeSources.getByText("Named in").waitFor();
      expect(entity.sources.length).toBeGreaterThan(0);
      const nodePassages = nodeSources.locator(".sources .passage");
      expect(await nodePassages.count()).toBe(entity.sources.length);
      for (const [i, citation] of entity.sources.entries()) {
        expect(citation.text).toBeTruthy();
        await expect(nodePassages.nth(i).innerText()).resolves.toBe(citation.text);
      }
      expect(entity.mentionedIn.totalCount).toBeGreaterThan(1);
      await expect(nodeSources.innerText()).resolves.toContain(
        `Named in ${entity.mentionedIn.totalCount} documents`,
      );
      const namedIn = nodeSources.locator(".mentions li");
      expect(await namedIn.count()).toBe(entity.mentionedIn.edges.length);
      for (const [i, { node }] of entity.mentionedIn.edges.entries())
        await expect(namedIn.nth(i).innerText()).resolves.toContain(node.source.title);

      // An edge: its properties and every source that states it, with the cited passage.
      const membership = nz.edges.find((e) => e.type === "MEMBER_OF" && e.target === "ad-hoc-group")!;
      await clickGraphElement(page, membership.id, "edge");
      const details = page.locator("#details");
      await details.getByText("Sources (").waitFor();
      const passages = details.locator(".sources .passage");
      expect(await passages.count()).toBe(membership.sources.length);
      for (const [i, citation] of membership.sources.entries()) {
        await expect(details.innerText()).resolves.toContain(citation.citation);
        await expect(details.innerText()).resolves.toContain(citation.source.title);
        expect(citation.text).toBeTruthy();
        await expect(passages.nth(i).innerText()).resolves.toBe(citation.text);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, "explorer.png") });

      // A click on a node merges its neighbourhood into the drawing.
      const ahg = (await api<{ neighbourhood: GraphAnswer }>(NEIGHBOURHOOD, { id: "ad-hoc-group", depth: 1 }))
        .neighbourhood;
      await clickGraphElement(page, "ad-hoc-group", "node");
      await page.waitForFunction(
        (n) =>
          (globalThis as unknown as PageGlobals).document.querySelectorAll("#shown-nodes li").length >= n,
        ahg.nodes.length,
        {
          timeout: 60000,
        },
      );
      await waitUntilReady(page);
      const afterExpand = await shownNodeIds(page);
      expect(afterExpand).toEqual(expect.arrayContaining([...nz.nodes, ...ahg.nodes].map((n) => n.id)));
      await expect(page.locator("#details h3").innerText()).resolves.toBe("Ad Hoc Group");
      await page.screenshot({ path: path.join(ARTIFACTS, "explorer-expanded.png") });
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    "filters by relationship type, finds a path, and opens the query it ran in the playground",
    async () => {
      const page = await context!.newPage();
      await openExplorerAt(page, server.app.url, "NZ", 1);
      const before = (await shownNodeIds(page)).length;

      await page.locator('#type-filter input[data-type="LOCATED_IN"]').uncheck();
      await expect(shownNodeIds(page)).resolves.not.toContain("wellington");
      expect((await shownNodeIds(page)).length).toBeLessThan(before);
      await page.locator('#type-filter input[data-type="LOCATED_IN"]').check();
      expect((await shownNodeIds(page)).length).toBe(before);

      await page.getByRole("button", { name: "Path from here" }).click();
      await page.getByLabel("Entity name or alias").fill("Regional Support Office");
      await page.getByRole("button", { name: "Search" }).click();
      await page.locator("#search-results li").first().waitFor();
      await waitUntilReady(page);
      await page
        .locator("#search-results li")
        .first()
        .getByRole("button", { name: "to", exact: true })
        .click();
      await page.getByRole("button", { name: "Find paths" }).click();
      await page.locator("#path-list li", { hasText: "step" }).first().waitFor({ timeout: 60000 });
      await waitUntilReady(page);
      await expect(page.locator("#path-list li").first().innerText()).resolves.toMatch(
        /New Zealand.*Regional Support Office/s,
      );

      const href = await page.locator("#open-in-playground").getAttribute("href");
      const link = new URL(href!, server.app.url);
      expect(link.pathname).toBe("/");
      expect(link.searchParams.get("query")).toContain("query Paths(");
      expect(JSON.parse(link.searchParams.get("variables")!)).toMatchObject({ from: "NZ" });
      await page.goto(link.href);
      await page.locator(".graphiql-query-editor", { hasText: "query Paths" }).waitFor({ timeout: 60000 });
      await page.locator(".graphiql-editor-tool", { hasText: '"from": "NZ"' }).waitFor();
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    "exports GraphML that parses, from the page and from the server, with the neighbourhood's counts",
    async () => {
      const nz2 = (await api<{ neighbourhood: GraphAnswer }>(NEIGHBOURHOOD, { id: "NZ", depth: 2 }))
        .neighbourhood;
      const parser = new XMLParser({
        ignoreAttributes: false,
        isArray: (name) => ["node", "edge", "key", "data"].includes(name),
      });
      const counts = (xml: string) => {
        expect(XMLValidator.validate(xml)).toBe(true);
        const graph = parser.parse(xml).graphml.graph;
        return { nodes: graph.node?.length ?? 0, edges: graph.edge?.length ?? 0 };
      };

      const response = await fetch(`${server.app.url}/export/neighbourhood.graphml?id=NZ&depth=2`);
      expect(response.status).toBe(200);
      expect(counts(await response.text())).toEqual({ nodes: nz2.nodes.length, edges: nz2.edges.length });

      const page = await context!.newPage();
      await openExplorerAt(page, server.app.url, "NZ", 2);
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "GraphML" }).click();
      const file = await (await download).path();
      expect(counts(fs.readFileSync(file, "utf8"))).toEqual({
        nodes: nz2.nodes.length,
        edges: nz2.edges.length,
      });
      await page.close();
    },
    BROWSER_TIMEOUT,
  );
  it(
    "has no serious or critical axe-core finding on the playground, and sends its security headers",
    async () => {
      const page = await context!.newPage();
      const response = await page.goto(`${server.app.url}/`);
      expect(response!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
      await page.locator(".graphiql-execute-button").waitFor({ timeout: 60000 });
      await page
        .locator(".graphiql-query-editor", { hasText: "query AhgMembersWhoCoChairAWorkingGroup" })
        .waitFor();
      await expect(page.locator("h1").innerText()).resolves.toContain("Bali Process graph");

      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it.each([
    [1440, 900],
    [390, 844],
  ])(
    "lays the explorer out at %i px wide: no sideways scroll, the graph in view, every control reachable, no serious axe-core finding",
    async (width, height) => {
      const page = await context!.newPage();
      await page.setViewportSize({ width, height });
      const response = await page.goto(`${server.app.url}/explore`);
      expect(response!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
      await waitUntilReady(page);
      await page.getByLabel("Entity name or alias").fill("New Zealand");
      await page.getByRole("button", { name: "Search" }).click();
      await page.locator('#shown-nodes li[data-id="NZ"]').waitFor({ state: "attached", timeout: 60000 });
      await waitUntilReady(page);

      const graph = await layoutOf(page, "#graph");
      expect(graph.scrollWidth).toBeLessThanOrEqual(width);
      expect(graph.box.left).toBeGreaterThanOrEqual(0);
      expect(graph.box.right).toBeLessThanOrEqual(width);
      expect(graph.box.width).toBeGreaterThanOrEqual(Math.min(width - 20, 600));
      expect(graph.box.height).toBeGreaterThanOrEqual(300);
      expect(graph.box.top).toBeLessThan(height / 2);
      const search = await layoutOf(page, "#search-input");
      expect(search.box.right).toBeLessThanOrEqual(width);
      expect(search.box.width).toBeGreaterThanOrEqual(150);

      // Every control can be scrolled to and used, down to the last panel.
      for (const name of ["Fit", "Re-layout", "Path from here", "All", "GraphML"]) {
        const control = page.getByRole("button", { name, exact: true }).first();
        await control.scrollIntoViewIfNeeded();
        const box = (await control.boundingBox())!;
        expect([name, box.x >= 0 && box.x + box.width <= width]).toEqual([name, true]);
      }
      await page.getByRole("button", { name: "Fit", exact: true }).click();
      await page.evaluate(() =>
        (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
      );
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(ARTIFACTS, `explorer-${width}.png`) });

      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    "shows a relationship type's description as text, its Markdown code spans as code",
    async () => {
      const page = await context!.newPage();
      await openExplorerAt(page, server.app.url, "MM", 1);
      const membership = await page.evaluate(() => {
        const cy = (globalThis as unknown as PageGlobals).explorer.cy as unknown as {
          edges(selector: string): { id(): string }[];
        };
        return cy.edges('[type = "MEMBER_OF"]')[0]!.id();
      });
      await clickGraphElement(page, membership, "edge");
      const description = page.locator("#details .hint").first();
      await description.waitFor();
      const text = await description.innerText();
      expect(text).toContain("role");
      expect(text).not.toContain("`");
      await expect(description.locator("code").first().innerText()).resolves.toBe("role");
      await page.close();
    },
    BROWSER_TIMEOUT,
  );
  it(
    "draws a change made through the API while the explorer shows the entity, without a reload",
    async () => {
      const page = await context!.newPage();
      await openExplorerAt(page, server.app.url, "NZ", 1);
      await page.locator("#live-status", { hasText: "Live:" }).waitFor({ timeout: 30000 });
      const before = await shownNodeIds(page);
      const navigations: string[] = [];
      page.on("framenavigated", (frame) => navigations.push(frame.url()));

      // A new body, and New Zealand made a member of it: New Zealand is drawn with its neighbours.
      const { createEntity } = await curate<{ createEntity: { entity: { id: string } } }>(
        `mutation { createEntity(input: { kind: BODY, name: "Live Drawing Test Group", type: "group" }, provenance: ${CITE_003}) { entity { id } } }`,
      );
      const body = createEntity.entity.id;
      await curate(
        `mutation($to: ID!) { createRelationship(input: { type: MEMBER_OF, from: "NZ", to: $to }, provenance: ${CITE_003}) { relationship { id } } }`,
        { to: body },
      );
      await page.locator(`#shown-nodes li[data-id="${body}"]`).waitFor({ state: "attached", timeout: 30000 });
      await expect(page.locator("#live-note").innerText()).resolves.toContain("create relationship");
      expect(await shownNodeIds(page)).toEqual(expect.arrayContaining([...before, body]));

      // A renamed entity is drawn with its new name.
      await curate(
        `mutation($id: ID!) { updateEntity(id: $id, input: { name: "Live Drawing Test Group, Renamed" }, provenance: ${CITE_003}) { entity { id } } }`,
        { id: body },
      );
      await page.waitForFunction(
        (id) =>
          (globalThis as unknown as PageGlobals).explorer.cy.getElementById(id).data("name") ===
          "Live Drawing Test Group, Renamed",
        body,
        { timeout: 30000 },
      );
      await expect(page.locator("#live-note").innerText()).resolves.toContain("update entity");
      expect(navigations).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    },
    BROWSER_TIMEOUT,
  );
});
