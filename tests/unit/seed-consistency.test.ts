import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { SeedClaim } from "../../src/model/contract";
import type { SeedEntity } from "../../src/model/kinds";
import {
  checkConsistency,
  compareTotals,
  datesCompatible,
  findDoubleMemberships,
  findDuplicates,
  formatConsistency,
  nameSimilarity,
  totalAgrees,
} from "../../src/seed/consistency";
import { main } from "../../src/seed/check";
import { readSeed } from "../../src/seed/read-seed";
import type { NormalisedRelationship, SeedData } from "../../src/seed/validate";

const entity = (row: Record<string, unknown>): SeedEntity =>
  ({ aliases: [], sources: ["001:1-1"], ...row }) as unknown as SeedEntity;

const rel = (
  type: string,
  from: string,
  to: string,
  sources: string[],
  role?: string,
): NormalisedRelationship =>
  ({
    id: `${from}-${type}-${to}${role ? `-${role}` : ""}`,
    type,
    from,
    to,
    sources,
    ...(role ? { properties: { role } } : {}),
  }) as NormalisedRelationship;

const claim = (
  id: string,
  subject: string,
  property: string,
  value: number,
  sources: string[],
  qualifier?: string,
) => ({ id, subject, property, value, sources, ...(qualifier ? { qualifier } : {}) }) as SeedClaim;

/** A small seed: a forum with two members, and the meetings, claims and edges each test adds. */
function fakeSeed(extra: Partial<SeedData> = {}): SeedData {
  return {
    sources: [],
    mentions: [],
    entities: [
      entity({ kind: "Body", id: "forum", type: "forum", name: "Forum" }),
      entity({ kind: "State", id: "AU", type: "country", name: "Australia" }),
      entity({ kind: "State", id: "ID", type: "country", name: "Indonesia" }),
      ...(extra.entities ?? []),
    ],
    relationships: [
      rel("MEMBER_OF", "AU", "forum", ["001:2-2"], "member"),
      rel("MEMBER_OF", "ID", "forum", ["001:3-3"], "member"),
      ...(extra.relationships ?? []),
    ],
    claims: extra.claims ?? [],
    placement: {},
  };
}

describe("possible duplicates", () => {
  it("finds two meetings with similar names and compatible dates, as a warning naming both", () => {
    const data = fakeSeed({
      entities: [
        entity({
          kind: "Meeting",
          id: "som-2015",
          type: "senior-officials-meeting",
          startDate: "2015-05-06",
          name: "Senior Officials Meeting (May 2015, Wellington)",
        }),
        entity({
          kind: "Meeting",
          id: "ninth-ahg",
          type: "ahg-senior-officials-meeting",
          startDate: "2015-05",
          name: "Ninth Meeting of the Ad Hoc Group Senior Officials",
        }),
        entity({
          kind: "Meeting",
          id: "tenth-ahg",
          type: "ahg-senior-officials-meeting",
          startDate: "2016-02",
          name: "Tenth Meeting of the Ad Hoc Group Senior Officials",
        }),
      ],
    });
    const findings = findDuplicates(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", ids: ["som-2015", "ninth-ahg"] });
    expect(findings[0]!.message).toMatch(/2015-05-06.*2015-05/);
  });

  it("does not report a merged pair (one entity, the other name an alias) nor meetings of other dates", () => {
    const data = fakeSeed({
      entities: [
        entity({
          kind: "Meeting",
          id: "ninth-ahg",
          type: "ahg-senior-officials-meeting",
          startDate: "2015-05",
          name: "Ninth Meeting of the Ad Hoc Group Senior Officials",
          aliases: [{ name: "Senior Officials Meeting (May 2015, Wellington)", sources: ["001:9-9"] }],
        }),
        entity({
          kind: "Meeting",
          id: "som-2016",
          type: "senior-officials-meeting",
          startDate: "2016-03-22",
          name: "Senior Officials Meeting (March 2016, Bali)",
        }),
      ],
    });
    expect(findDuplicates(data)).toEqual([]);
  });

  it("uses a meeting's disputed dates (date claims) too", () => {
    const data = fakeSeed({
      entities: [
        entity({ kind: "Meeting", id: "a", type: "forum", name: "Government and Business Forum 2018" }),
        entity({
          kind: "Meeting",
          id: "b",
          type: "forum",
          startDate: "2018-08",
          name: "Bali Process Government and Business Forum",
        }),
      ],
      claims: [
        {
          id: "a-date",
          subject: "a",
          property: "date",
          value: "2018-08-06/2018-08-07",
          sources: ["001:1-1"],
        } as SeedClaim,
      ],
    });
    expect(findDuplicates(data).map((f) => f.ids)).toEqual([["a", "b"]]);
  });

  it("compares names by their words, and two different ordinals never match", () => {
    expect(
      nameSimilarity("Senior Officials Meeting", "Ninth Meeting of the Ad Hoc Group Senior Officials"),
    ).toBe(1);
    expect(nameSimilarity("Ninth Meeting of the AHG", "Tenth Meeting of the AHG")).toBe(0);
    expect(datesCompatible("2015-05", "2015-05-06")).toBe(true);
    expect(datesCompatible("2015", "2015-05-06")).toBe(false);
    expect(datesCompatible("2015", "2015")).toBe(true);
    expect(datesCompatible("2015-05-06", "2015-05-07")).toBe(false);
  });
});

describe("memberships named two ways", () => {
  const territory = entity({ kind: "State", id: "NC", type: "territory", name: "New Caledonia" });
  const france = entity({ kind: "State", id: "FR", type: "country", name: "France" });

  it("finds a territory and its state both members of one body, each named by a different source", () => {
    const data = fakeSeed({
      entities: [territory, france],
      relationships: [
        rel("PART_OF", "NC", "FR", ["001:5-5"]),
        rel("MEMBER_OF", "NC", "forum", ["001:5-5"], "member"),
        rel("MEMBER_OF", "FR", "forum", ["004:14-14"], "member"),
      ],
    });
    const findings = findDoubleMemberships(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", ids: ["NC", "FR"] });
  });

  it("leaves them alone when one source lists both (two memberships)", () => {
    const data = fakeSeed({
      entities: [territory, france],
      relationships: [
        rel("PART_OF", "NC", "FR", ["001:5-5"]),
        rel("MEMBER_OF", "NC", "forum", ["001:5-5"], "member"),
        rel("MEMBER_OF", "FR", "forum", ["001:6-6", "004:14-14"], "member"),
      ],
    });
    expect(findDoubleMemberships(data)).toEqual([]);
  });
});

describe("stated totals against the graph", () => {
  it("warns when no claim states the graph's count", () => {
    const data = fakeSeed({
      entities: [entity({ kind: "State", id: "NZ", type: "country", name: "New Zealand" })],
      relationships: [rel("MEMBER_OF", "NZ", "forum", ["004:1-1"], "member")],
      claims: [claim("forum-2", "forum", "memberStateCount", 2, ["001:1-1"])],
    });
    const findings = compareTotals(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", ids: ["forum"] });
    expect(findings[0]!.message).toMatch(/the graph counts 3 .*which no claim states: 2 \(001:1-1\)/);
  });

  it("notes the differing totals as kept conflicts when one claim agrees, and is silent when all agree", () => {
    const conflict = fakeSeed({
      claims: [
        claim("forum-2", "forum", "memberStateCount", 2, ["001:1-1"]),
        claim("forum-5", "forum", "memberStateCount", 5, ["002:1-1"]),
      ],
    });
    expect(compareTotals(conflict)).toEqual([
      expect.objectContaining({
        severity: "note",
        message: expect.stringMatching(/kept as a conflict: 5 \(002:1-1\)/),
      }),
    ]);
    const agreed = fakeSeed({ claims: [claim("forum-2", "forum", "memberCount", 2, ["001:1-1"])] });
    expect(compareTotals(agreed)).toEqual([]);
  });

  it("reads qualifiers", () => {
    expect(totalAgrees({ value: 45, qualifier: "more than" }, 46)).toBe(true);
    expect(totalAgrees({ value: 45, qualifier: "more than" }, 45)).toBe(false);
    expect(totalAgrees({ value: 4, qualifier: "at least" }, 4)).toBe(true);
    expect(totalAgrees({ value: 45 }, 46)).toBe(false);
  });
});

describe("the report", () => {
  it("has one section per check and counts the warnings", () => {
    const data = fakeSeed({ claims: [claim("forum-3", "forum", "memberCount", 3, ["001:1-1"])] });
    const report = checkConsistency(data);
    expect(report.sections.map((s) => s.title)).toEqual([
      "Possible duplicates",
      "Memberships named two ways",
      "Stated totals against the graph",
    ]);
    expect(report.warnings).toBe(1);
    const text = formatConsistency(report).join("\n");
    expect(text).toMatch(/== Possible duplicates: no warnings/);
    expect(text).toMatch(/== Stated totals against the graph: 1 warning\(s\)/);
  });
});

describe("seed/ itself", () => {
  const seedDir = resolve(__dirname, "../../seed");
  const sourcesDir = "/nonexistent-sources";

  function runCheck(dir: string): { code: number; out: string } {
    const lines: string[] = [];
    const log = jest
      .spyOn(console, "log")
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const code = main(["--dir", dir, "--sources", sourcesDir]);
      return { code, out: lines.join("\n") };
    } finally {
      log.mockRestore();
      warn.mockRestore();
    }
  }

  it("has no consistency warnings, and its member states are the 45 that 001 and 003 state", () => {
    const data = readSeed(seedDir);
    expect(checkConsistency(data).warnings).toBe(0);
    const states = new Set(data.entities.filter((e) => e.kind === "State").map((e) => e.id));
    const members = data.relationships.filter(
      (r) =>
        r.type === "MEMBER_OF" &&
        r.to === "bali-process" &&
        r.properties?.role === "member" &&
        states.has(r.from),
    );
    expect(members).toHaveLength(45);
  });

  it("seed:check prints a section per check, and a warning does not fail it", () => {
    const clean = runCheck(seedDir);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/== Possible duplicates: no warnings/);
    expect(clean.out).toMatch(/== Memberships named two ways: no warnings/);
    expect(clean.out).toMatch(/== Stated totals against the graph: no warnings/);
    expect(clean.out).toMatch(/No consistency warnings/);

    // France listed as a member again beside New Caledonia: the report names both, the exit stays 0.
    const dir = mkdtempSync(join(tmpdir(), "bali-seed-check-"));
    try {
      cpSync(seedDir, dir, { recursive: true });
      const file = join(dir, "relationships-membership.json");
      const rows = JSON.parse(readFileSync(file, "utf8")) as unknown[];
      rows.push({
        type: "MEMBER_OF",
        from: "FR",
        to: "bali-process",
        properties: { role: "member" },
        sources: ["004:14-14"],
      });
      writeFileSync(file, JSON.stringify(rows, null, 2));
      const flagged = runCheck(dir);
      expect(flagged.code).toBe(0);
      expect(flagged.out).toMatch(/warning: NC \(cited by 001, 004\) and FR \(cited by 004\)/);
      expect(flagged.out).toMatch(/warning: bali-process memberCount: the graph counts 50/);
      expect(flagged.out).toMatch(/2 consistency warning\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
