import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "graphql";
import codegen from "../../codegen";
import {
  MANIFEST_PATH,
  OWN_DOCUMENTS,
  buildOperationsManifest,
  manifestText,
} from "../../src/scripts/operations-manifest";
import {
  OperationsAllowlist,
  PersistedQueryStore,
  canonicalOperation,
  loadOperationsAllowlist,
  sha256,
} from "../../src/server/persisted-operations";

const ROOT = path.join(__dirname, "../..");
const committed = fs.readFileSync(path.join(ROOT, MANIFEST_PATH), "utf8");

describe("the operations manifest from `npm run manifest`", () => {
  it(`is committed as ${MANIFEST_PATH} exactly as the examples, the explorer and the playground give it`, async () => {
    expect(manifestText(await buildOperationsManifest())).toBe(committed);
  });

  it("reads the same operations files as `npm run codegen`", () => {
    const generates = Object.values(codegen.generates);
    expect(generates).toHaveLength(1);
    expect(codegen.documents).toEqual(OWN_DOCUMENTS);
  });

  it("is Apollo's format, each id the sha256 of its body, with every example, explorer and playground operation", () => {
    const manifest = JSON.parse(committed);
    expect(manifest).toMatchObject({ format: "apollo-persisted-query-manifest", version: 1 });
    for (const operation of manifest.operations) {
      expect(operation.id).toBe(sha256(operation.body));
      // Queries, and the subscription examples (sent over graphql-ws): never a mutation.
      expect(["query", "subscription"]).toContain(operation.type);
      expect(operation.type).toBe(
        operation.body.trimStart().startsWith("subscription") ? "subscription" : "query",
      );
    }
    const names = manifest.operations.map((o: { name: string }) => o.name);
    const examples = parse(fs.readFileSync(path.join(ROOT, "schema/examples.graphql"), "utf8"));
    for (const definition of examples.definitions) {
      if (definition.kind === "OperationDefinition") expect(names).toContain(definition.name!.value);
    }
    for (const name of [
      "Neighbourhood",
      "Paths",
      "SearchEntities",
      "Entity",
      "RelationshipTypes",
      "IntrospectionQuery",
    ]) {
      expect(names).toContain(name);
    }
    // Each body is what Apollo Client sends: its fragments with it, __typename in every selection.
    const neighbourhood = manifest.operations.find((o: { name: string }) => o.name === "Neighbourhood");
    expect(neighbourhood.body).toMatch(/fragment DrawnGraph on Graph/);
    expect(neighbourhood.body).toMatch(/__typename/);
    // The server accepts it as it is.
    expect(new OperationsAllowlist(manifest).size).toBe(manifest.operations.length);
  });

  it("adds a deployer's operations files, and refuses an operation the schema does not have", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-test-"));
    try {
      fs.writeFileSync(
        path.join(dir, "a.graphql"),
        "query DeployerStates { states(first: 3) { totalCount } }\n",
      );
      const documents = [path.relative(ROOT, path.join(dir, "*.graphql"))];
      const manifest = await buildOperationsManifest({ documents });
      const added = manifest.operations.find((o) => o.name === "DeployerStates");
      expect(added?.body).toContain("states(first: 3)");
      expect(manifest.operations).toHaveLength(JSON.parse(committed).operations.length + 1);

      fs.writeFileSync(path.join(dir, "b.graphql"), "query Misspelt { statez { totalCount } }\n");
      await expect(buildOperationsManifest({ documents })).rejects.toThrow(
        /operation Misspelt: Cannot query field "statez"/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("canonical operations", () => {
  const manifest = {
    format: "apollo-persisted-query-manifest" as const,
    version: 1 as const,
    operations: [
      {
        name: "Two",
        type: "query" as const,
        body: "query Two {\n  states {\n    totalCount\n    __typename\n  }\n}",
        id: "",
      },
    ],
  };
  manifest.operations[0]!.id = sha256(manifest.operations[0]!.body);
  const allowlist = new OperationsAllowlist(manifest);

  it("match whatever the layout, the comments, the __typenames a client adds and the other operations beside", () => {
    expect(allowlist.allows(parse("# comment\nquery Two { states { totalCount } }"))).toBe(true);
    expect(
      allowlist.allows(
        parse("query Other { stats { __typename } } query Two { states { totalCount } }"),
        "Two",
      ),
    ).toBe(true);
  });

  it("differ when anything else differs", () => {
    expect(allowlist.allows(parse("query Two { states(first: 100) { totalCount } }"))).toBe(false);
    expect(allowlist.allows(parse("query Three { states { totalCount } }"))).toBe(false);
    expect(allowlist.allows(parse("query Two { states { totalCount t: __typename } }"))).toBe(false);
    // Two operations and no name: none is chosen.
    expect(
      allowlist.allows(parse("query Two { states { totalCount } } query X { stats { __typename } }")),
    ).toBe(false);
  });

  it("carry the fragments used, sorted, and not the others", () => {
    const a = canonicalOperation(
      parse(
        "fragment B on Query { b: stats { __typename } } fragment A on Query { a: stats { __typename } } query Q { ...B ...A }",
      ),
    );
    const b = canonicalOperation(
      parse(
        "query Q { ...B ...A } fragment A on Query { a: stats { __typename } } fragment B on Query { b: stats { __typename } } fragment C on Query { c: stats { __typename } }",
      ),
    );
    expect(a).toBe(b);
    expect(a).not.toContain("fragment C");
    expect(canonicalOperation(parse("query Q { ...Missing }"))).toBeUndefined();
  });

  it("refuse a manifest whose id is not the sha256 of its body, naming the file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-test-"));
    try {
      const file = path.join(dir, "m.json");
      fs.writeFileSync(
        file,
        JSON.stringify({ ...manifest, operations: [{ ...manifest.operations[0], id: sha256("x") }] }),
      );
      expect(() => loadOperationsAllowlist(file)).toThrow(
        /m\.json: the id of operation Two is not the sha256 of its body/,
      );
      fs.writeFileSync(file, JSON.stringify({ format: "other" }));
      expect(() => loadOperationsAllowlist(file)).toThrow(
        /is not an Apollo persisted query manifest: format/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the store of automatic persisted queries", () => {
  it("keeps texts up to its bytes, dropping the least recently used first", async () => {
    const store = new PersistedQueryStore(300);
    const text = (n: number) => `query Q${n} { ${"__typename ".repeat(5)}}`;
    for (let n = 0; n < 10; n++) await store.set(sha256(text(n)), text(n));
    expect(store.stats().bytes).toBeLessThanOrEqual(300);
    expect(await store.get(sha256(text(9)))).toBe(text(9));
    expect(await store.get(sha256(text(0)))).toBeUndefined();
    expect(store.stats().entries).toBeLessThan(10);
  });
});
