import path from "node:path";
import compression from "compression";
import express, { type Express } from "express";
import { packageRoot } from "../config";

/** The files under schema/ a client sets itself up from (codegen, cache policies). */
const SCHEMA_FILES = new Map([
  ["schema.graphql", "text/plain; charset=utf-8"],
  ["examples.graphql", "text/plain; charset=utf-8"],
  ["possible-types.json", "application/json; charset=utf-8"],
  ["cache-policies.json", "application/json; charset=utf-8"],
]);

/**
 * GET /schema/<file> for client set-up (the SDL, the examples, possibleTypes and the cache
 * policies, as committed), and GET /shared/<module>, the ES modules the pages share with
 * the server (the GraphML and Cytoscape JSON writers).
 */
export function mountClientFiles(app: Express): void {
  const root = packageRoot();
  const compress = compression();
  app.get("/schema/:file", compress, (req, res, next) => {
    const file = String(req.params.file);
    const type = SCHEMA_FILES.get(file);
    if (!type) return next();
    res.sendFile(path.join(root, "schema", file), {
      headers: { "Content-Type": type, "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" },
    });
  });
  app.use(
    "/shared",
    compress,
    express.static(path.join(root, "public", "shared"), {
      index: false,
      redirect: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
}
