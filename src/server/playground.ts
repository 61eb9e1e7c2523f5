import fs from "node:fs";
import type { Request, Response } from "express";
import type * as GraphiQLBundle from "@graphql-yoga/render-graphiql/graphiql";
import { Asset, IMMUTABLE, REVALIDATE } from "./assets";

/** Shown when schema/examples.graphql is missing: the README's first question. */
export const FALLBACK_QUERY = `# Which AHG members co-chair a working group?
query AhgMembersWhoCoChairAWorkingGroup {
  states(
    filter: {
      related: [
        { type: MEMBER_OF, direction: OUT, id: "ad-hoc-group" }
        { type: CO_CHAIRS, direction: OUT, nodeType: "working-group" }
      ]
    }
  ) {
    totalCount
    edges {
      node {
        name
        coChairOf {
          node {
            name
            type
          }
          sources {
            citation
          }
        }
      }
    }
  }
}
`;

export const ASSET_PREFIX = "/playground/assets/";

interface BundleAssets {
  /** File name (with its hash) → asset. */
  files: Map<string, Asset>;
  script: string;
  stylesheet: string;
  workers: Record<string, string>;
}

let bundle: BundleAssets | undefined;

/**
 * GraphiQL as @graphql-yoga/render-graphiql bundles it (React, Monaco, the explorer
 * plugin, no outside URL), split into files named by their hash so that browsers keep
 * them for good and the page itself stays a few kilobytes. Loaded on first use: the
 * module is 9 MB of strings.
 */
function graphiqlBundle(): BundleAssets {
  if (bundle) return bundle;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred until a browser asks
  const source = require("@graphql-yoga/render-graphiql/graphiql") as typeof GraphiQLBundle;
  const files = new Map<string, Asset>();
  const add = (name: string, text: string, type: string) => {
    const asset = Asset.text(text, type, IMMUTABLE);
    const file = `${name}.${asset.hash}.${type.startsWith("text/css") ? "css" : "js"}`;
    files.set(file, asset);
    return ASSET_PREFIX + file;
  };
  const js = "text/javascript; charset=utf-8";
  bundle = {
    files,
    stylesheet: add("graphiql", source.css, "text/css; charset=utf-8"),
    script: add("graphiql", source.js, js),
    // Monaco asks for its workers by these labels.
    workers: {
      editorWorkerService: add("editor.worker", source.editorWorkerService, js),
      json: add("json.worker", source.jsonWorker, js),
      graphql: add("graphql.worker", source.graphqlWorker, js),
    },
  };
  return bundle;
}

/** JSON inside a <script> element: nothing in it may close the element or start a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function readExamples(examplesPath: string): string | undefined {
  try {
    const text = fs.readFileSync(examplesPath, "utf8");
    return text.trim() === "" ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export interface PlaygroundOptions {
  /** schema/examples.graphql: opened in the first tab, read once when the server starts. */
  examplesPath: string;
  introspection: boolean;
}

/**
 * The playground page and its assets. The page reads ?query= and ?variables= in the
 * browser (public/playground/playground.js), so one cached page serves every link.
 */
export function createPlayground(options: PlaygroundOptions) {
  const examples = readExamples(options.examplesPath) ?? FALLBACK_QUERY;
  let page: Asset | undefined;

  const renderPage = (): Asset => {
    const { script, stylesheet, workers } = graphiqlBundle();
    const settings = {
      endpoint: "/graphql",
      title: "Bali Process graph",
      logo: "",
      query: examples,
      defaultQuery: "# A new tab: write a query here; the examples are in the first tab.\n",
      workers,
      introspection: options.introspection,
      shouldPersistHeaders: false,
    };
    const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Bali Process graph · GraphiQL</title>
    <link rel="icon" href="/playground/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="${stylesheet}" />
    <link rel="stylesheet" href="/playground/playground.css" />
  </head>
  <body>
    <header class="playground-bar">
      <h1>Bali Process graph <span>GraphQL playground</span></h1>
      <nav aria-label="Other pages">
        <a href="/explore">Explorer</a>
        <a href="/schema/schema.graphql">Schema (SDL)</a>
      </nav>
    </header>
    <main id="playground" aria-label="GraphiQL">
      <noscript>The playground needs JavaScript. The API itself is at POST /graphql.</noscript>
    </main>
    <script type="application/json" id="playground-settings">${scriptJson(settings)}</script>
    <script src="/playground/playground.js"></script>
    <script src="${script}"></script>
  </body>
</html>
`;
    return Asset.text(html, "text/html; charset=utf-8", REVALIDATE);
  };

  return {
    /** GET / and GET /graphql from a browser. */
    page: async (req: Request, res: Response) => {
      page ??= renderPage();
      await page.send(req, res);
    },
    /** GET /playground/assets/:file */
    asset: async (req: Request, res: Response, next: () => void) => {
      const asset = graphiqlBundle().files.get(String(req.params.file));
      if (!asset) return next();
      await asset.send(req, res);
    },
  };
}

/** Whether a GET to /graphql comes from a browser (prefers HTML) rather than an API client. */
export function wantsHtml(req: Request): boolean {
  return req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
}
