import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SeedLoadError, loadSeedFiles, parseJsonText } from "../../src/seed/load-files";
import { ENTITY_FILES } from "../../src/model/kinds";
import {
  PROBLEM_CLASSES,
  countSeed,
  findConflicts,
  validateSeed,
  type ProblemClass,
  type SeedProblem,
} from "../../src/seed/validate";

/** The smallest seed that passes every check; each test breaks one thing in a copy of it. */
function validFixture(): Record<string, unknown[]> {
  return {
    "sources.json": [
      {
        id: "001",
        file: "001_profile.txt",
        title: "Profile",
        kind: "profile",
        description: "A short profile.",
        lineCount: 20,
      },
    ],
    "states.json": [
      { id: "AU", type: "country", name: "Australia", sources: ["001:2-2"] },
      {
        id: "NZ",
        type: "country",
        name: "New Zeland",
        aliases: [{ name: "New Zealand", inferred: true }],
        sources: ["001:3-3"],
      },
    ],
    "organisations.json": [
      {
        id: "iom",
        type: "intergovernmental",
        acronym: "IOM",
        name: "International Organization for Migration",
        sources: ["001:4-4"],
      },
    ],
    "bodies.json": [{ id: "bali-process", type: "forum", name: "Bali Process", sources: ["001:1-1"] }],
    "meetings.json": [
      {
        id: "first-ministerial-conference",
        type: "ministerial-conference",
        ordinal: 1,
        startDate: "2002-02",
        name: "First Regional Ministerial Conference",
        sources: ["001:5-6"],
      },
    ],
    "relationships-membership.json": [
      {
        type: "MEMBER_OF",
        from: "AU",
        to: "bali-process",
        properties: { role: "member" },
        sources: ["001:2-2"],
      },
      {
        type: "MEMBER_OF",
        from: "iom",
        to: "bali-process",
        properties: { role: "observer" },
        sources: ["001:4-4"],
      },
    ],
    "relationships-meetings.json": [
      {
        type: "ORGANISED_BY",
        from: "first-ministerial-conference",
        to: "bali-process",
        sources: ["001:5-5"],
      },
    ],
    "claims.json": [
      { id: "members-49", subject: "bali-process", property: "memberCount", value: 49, sources: ["001:7-7"] },
      { id: "members-48", subject: "bali-process", property: "memberCount", value: 48, sources: ["001:8-8"] },
    ],
  };
}

type Fixture = ReturnType<typeof validFixture>;

/**
 * What countSeed should find in seed files, counted from their rows alone: one entity per
 * row of an entity file, relationships by their `type`, one claim per row of claims.json
 * (conflicts are findConflicts', tested on their own).
 */
function countedByHand(files: Record<string, unknown[]>) {
  const rows = (predicate: (file: string) => boolean) =>
    Object.entries(files)
      .filter(([file]) => predicate(file))
      .flatMap(([, list]) => list as Record<string, unknown>[]);
  const byKind = Object.fromEntries(
    ENTITY_FILES.map(({ file, kind }) => [kind, rows((f) => f === file).length]),
  );
  const relationships = rows((file) => file.startsWith("relationships"));
  const byRelationshipType: Record<string, number> = {};
  for (const { type } of relationships)
    byRelationshipType[String(type)] = (byRelationshipType[String(type)] ?? 0) + 1;
  return {
    entities: Object.values(byKind).reduce((sum, n) => sum + n, 0),
    relationships: relationships.length,
    claims: rows((file) => file === "claims.json").length,
    byKind,
    byRelationshipType,
  };
}

function row(files: Fixture, file: string, index: number): Record<string, unknown> {
  return files[file][index] as Record<string, unknown>;
}

/** Validates and expects failure; returns the problems for the assertions. */
function problemsOf(files: Record<string, unknown>): SeedProblem[] {
  const result = validateSeed(files);
  if (result.ok) throw new Error("expected the fixture to be rejected");
  return result.problems;
}

/** Exactly these problems, all of class `cls`, in any order. */
function expectOnly(problems: SeedProblem[], cls: ProblemClass, expected: Partial<SeedProblem>[]) {
  expect(problems.map((p) => p.class)).toEqual(expected.map(() => cls));
  expect(problems).toEqual(
    expect.arrayContaining(expected.map((e) => expect.objectContaining({ class: cls, ...e }))),
  );
}

describe("validateSeed on fixtures", () => {
  test("the valid fixture passes, with defaults filled and counts", () => {
    const result = validateSeed(validFixture());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.relationships.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        "AU-MEMBER_OF-bali-process-member",
        "iom-MEMBER_OF-bali-process-observer",
        "first-ministerial-conference-ORGANISED_BY-bali-process",
      ]),
    );
    const au = result.data.entities.find((e) => e.id === "AU");
    expect(au).toMatchObject({ kind: "State", aliases: [] });
    expect(result.counts.byKind).toMatchObject({ State: 2, Organisation: 1, Body: 1, Meeting: 1, Person: 0 });
    expect(result.counts.byRelationshipType).toEqual({ MEMBER_OF: 2, ORGANISED_BY: 1 });
    expect(result.counts.conflicts).toBe(1);
    expect(countSeed(result.data)).toEqual({ ...countedByHand(validFixture()), conflicts: 1 });
  });

  test("checks run in the documented order", () => {
    expect(PROBLEM_CLASSES).toEqual([
      "unknown-relationship-type",
      "schema",
      "duplicate-id",
      "unknown-source",
      "line-range",
      "unknown-reference",
      "unknown-claim-subject",
      "mention",
      "alias-collision",
      "state-code",
      "unknown-file",
    ]);
  });

  test("mention names an unknown source or entity, a line past the document and a repeated pair", () => {
    const files = validFixture();
    files["mentions.json"] = [
      { source: "001", entity: "AU", lines: [2, 9] },
      { source: "002", entity: "AU", lines: [1] },
      { source: "001", entity: "nowhere", lines: [3] },
      { source: "001", entity: "NZ", lines: [21] },
      { source: "001", entity: "AU", lines: [4] },
    ];
    expectOnly(problemsOf(files), "mention", [
      { file: "mentions.json", id: "002>AU", field: "source" },
      { file: "mentions.json", id: "001>nowhere", field: "entity" },
      { file: "mentions.json", id: "001>NZ", field: "lines" },
      { file: "mentions.json", id: "001>AU", field: "entity" },
    ]);
    files["mentions.json"] = [{ source: "001", entity: "AU", lines: [3, 2] }];
    expectOnly(problemsOf(files), "schema", [{ file: "mentions.json", field: "lines" }]);
    files["mentions.json"] = [{ source: "001", entity: "AU", lines: [2, 3] }];
    const result = validateSeed(files);
    expect(result.ok && result.data.mentions).toEqual([{ source: "001", entity: "AU", lines: [2, 3] }]);
  });

  test("unknown-relationship-type names the type and the relationship", () => {
    const files = validFixture();
    row(files, "relationships-membership.json", 0).type = "MEMBER_IN";
    const problems = problemsOf(files);
    expectOnly(problems, "unknown-relationship-type", [
      { file: "relationships-membership.json", id: "AU-MEMBER_IN-bali-process-member", field: "type" },
    ]);
    expect(problems[0].message).toContain('"MEMBER_IN"');
    expect(problems[0].message).toContain("MEMBER_OF");
  });

  test("schema errors give file, id and field path, for every bad row", () => {
    const files = validFixture();
    row(files, "meetings.json", 0).startDate = "7 August 2018";
    row(files, "states.json", 1).aliases = [{ name: "" }];
    files["claims.json"].push({
      subject: "bali-process",
      property: "Member count",
      value: 1,
      sources: ["001:1-1"],
    });
    const problems = problemsOf(files);
    expect(problems.every((p) => p.class === "schema")).toBe(true);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: "meetings.json",
          id: "first-ministerial-conference",
          field: "startDate",
        }),
        expect.objectContaining({ file: "states.json", id: "NZ", field: "aliases.0.name" }),
        expect.objectContaining({ file: "claims.json", id: "#2", field: "id" }),
        expect.objectContaining({ file: "claims.json", id: "#2", field: "property" }),
      ]),
    );
  });

  test("schema: a file that is not an array, and a missing sources.json", () => {
    const files: Record<string, unknown> = validFixture();
    files["people.json"] = { id: "x" };
    delete files["sources.json"];
    const problems = problemsOf(files);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ class: "schema", file: "people.json" }),
        expect.objectContaining({ class: "schema", file: "sources.json" }),
      ]),
    );
  });

  test("duplicate-id across entity files and relationships names every occurrence", () => {
    const files = validFixture();
    files["organisations.json"].push({
      id: "bali-process",
      type: "other",
      name: "Another",
      sources: ["001:1-1"],
    });
    files["relationships-meetings.json"].push({
      type: "MEMBER_OF",
      from: "AU",
      to: "bali-process",
      properties: { role: "member" },
      sources: ["001:9-9"],
    });
    const problems = problemsOf(files);
    expectOnly(problems, "duplicate-id", [
      { file: "bodies.json", id: "bali-process", field: "id" },
      { file: "organisations.json", id: "bali-process", field: "id" },
      { file: "relationships-membership.json", id: "AU-MEMBER_OF-bali-process-member", field: "id" },
      { file: "relationships-meetings.json", id: "AU-MEMBER_OF-bali-process-member", field: "id" },
    ]);
  });

  test("unknown-source: a citation of a document not in sources.json", () => {
    const files = validFixture();
    row(files, "states.json", 1).aliases = [{ name: "New Zealand", sources: ["001:3-3", "009:3-3"] }];
    const problems = problemsOf(files);
    expectOnly(problems, "unknown-source", [{ file: "states.json", id: "NZ", field: "aliases.0.sources.1" }]);
  });

  test("line-range: line 0, first after last, and past the end of the document", () => {
    const files = validFixture();
    row(files, "bodies.json", 0).sources = ["001:0-1"];
    row(files, "relationships-membership.json", 1).sources = ["001:4-4", "001:5-4"];
    row(files, "claims.json", 0).sources = ["001:19-21"];
    const problems = problemsOf(files);
    expectOnly(problems, "line-range", [
      { file: "bodies.json", id: "bali-process", field: "sources.0" },
      {
        file: "relationships-membership.json",
        id: "iom-MEMBER_OF-bali-process-observer",
        field: "sources.1",
      },
      { file: "claims.json", id: "members-49", field: "sources.0" },
    ]);
    expect(problems[2].message).toContain("only 20 lines");
  });

  test("unknown-reference: relationship ends that are no entity", () => {
    const files = validFixture();
    row(files, "relationships-membership.json", 0).from = "XX";
    row(files, "relationships-meetings.json", 0).to = "bali";
    const problems = problemsOf(files);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          class: "unknown-reference",
          file: "relationships-membership.json",
          id: "XX-MEMBER_OF-bali-process-member",
          field: "from",
        }),
        expect.objectContaining({
          class: "unknown-reference",
          file: "relationships-meetings.json",
          id: "first-ministerial-conference-ORGANISED_BY-bali",
          field: "to",
        }),
      ]),
    );
  });

  test("unknown-claim-subject", () => {
    const files = validFixture();
    row(files, "claims.json", 1).subject = "bali-proces";
    expectOnly(problemsOf(files), "unknown-claim-subject", [
      { file: "claims.json", id: "members-48", field: "subject" },
    ]);
  });

  test("alias-collision: an alias equal to another entity's name, ignoring case and spacing", () => {
    const files = validFixture();
    row(files, "organisations.json", 0).aliases = [{ name: "  bali   PROCESS ", sources: ["001:4-4"] }];
    const problems = problemsOf(files);
    expect(problems.every((p) => p.class === "alias-collision")).toBe(true);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "organisations.json", id: "iom", field: "aliases.0.name" }),
        expect.objectContaining({ file: "bodies.json", id: "bali-process", field: "name" }),
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  test("state-code: no name or alias resolves to the id", () => {
    const files = validFixture();
    row(files, "states.json", 1).aliases = [{ name: "New Zeeland", sources: ["001:3-3"] }];
    expectOnly(problemsOf(files), "state-code", [{ file: "states.json", id: "NZ", field: "name" }]);
  });

  test("state-code: an alias that resolves to a different state", () => {
    const files = validFixture();
    row(files, "states.json", 0).aliases = [{ name: "Austria", inferred: true }];
    expectOnly(problemsOf(files), "state-code", [{ file: "states.json", id: "AU", field: "aliases.0.name" }]);
  });

  test("unknown-file: anything but the known files and README.md", () => {
    const files: Record<string, unknown> = {
      ...validFixture(),
      "notes.txt": null,
      "relationship.json": [],
      "README.md": null,
    };
    const problems = problemsOf(files);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ class: "unknown-file", file: "notes.txt" }),
        expect.objectContaining({ class: "unknown-file", file: "relationship.json" }),
      ]),
    );
    expect(problems.every((p) => p.id === undefined && p.field === undefined)).toBe(true);
  });

  test("stops at the first class with problems", () => {
    const files: Record<string, unknown> = validFixture();
    (files["claims.json"] as Record<string, unknown>[])[1].subject = "nobody";
    files["extra.csv"] = null;
    expect(problemsOf(files).map((p) => p.class)).toEqual(["unknown-claim-subject"]);
  });

  test("findConflicts groups claims that disagree on value or qualifier", () => {
    const base = { subject: "s", property: "p", sources: ["001:1-1"] };
    const conflicts = findConflicts([
      { ...base, id: "a", value: 45 },
      { ...base, id: "b", value: 45, qualifier: "more than" },
      { ...base, id: "c", property: "q", value: 1 },
      { ...base, id: "d", property: "q", value: 1 },
    ]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].claims.map((c) => c.id)).toEqual(["a", "b"]);
  });
});

describe("loading seed files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "seed-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("invalid JSON is reported with file, line and column", () => {
    writeFileSync(
      join(dir, "states.json"),
      '[\n  {\n    "id": "AU",\n    "name": "Australia"\n    "type": "country"\n  }\n]\n',
    );
    let error: unknown;
    try {
      loadSeedFiles(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedLoadError);
    expect(error).toMatchObject({ file: "states.json", line: 5, column: 5 });
    expect((error as Error).message).toMatch(/^states\.json:5:5: invalid JSON/);
  });

  test("truncated JSON points at the end", () => {
    expect(() => parseJsonText("claims.json", '[\n  {"id": "x"')).toThrow(
      /claims\.json:2:13: invalid JSON: expected "," or "}", found end of input/,
    );
  });

  test("non-JSON files are kept as unknown entries and README.md is skipped", () => {
    writeFileSync(join(dir, "sources.json"), "[]\n");
    writeFileSync(join(dir, "README.md"), "# seed\n");
    writeFileSync(join(dir, "notes.txt"), "x");
    expect(loadSeedFiles(dir)).toEqual({ "notes.txt": null, "sources.json": [] });
  });
});

describe("the seed/ data set", () => {
  const seedDir = resolve(__dirname, "../../seed");
  const result = validateSeed(loadSeedFiles(seedDir));
  // Every test below fails, naming the problems, when the data set does not validate.
  const valid = () => {
    if (!result.ok)
      throw new Error(result.problems.map((p) => `${p.file}: ${p.id}: ${p.field}: ${p.message}`).join("\n"));
    return result;
  };

  test("passes every check", () => {
    const { counts } = valid();
    expect(counts.byKind.State).toBeGreaterThan(50);
    expect(counts.conflicts).toBeGreaterThan(10);
  });

  test("is counted as its files, read directly, say", () => {
    const files = Object.fromEntries(
      readdirSync(seedDir)
        .filter((file) => file.endsWith(".json"))
        .map((file) => [file, JSON.parse(readFileSync(join(seedDir, file), "utf8")) as unknown[]]),
    );

    const { data, counts } = valid();

    expect(countSeed(data)).toEqual({ ...countedByHand(files), conflicts: counts.conflicts });
  });

  test("records the sources' disagreements side by side", () => {
    const groups = findConflicts(valid().data.claims).map((g) => `${g.subject}.${g.property}`);
    expect(groups).toEqual(
      expect.arrayContaining([
        "bali-process.memberCount",
        "bali-process.coreObjectiveCount",
        "steering-group.memberCount",
        "ilo.membershipStatus",
        "seventh-ministerial-conference.date",
        "andaman-sea-review.year",
        "joint-period-of-action-2015.participatingStateCount",
      ]),
    );
  });
});
