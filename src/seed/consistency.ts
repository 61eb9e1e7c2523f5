/**
 * Consistency checks of a valid seed: what the schema and reference checks of validate.ts
 * cannot see. They read the data as a curator would and point at what to look at:
 *
 * - duplicates: two meetings, events or documents with similar names and compatible dates;
 * - memberships: one membership named two ways (a territory and the state it belongs to,
 *   both members of one body, each named by different sources only);
 * - totals: the totals the sources state (claims such as `memberStateCount`) against what
 *   the graph itself counts.
 *
 * Nothing here changes the data. A finding is a warning (a curator should look) or a note
 * (known and recorded, e.g. a stated total that differs and is kept as a conflict); the
 * checks never fail the seed on their own, since similar names can be different things.
 */
import type { SeedClaim } from "../model/contract";
import type { SeedEntity } from "../model/kinds";
import type { NormalisedRelationship, SeedData } from "./validate";

export type Severity = "warning" | "note";

export interface Finding {
  severity: Severity;
  /** Entity ids the finding is about. */
  ids: string[];
  message: string;
}

export interface ConsistencySection {
  title: string;
  /** What the check compares, in one line. */
  describes: string;
  findings: Finding[];
}

export interface ConsistencyReport {
  sections: ConsistencySection[];
  warnings: number;
}

// ---------------------------------------------------------------------------------------
// Duplicates: similar names with compatible dates

/** Kinds whose entities are dated, and the fields that date them. */
const DATED_KINDS = { Meeting: "startDate", Event: "startDate", Document: "date" } as const;

/** Words that say nothing about which meeting or document is meant. */
const STOPWORDS = new Set([
  "the",
  "of",
  "on",
  "and",
  "in",
  "for",
  "a",
  "an",
  "to",
  "at",
  "bali",
  "process",
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
]);

/** Ordinal words: "Ninth" and "Tenth" meetings of one series are different meetings. */
const ORDINALS = new Set([
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
]);

function words(name: string): Set<string> {
  return new Set(
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .map((w) => w.replace(/^(\d+)(st|nd|rd|th)$/, "$1"))
      .filter((w) => w !== "" && !STOPWORDS.has(w) && !/^\d{4}$/.test(w)),
  );
}

/** Shared words over the words of the shorter name: 1 when one name's words are all in the other. */
export function nameSimilarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  // Two different ordinals name two different meetings of a series.
  const ordinalsX = [...x].filter((w) => ORDINALS.has(w) || /^\d+$/.test(w));
  const ordinalsY = [...y].filter((w) => ORDINALS.has(w) || /^\d+$/.test(w));
  if (ordinalsX.length > 0 && ordinalsY.length > 0 && !ordinalsX.some((w) => ordinalsY.includes(w))) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared += 1;
  return shared / Math.min(x.size, y.size);
}

/**
 * Two partial dates are compatible when one is the other or a more precise form of it
 * ("2015-05" and "2015-05-06"). A year alone is too coarse to suggest a duplicate unless
 * both dates are exactly that year.
 */
export function datesCompatible(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= 7 && longer.startsWith(`${shorter}-`);
}

/** How similar two names must be to be reported, with dates compatible. */
export const DUPLICATE_SIMILARITY = 0.6;
/** With dates that share only a year, the names must say more. */
export const DUPLICATE_SIMILARITY_SAME_YEAR = 0.8;

function labels(entity: SeedEntity): string[] {
  return [entity.name, ...entity.aliases.map((a) => a.name)];
}

function dateOf(entity: SeedEntity): string | undefined {
  const field = DATED_KINDS[entity.kind as keyof typeof DATED_KINDS];
  return field ? ((entity as Record<string, unknown>)[field] as string | undefined) : undefined;
}

/** Dates a meeting or event has only as claims (sources disagree), e.g. a `date` claim. */
function claimedDates(claims: readonly SeedClaim[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const claim of claims) {
    if (claim.property !== "date" || typeof claim.value !== "string") continue;
    const list = out.get(claim.subject) ?? [];
    list.push(claim.value.split("/")[0]!);
    out.set(claim.subject, list);
  }
  return out;
}

export function findDuplicates(data: SeedData): Finding[] {
  const claimed = claimedDates(data.claims);
  const dated = data.entities.filter((e) => e.kind in DATED_KINDS);
  const findings: Finding[] = [];
  for (let i = 0; i < dated.length; i++) {
    for (let j = i + 1; j < dated.length; j++) {
      const a = dated[i]!;
      const b = dated[j]!;
      if (a.kind !== b.kind) continue;
      const datesA = [dateOf(a), ...(claimed.get(a.id) ?? [])].filter((d): d is string => d !== undefined);
      const datesB = [dateOf(b), ...(claimed.get(b.id) ?? [])].filter((d): d is string => d !== undefined);
      const date = datesA.flatMap((x) => datesB.filter((y) => datesCompatible(x, y)).map((y) => [x, y]))[0];
      if (!date) continue;
      let best = { score: 0, names: ["", ""] };
      for (const x of labels(a)) {
        for (const y of labels(b)) {
          const score = nameSimilarity(x, y);
          if (score > best.score) best = { score, names: [x, y] };
        }
      }
      const threshold = date[0]!.length === 4 ? DUPLICATE_SIMILARITY_SAME_YEAR : DUPLICATE_SIMILARITY;
      if (best.score < threshold) continue;
      findings.push({
        severity: "warning",
        ids: [a.id, b.id],
        message:
          `${a.kind} ${a.id} ("${best.names[0]}", ${date[0]}) and ${b.id} ("${best.names[1]}", ${date[1]}) ` +
          `have similar names (${Math.round(best.score * 100)}% of words shared) and compatible dates: ` +
          `one entity with the other name as an alias, or two kept apart with a claim saying why`,
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------
// Memberships named two ways

function documentsOf(sources: readonly string[]): Set<string> {
  return new Set(sources.map((s) => s.split(":")[0]!));
}

/**
 * Whether some document names the two apart: it cites each of them at a place where it does
 * not cite the other (two items of one list). Citing both at the same line only, or each in a
 * different document, does not tell two memberships from one named twice.
 */
function namedApart(a: readonly string[], b: readonly string[]): boolean {
  const inB = new Set(b);
  const inA = new Set(a);
  const onlyA = documentsOf(a.filter((c) => !inB.has(c)));
  const onlyB = documentsOf(b.filter((c) => !inA.has(c)));
  return [...onlyA].some((doc) => onlyB.has(doc));
}

/**
 * A territory (`PART_OF` a state) and that state both members of one body in the same role,
 * where no source names them apart: one membership that two sources name differently. A
 * source that lists both as separate items (Hong Kong and China in 001) shows two memberships.
 */
export function findDoubleMemberships(data: SeedData): Finding[] {
  const byId = new Map(data.entities.map((e) => [e.id, e]));
  const partOf = data.relationships.filter(
    (r) => r.type === "PART_OF" && byId.get(r.from)?.kind === "State" && byId.get(r.to)?.kind === "State",
  );
  const memberships = new Map<string, NormalisedRelationship>();
  for (const r of data.relationships) {
    if (r.type !== "MEMBER_OF") continue;
    memberships.set(`${r.from}\u0000${r.to}\u0000${String(r.properties?.role ?? "")}`, r);
  }
  const findings: Finding[] = [];
  for (const part of partOf) {
    for (const [key, edge] of memberships) {
      if (edge.from !== part.from) continue;
      const [, body, role] = key.split("\u0000");
      const other = memberships.get(`${part.to}\u0000${body}\u0000${role}`);
      if (!other) continue;
      if (namedApart(edge.sources, other.sources)) continue;
      const docsA = documentsOf(edge.sources);
      const docsB = documentsOf(other.sources);
      findings.push({
        severity: "warning",
        ids: [part.from, part.to],
        message:
          `${part.from} (cited by ${[...docsA].join(", ")}) and ${part.to} (cited by ${[...docsB].join(", ")}), ` +
          `which it is part of, are both ${role || "members"} of ${body}, and no source names them apart: ` +
          `likely one membership named two ways (move the edge's sources onto one and record the other naming as a claim)`,
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------
// Stated totals against the graph's counts

interface TotalRule {
  /** What is counted, for the report. */
  counts: string;
  count(data: SeedData, subject: string): number;
}

function kindOf(data: SeedData): (id: string) => string | undefined {
  const byId = new Map(data.entities.map((e) => [e.id, e.kind]));
  return (id) => byId.get(id);
}

function membersCount(role: string, kind?: "State" | "Organisation"): TotalRule {
  return {
    counts: `MEMBER_OF edges with role ${role}${kind ? ` from ${kind === "State" ? "a" : "an"} ${kind}` : ""}`,
    count(data, subject) {
      const kind_ = kindOf(data);
      return data.relationships.filter(
        (r) =>
          r.type === "MEMBER_OF" &&
          r.to === subject &&
          (r.properties?.role ?? "member") === role &&
          (kind === undefined || kind_(r.from) === kind),
      ).length;
    },
  };
}

/** The count properties of claims.json this check knows how to count in the graph. */
export const TOTAL_RULES: Record<string, TotalRule> = {
  memberCount: membersCount("member"),
  memberStateCount: membersCount("member", "State"),
  memberOrganisationCount: membersCount("member", "Organisation"),
  observerStateCount: membersCount("observer", "State"),
  observerOrganisationCount: membersCount("observer", "Organisation"),
  coreObjectiveCount: {
    counts: "HAS_OBJECTIVE edges from the subject",
    count: (data, subject) => data.relationships.filter((r) => r.type === "HAS_OBJECTIVE" && r.from === subject).length,
  },
  participatingStateCount: {
    counts: "PARTICIPATED_IN edges from a State",
    count(data, subject) {
      const kind = kindOf(data);
      return data.relationships.filter(
        (r) => r.type === "PARTICIPATED_IN" && r.to === subject && kind(r.from) === "State",
      ).length;
    },
  },
  ministerialConferenceCount: {
    counts: "meetings of type ministerial-conference",
    count: (data) =>
      data.entities.filter((e) => e.kind === "Meeting" && (e as { type?: string }).type === "ministerial-conference")
        .length,
  },
};

/** Whether a stated total, with its qualifier, holds for the graph's count. */
export function totalAgrees(claim: Pick<SeedClaim, "value" | "qualifier">, count: number): boolean {
  const value = typeof claim.value === "number" ? claim.value : Number(claim.value);
  if (!Number.isFinite(value)) return false;
  switch (claim.qualifier) {
    case undefined:
      return count === value;
    case "more than":
    case "over":
      return count > value;
    case "at least":
      return count >= value;
    case "around":
      return Math.abs(count - value) <= Math.max(1, value * 0.1);
    default:
      return false;
  }
}

function stated(claim: SeedClaim): string {
  return `${claim.qualifier ? `${claim.qualifier} ` : ""}${String(claim.value)} (${claim.sources.join(", ")})`;
}

export function compareTotals(data: SeedData): Finding[] {
  const groups = new Map<string, SeedClaim[]>();
  for (const claim of data.claims) {
    if (!/Count$/.test(claim.property)) continue;
    const key = `${claim.subject}\u0000${claim.property}`;
    groups.set(key, [...(groups.get(key) ?? []), claim]);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const { subject, property } = group[0]!;
    const rule = TOTAL_RULES[property];
    if (!rule) {
      findings.push({
        severity: "note",
        ids: [subject],
        message: `${subject} ${property}: not compared (no rule counts it in the graph; see TOTAL_RULES)`,
      });
      continue;
    }
    const count = rule.count(data, subject);
    const agreeing = group.filter((c) => totalAgrees(c, count));
    const differing = group.filter((c) => !totalAgrees(c, count));
    const head = `${subject} ${property}: the graph counts ${count} (${rule.counts})`;
    if (count === 0) {
      findings.push({
        severity: "note",
        ids: [subject],
        message: `${head}; the graph lists none, the stated total is kept as a claim: ${group.map(stated).join("; ")}`,
      });
    } else if (agreeing.length === 0) {
      findings.push({
        severity: "warning",
        ids: [subject],
        message:
          `${head}, which no claim states: ${group.map(stated).join("; ")}. ` +
          `Fix the data (a duplicate, a missing edge) or record the counted number as a claim with its sources`,
      });
    } else if (differing.length > 0) {
      findings.push({
        severity: "note",
        ids: [subject],
        message:
          `${head}, as ${agreeing.map(stated).join("; ")}; kept as a conflict: ${differing.map(stated).join("; ")}`,
      });
    }
  }
  return findings;
}

export function checkConsistency(data: SeedData): ConsistencyReport {
  const sections: ConsistencySection[] = [
    {
      title: "Possible duplicates",
      describes:
        `meetings, events and documents with similar names (≥ ${DUPLICATE_SIMILARITY * 100}% of words shared, ` +
        `${DUPLICATE_SIMILARITY_SAME_YEAR * 100}% when the dates share only a year) and compatible dates`,
      findings: findDuplicates(data),
    },
    {
      title: "Memberships named two ways",
      describes:
        "a territory and the state it is part of, both members of one body, and no source lists them as two items",
      findings: findDoubleMemberships(data),
    },
    {
      title: "Stated totals against the graph",
      describes: "count claims (claims.json) against the graph's own counts",
      findings: compareTotals(data),
    },
  ];
  return {
    sections,
    warnings: sections.reduce((n, s) => n + s.findings.filter((f) => f.severity === "warning").length, 0),
  };
}

/** The report as `npm run seed:check` prints it. */
export function formatConsistency(report: ConsistencyReport): string[] {
  const lines = ["Consistency:"];
  for (const section of report.sections) {
    const warnings = section.findings.filter((f) => f.severity === "warning").length;
    lines.push(`== ${section.title}: ${warnings === 0 ? "no warnings" : `${warnings} warning(s)`} (${section.describes})`);
    for (const finding of section.findings) lines.push(`  ${finding.severity}: ${finding.message}`);
  }
  return lines;
}
