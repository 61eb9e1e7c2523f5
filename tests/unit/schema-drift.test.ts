import fs from "node:fs";
import path from "node:path";
import { clientCacheFiles } from "../../src/client-cache";
import { buildGraphQLSchema, emittedSdl } from "../../src/schema";

const committed = (name: string) => fs.readFileSync(path.join(__dirname, "../../schema", name), "utf8");

describe("the committed SDL", () => {
  it("is exactly what the type-graphql classes build (run `npm run schema` after changing them)", async () => {
    const built = await emittedSdl();

    expect(committed("schema.graphql")).toBe(built);
  });
});

describe("the committed client cache files", () => {
  it.each(["possible-types.json", "cache-policies.json"])(
    "%s is exactly what the schema gives (run `npm run schema` after changing the types)",
    async (name) => {
      const built = clientCacheFiles(await buildGraphQLSchema());

      expect(committed(name)).toBe(built[name]);
    },
  );
});
