import { SEED_DIR } from "../../src/runtime";
import { ENTITY_KINDS } from "../../src/model/kinds";
import { RELATIONSHIPS, RELATIONSHIP_FIELDS, UNIONS } from "../../src/model/relationships";
import { readSeed } from "../../src/seed/read-seed";

describe("the model's tables", () => {
  const kinds = new Set<string>(ENTITY_KINDS.map((row) => row.kind));

  it("name only kinds and unions at either end of a relationship field", () => {
    for (const row of RELATIONSHIPS) {
      for (const field of row.fields) {
        for (const on of field.on) expect(kinds).toContain(on);
        expect(["Entity", ...Object.keys(UNIONS), ...kinds]).toContain(field.far);
      }
    }
  });

  it("give each object type distinct relationship field names", () => {
    for (const [type, specs] of Object.entries(RELATIONSHIP_FIELDS)) {
      const names = specs.map((s) => s.field);
      expect({ type, names: [...new Set(names)] }).toEqual({ type, names });
    }
  });

  it("declare every property the data set's edges carry", () => {
    const declared = new Map<string, readonly string[]>(RELATIONSHIPS.map((r) => [r.type, r.properties]));
    const undeclared = readSeed(SEED_DIR())
      .relationships.flatMap((rel) => Object.keys(rel.properties).map((key) => ({ type: rel.type, key })))
      .filter(({ type, key }) => !declared.get(type)?.includes(key));
    expect(undeclared).toEqual([]);
  });
});
