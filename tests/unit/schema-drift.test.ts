import fs from "node:fs";
import path from "node:path";
import { emittedSdl } from "../../src/schema";

describe("the committed SDL", () => {
  it("is exactly what the type-graphql classes build (run `npm run schema` after changing them)", async () => {
    const committed = fs.readFileSync(path.join(__dirname, "../../schema/schema.graphql"), "utf8");

    const built = await emittedSdl();

    expect(committed).toBe(built);
  });
});
