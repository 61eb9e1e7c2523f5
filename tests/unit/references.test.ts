import type { ReferenceMatch } from "../../src/model/records";
import { entityIdOf } from "../../src/resolvers/references";

/** How a text given where an entity is named picks the entity (src/resolvers/references.ts). */
describe("entityIdOf", () => {
  const nz = { id: "NZ", kind: "State", name: "New Zealand" };
  const meeting = { id: "twentieth-anniversary-meeting", kind: "Meeting", name: "20th Anniversary Meeting" };
  const source = { id: "002", kind: "Source", name: "Bali Process 20th Anniversary Meeting" };

  it("lets an exact id win over a name or alias of other entities", () => {
    const match: ReferenceMatch = { byId: nz, byName: [meeting, source] };

    expect(entityIdOf("NZ", match, "from")).toBe("NZ");
  });

  it("takes the one entity of that name", () => {
    expect(entityIdOf("new zealand", { byId: null, byName: [nz] }, "from")).toBe("NZ");
  });

  it("refuses a name of several entities, listing them as candidates", () => {
    let error: unknown;
    try {
      entityIdOf("Bali Process 20th Anniversary Meeting", { byId: null, byName: [source, meeting] }, "to");
    } catch (e) {
      error = e;
    }

    expect(error).toMatchObject({
      message: expect.stringContaining('002 (Source, "Bali Process 20th Anniversary Meeting")'),
      extensions: { code: "BAD_USER_INPUT", argument: "to", candidates: [source, meeting] },
    });
  });

  it("gives null for a text that names nothing (the caller says what that means)", () => {
    expect(entityIdOf("Atlantis", { byId: null, byName: [] }, "id")).toBeNull();
  });
});
