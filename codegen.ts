import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * `npm run codegen`: one file of TypeScript types and typed documents (TypedDocumentNode)
 * for the example operations and the explorer's own, from the committed SDL. Apollo Client,
 * urql and graphql-request infer a result's type and its variables from a typed document.
 */
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["schema/examples.graphql", "public/explore/operations.js"],
  generates: {
    "client/generated/operations.ts": {
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { JSON: "unknown", JSONObject: "Record<string, unknown>", PartialDate: "string" },
      },
    },
  },
};

export default config;
