import path from "node:path";
import type { ApolloServer } from "@apollo/server";
import compression from "compression";
import express, { type Express, type Response } from "express";
import { packageRoot } from "../config";
import type { Executor } from "../db/executor";
import type { Context } from "../request/context";
import { mountClientFiles } from "./client-files";
import { neighbourhoodExport } from "./exports";
import { pageHeaders } from "./page-headers";
import { createPlayground, wantsHtml } from "./playground";

export interface PagesOptions {
  apollo: ApolloServer<Context>;
  executor: Executor;
  introspection: boolean;
  /** The deadline of one export, as of a GraphQL request. */
  requestTimeoutMs: number;
}

/** A package's main file as the package `parent` would load it (nested or hoisted). */
function resolveFrom(parent: string, name: string): string {
  return require.resolve(name, { paths: [path.dirname(require.resolve(`${parent}/package.json`))] });
}

const revalidate = (res: Response) => res.setHeader("Cache-Control", "no-cache");

/**
 * The browser side of the server, all of it local: the playground at / (and at /graphql
 * for a browser), the explorer at /explore with Cytoscape.js from node_modules, and the
 * neighbourhood exports. Mount before the /graphql middleware.
 */
export function mountPages(app: Express, options: PagesOptions): void {
  const root = packageRoot();
  const publicDir = path.join(root, "public");
  const compress = compression();
  const staticFiles = (dir: string) =>
    express.static(path.join(publicDir, dir), { index: false, redirect: false, setHeaders: revalidate });

  const playground = createPlayground({
    examplesPath: path.join(root, "schema", "examples.graphql"),
    introspection: options.introspection,
  });
  app.get("/", pageHeaders, playground.page);
  app.get("/graphql", (req, res, next) =>
    wantsHtml(req) ? pageHeaders(req, res, () => playground.page(req, res)) : next(),
  );
  app.get("/playground/assets/:file", playground.asset);
  app.use("/playground", compress, staticFiles("playground"));

  app.get(["/explore", "/explore/"], compress, pageHeaders, (_req, res) => {
    res.sendFile(path.join(publicDir, "explore", "index.html"), { headers: { "Cache-Control": "no-cache" } });
  });
  app.use("/explore", compress, staticFiles("explore"));

  mountClientFiles(app);

  // Browser builds from node_modules: Cytoscape.js and the fCoSE layout with the two
  // libraries it needs, each a UMD script that registers a global.
  const vendor = new Map<string, string>([
    ["cytoscape.min.js", path.join(path.dirname(require.resolve("cytoscape")), "cytoscape.min.js")],
    ["layout-base.js", resolveFrom("cose-base", "layout-base")],
    ["cose-base.js", resolveFrom("cytoscape-fcose", "cose-base")],
    ["cytoscape-fcose.js", require.resolve("cytoscape-fcose")],
  ]);
  // graphql-ws's browser client, an ES module with the modules it imports (the explorer's live drawing).
  const graphqlWs = path.dirname(require.resolve("graphql-ws/client"));
  app.get("/vendor/graphql-ws/:file", compress, (req, res, next) => {
    const file = String(req.params.file);
    if (!/^[\w-]+\.js$/.test(file)) return next();
    res.sendFile(file, { root: graphqlWs, maxAge: "1d" }, (error) => {
      if (error) next();
    });
  });
  app.get("/vendor/:file", compress, (req, res, next) => {
    const file = vendor.get(String(req.params.file));
    if (!file) return next();
    res.sendFile(file, { maxAge: "1d" });
  });

  app.get("/export/neighbourhood.graphml", compress, neighbourhoodExport(options, "graphml"));
  app.get("/export/neighbourhood.cyjs", compress, neighbourhoodExport(options, "cyjs"));
}
