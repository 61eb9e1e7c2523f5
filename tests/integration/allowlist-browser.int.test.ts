import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { packageRoot } from "../../src/config";
import { MANIFEST_PATH } from "../../src/scripts/operations-manifest";
import { loadOperationsAllowlist } from "../../src/server/persisted-operations";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const BROWSER_TIMEOUT = 180000;

interface Exchange {
  sent: string;
  status: number;
  answer: string;
}

/** The document's state as the explorer sets it (the project is compiled without the DOM library). */
const ready = () =>
  (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document
    .body.dataset.state === "ready";

describe("the playground and the explorer with the allowlist on, in Chromium", () => {
  let db: TestDatabase;
  let server: TestServer;
  let context: BrowserContext;
  let userDataDir: string;
  /** Every POST /graphql the pages sent, with its answer. */
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH.`,
      );
    }
    db = openTestDatabase();
    server = await startTestServer(db.executor, {
      allowlist: loadOperationsAllowlist(path.join(packageRoot(), MANIFEST_PATH)),
    });
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bali-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    context.on("response", async (response) => {
      const request = response.request();
      if (!response.url().endsWith("/graphql") || request.method() !== "POST") return;
      exchanges.push({
        sent: request.postData() ?? "",
        status: response.status(),
        // A page closed before an answer was read leaves it unread, not the run broken.
        answer: await response.text().catch(() => "(not read: the page was closed)"),
      });
    });
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    await server?.stop();
    await db?.close();
  });

  it(
    "loads the playground's schema docs and runs an example, then searches and draws in the explorer, all allowed",
    async () => {
      const page = await context.newPage();
      await page.goto(`${server.app.url}/`);
      const run = page.locator(".graphiql-execute-button");
      await run.waitFor({ timeout: 60000 });
      // The docs need GraphiQL's introspection query to have been answered.
      await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
      await page.locator(".graphiql-doc-explorer").getByText("Root Types").waitFor({ timeout: 60000 });

      const answer = page.waitForResponse(
        (r) =>
          r.url().endsWith("/graphql") &&
          (r.request().postData() ?? "").includes("AhgMembersWhoCoChairAWorkingGroup"),
      );
      await run.click();
      const choice = page.getByRole("menuitem", { name: "AhgMembersWhoCoChairAWorkingGroup", exact: true });
      if (await choice.isVisible({ timeout: 2000 }).catch(() => false)) await choice.click();
      const example = (await (await answer).json()) as { data?: { states: { totalCount: number } } };
      expect(example.data?.states.totalCount).toBeGreaterThan(0);

      await page.goto(`${server.app.url}/explore`);
      await page.waitForFunction(ready, null, { timeout: 60000 });
      await page.getByLabel("Entity name or alias").fill("New Zeland");
      const drawn = page.waitForResponse(
        (r) => r.url().endsWith("/graphql") && (r.request().postData() ?? "").includes("query Neighbourhood"),
        { timeout: 120000 },
      );
      await page.getByRole("button", { name: "Search" }).click();
      const neighbourhood = (await (await drawn).json()) as {
        data?: { neighbourhood: { nodes: { id: string }[] } };
      };
      expect(neighbourhood.data?.neighbourhood.nodes.map((n) => n.id)).toContain("NZ");
      // The live drawing's subscription (over graphql-ws) is one of the manifest's too: a refused
      // one would say "Live updates stopped" at once.
      await page.locator("#live-status", { hasText: "Live:" }).waitFor({ timeout: 30000 });
      await page.waitForTimeout(1000);
      await expect(page.locator("#live-status").innerText()).resolves.toMatch(/^Live:/);
      await page.close();

      const names = exchanges.map((e) => (JSON.parse(e.sent) as { operationName?: string }).operationName);
      expect(names).toEqual(
        expect.arrayContaining(["IntrospectionQuery", "AhgMembersWhoCoChairAWorkingGroup"]),
      );
      const texts = exchanges.map((e) => e.sent).join("\n");
      for (const operation of [
        "query RelationshipTypes",
        "query SearchEntities",
        "query Neighbourhood",
        "query VersionBeforeFollowing",
      ]) {
        expect(texts).toContain(operation);
      }
      for (const exchange of exchanges) {
        expect({ sent: exchange.sent.slice(0, 80), status: exchange.status }).toEqual({
          sent: exchange.sent.slice(0, 80),
          status: 200,
        });
        expect(exchange.answer).not.toContain("OPERATION_NOT_ALLOWED");
      }
    },
    BROWSER_TIMEOUT,
  );
});
