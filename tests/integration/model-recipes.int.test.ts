import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { printType } from "graphql";
import { SEED_DIR } from "../../src/runtime";
import { buildGraphQLSchema } from "../../src/schema";
import { importSeed } from "../../src/seed/importer";
import { readSeed } from "../../src/seed/read-seed";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { seedTestDatabase } from "../support/seed";
import { type TestServer, startTestServer } from "../support/server";

/*
 * The recipes of ARCHITECTURE.md, proven: one extra row in the kinds table (a `Treaty`)
 * and one in the relationships table (`SIGNED`, from a state to a treaty), and nothing
 * else in src/. Every module of the server reads the tables through these two modules, so
 * replacing them with the real tables plus one row each is what adding the rows does.
 */
jest.mock("../../src/model/kinds", () => {
  const actual = jest.requireActual("../../src/model/kinds");
  const { z } = jest.requireActual("zod");
  const contract = jest.requireActual("../../src/model/contract");
  const treaty = {
    kind: "Treaty",
    file: "treaties.json",
    schema: z.strictObject({
      id: contract.slug,
      date: contract.partialDate.optional(),
      ...contract.entityBase,
    }),
    description: "A treaty between states.",
    article: "a treaty",
    fields: [{ name: "date", type: "String", nullable: true, description: "When it was signed." }],
    list: { field: "treaties", description: "Treaties." },
    lookup: { field: "treaty", description: "A treaty by id or by name." },
  };
  const rows = [...actual.ENTITY_KINDS, treaty];
  return { ...actual, ENTITY_KINDS: rows, ...actual.kindVocabulary(rows) };
});

jest.mock("../../src/model/relationships", () => {
  const actual = jest.requireActual("../../src/model/relationships");
  const signed = {
    type: "SIGNED",
    meaning: "state from signed treaty to",
    properties: ["year"],
    fields: [
      { on: ["State"], field: "signed", direction: "OUT", far: "Treaty", description: "Treaties it signed." },
      {
        on: ["Treaty"],
        field: "signatories",
        direction: "IN",
        far: "State",
        description: "The states that signed it.",
      },
    ],
  };
  const rows = [...actual.RELATIONSHIPS, signed];
  return { ...actual, RELATIONSHIPS: rows, ...actual.relationshipVocabulary(rows) };
});

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are walked as JSON */
type Answer = any;

const CITE = ["003:57-57"];

describe("a relationship type and an entity kind are one row each", () => {
  let db: TestDatabase;
  let server: TestServer;
  let seedDir: string;

  beforeAll(async () => {
    // The data set plus the new kind's file and the new relationships, in a folder of its own.
    seedDir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-recipes-"));
    fs.cpSync(SEED_DIR(), seedDir, { recursive: true });
    const treaty = (id: string, name: string, date: string) => ({
      id,
      name,
      date,
      aliases: [],
      sources: CITE,
    });
    fs.writeFileSync(
      path.join(seedDir, "treaties.json"),
      JSON.stringify([
        treaty("recipe-treaty-of-example", "Recipe Treaty of Example", "2002-02"),
        treaty("recipe-second-treaty", "Recipe Second Treaty", "2009"),
      ]),
    );
    const signed = (from: string, to: string, year: number) => ({
      type: "SIGNED",
      from,
      to,
      properties: { year },
      sources: CITE,
    });
    fs.writeFileSync(
      path.join(seedDir, "relationships-recipes.json"),
      JSON.stringify([
        signed("AU", "recipe-treaty-of-example", 2002),
        signed("ID", "recipe-treaty-of-example", 2002),
        signed("AU", "recipe-second-treaty", 2009),
      ]),
    );
    db = openTestDatabase();
    await importSeed(db.executor, readSeed(seedDir), { reset: true, log: () => undefined });
    server = await startTestServer(db.executor);
  });

  afterAll(async () => {
    await server.stop();
    await seedTestDatabase();
    await db.close();
    fs.rmSync(seedDir, { recursive: true, force: true });
  });

  async function ok(query: string): Promise<Answer> {
    const { body } = await server.execute(query);
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  it("derives the object type, its edge and connection types, its roots and the enums", async () => {
    const schema = await buildGraphQLSchema();
    expect(printType(schema.getType("Treaty")!)).toContain("type Treaty implements Node & Entity");
    const treatyFields = Object.keys((schema.getType("Treaty") as Answer).getFields());
    expect(treatyFields).toEqual(expect.arrayContaining(["id", "name", "date", "sources", "signatories"]));
    const state = (schema.getType("State") as Answer).getFields();
    expect(String(state.signed.type)).toBe("[TreatyEdge!]!");
    expect(String((schema.getType("Treaty") as Answer).getFields().signatories.type)).toBe("[StateEdge!]!");
    const query = schema.getQueryType()!.getFields();
    expect(String(query.treaties!.type)).toBe("TreatyConnection!");
    expect(String(query.treaty!.type)).toBe("Treaty");
    expect((schema.getType("EntityKind") as Answer).getValue("TREATY")).toBeDefined();
    expect((schema.getType("RelationshipType") as Answer).getValue("SIGNED").description).toBe(
      "state from signed treaty to",
    );
  });

  it("answers the new root list, lookup and relationship fields from Neo4j", async () => {
    const data = await ok(`{
      treaties(orderBy: { field: NAME, direction: ASC }) {
        totalCount
        edges { node { id name date signatories { node { id } year sources { citation } } } }
      }
      treaty(name: "Recipe Treaty of Example") { id }
      state(id: "AU") { signed { node { id } } }
      entity(id: "recipe-second-treaty") { kind }
    }`);
    expect(data.treaties.totalCount).toBe(2);
    expect(
      data.treaties.edges.map((e: Answer) => ({
        id: e.node.id,
        date: e.node.date,
        signatories: e.node.signatories.map((s: Answer) => s.node.id).sort(),
      })),
    ).toEqual([
      { id: "recipe-second-treaty", date: "2009", signatories: ["AU"] },
      { id: "recipe-treaty-of-example", date: "2002-02", signatories: ["AU", "ID"] },
    ]);
    expect(data.treaties.edges[1].node.signatories[0]).toMatchObject({
      year: 2002,
      sources: [{ citation: CITE[0] }],
    });
    expect(data.treaty).toEqual({ id: "recipe-treaty-of-example" });
    expect(data.state.signed.map((e: Answer) => e.node.id).sort()).toEqual([
      "recipe-second-treaty",
      "recipe-treaty-of-example",
    ]);
    expect(data.entity).toEqual({ kind: "TREATY" });
  });

  it("filters and walks the new relationship type like any other", async () => {
    const data = await ok(`{
      states(filter: { related: [{ type: SIGNED, direction: OUT }] }) { edges { node { id } } }
      entity(id: "recipe-treaty-of-example") { relationships(types: [SIGNED]) { node { id } } }
    }`);
    expect(data.states.edges.map((e: Answer) => e.node.id).sort()).toEqual(["AU", "ID"]);
    expect(data.entity.relationships.map((e: Answer) => e.node.id).sort()).toEqual(["AU", "ID"]);
  });

  it("refuses seed rows the new kind's row does not allow", () => {
    fs.writeFileSync(
      path.join(seedDir, "treaties.json"),
      JSON.stringify([{ id: "bad-treaty", name: "Bad", signedBy: "AU", aliases: [], sources: CITE }]),
    );
    expect(() => readSeed(seedDir)).toThrow(/treaties\.json/);
  });
});
