import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "coverage/",
      "neo4j-launcher/",
      "public/vendor/",
      "test-artifacts/",
      // Written by `npm run codegen`.
      "client/generated/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // type-graphql reads parameter types from decorator metadata: a class used only in a
      // decorated signature is still a runtime import.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      globals: { module: "writable", require: "readonly", __dirname: "readonly", process: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The pages' own scripts run in the browser, with Cytoscape.js loaded as a global.
    files: ["public/**/*.js"],
    languageOptions: {
      globals: Object.fromEntries(
        [
          "window",
          "self",
          "document",
          "location",
          "history",
          "fetch",
          "URL",
          "URLSearchParams",
          "Blob",
          "Node",
          "XMLSerializer",
          "setTimeout",
          "MutationObserver",
          "cytoscape",
          "cytoscapeFcose",
        ].map((name) => [name, "readonly"]),
      ),
    },
  },
);
