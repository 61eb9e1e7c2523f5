import { z } from "zod";
import { partialDateProblem } from "./dates";

/**
 * The contract of the files in `seed/`. Every file is a JSON array validated by one
 * of the schemas below; `validateSeed()` (validate.ts) adds the checks that span files.
 */

/**
 * "003:57-60": document 003, lines 57 to 60 inclusive (one line is "003:57-57"). A bare
 * "007" cites a whole document; only sources without line numbers (external sources
 * added by curators) may be cited that way.
 */
export const CITATION_PATTERN = /^(\d{3})(?::(\d+)-(\d+))?$/;
export const citation = z
  .string()
  .regex(CITATION_PATTERN, 'a citation is "<doc id>:<first line>-<last line>", e.g. "003:57-60"');
export const citations = z.array(citation).min(1, "at least one source citation is required");

/** A full or partial ISO 8601 date: "2018", "2018-08" or "2018-08-07", a real calendar date. */
export const partialDate = z.string().superRefine((value, ctx) => {
  const problem = partialDateProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "an id is a lowercase slug such as ad-hoc-group");

export const alias = z.strictObject({
  name: z.string().min(1),
  /** Where the spelling occurs; omitted only for inferred aliases. */
  sources: citations.optional(),
  /** True when no source spells it this way (a common short form we add for search). */
  inferred: z.boolean().optional(),
});

export const entityBase = {
  name: z.string().min(1),
  aliases: z.array(alias).default([]),
  /** A short description in our own words; never a sentence copied from a source. */
  description: z.string().optional(),
  sources: citations,
};

export const stateSchema = z.strictObject({
  /** ISO 3166-1 alpha-2, checked against i18n-iso-countries. */
  id: z.string().regex(/^[A-Z]{2}$/, "a state's id is its ISO 3166-1 alpha-2 code"),
  type: z.enum(["country", "territory"]),
  ...entityBase,
});

export const ORGANISATION_TYPES = [
  "un-agency",
  "intergovernmental",
  "regional-organisation",
  "secretariat",
  "government-agency",
  "non-governmental",
  "company",
  "academic",
  "foundation",
  "financial-institution",
  "other",
] as const;
export const organisationSchema = z.strictObject({
  id: slug,
  type: z.enum(ORGANISATION_TYPES),
  acronym: z.string().optional(),
  ...entityBase,
});

export const BODY_TYPES = [
  "forum",
  "group",
  "working-group",
  "task-force",
  "network",
  "office",
  "framework",
  "track",
  "secretariat",
  "panel",
  "mechanism",
  "unit",
] as const;
export const bodySchema = z.strictObject({
  id: slug,
  type: z.enum(BODY_TYPES),
  acronym: z.string().optional(),
  ...entityBase,
});

export const MEETING_TYPES = [
  "ministerial-conference",
  "senior-officials-meeting",
  "ahg-senior-officials-meeting",
  "working-group-meeting",
  "task-force-meeting",
  "workshop",
  "consultation",
  "forum",
  "anniversary-event",
  "conference",
  "training",
  /** A meeting held to prepare a ministerial conference. */
  "preparatory-meeting",
  /** A meeting the sources do not classify further. */
  "other",
] as const;
export const meetingSchema = z.strictObject({
  id: slug,
  type: z.enum(MEETING_TYPES),
  /** Ordinal in its series where the sources number it ("Sixth ... Conference" is 6). */
  ordinal: z.number().int().positive().optional(),
  /**
   * The most precise date the sources give; where sources give it differently (a month in
   * one, the days in another), every version is also a claim (claims.json) with its sources.
   */
  startDate: partialDate.optional(),
  endDate: partialDate.optional(),
  ...entityBase,
});

export const DOCUMENT_TYPES = [
  "declaration",
  "statement",
  "recommendations",
  "policy-guide",
  "handbook",
  "guide",
  "toolkit",
  "report",
  "paper",
  "brief",
  "strategy",
  "work-plan",
  "plan",
  "law",
  "convention",
  "review",
  "road-map",
  "other",
] as const;
export const documentSchema = z.strictObject({
  id: slug,
  type: z.enum(DOCUMENT_TYPES),
  date: partialDate.optional(),
  ...entityBase,
});

export const placeSchema = z.strictObject({
  id: slug,
  type: z.enum(["city", "region", "island", "building", "area"]),
  ...entityBase,
});

export const personSchema = z.strictObject({
  id: slug,
  ...entityBase,
});

export const objectiveSchema = z.strictObject({
  id: slug,
  /** Position in the numbered list of the source that numbers them (003). */
  number: z.number().int().positive().optional(),
  ...entityBase,
});

export const eventSchema = z.strictObject({
  id: slug,
  type: z.enum(["crisis", "operation", "founding", "other"]),
  startDate: partialDate.optional(),
  endDate: partialDate.optional(),
  ...entityBase,
});

export const SOURCE_KINDS = [
  "official-overview",
  "profile",
  "news",
  "encyclopedia",
  "government-page",
  "external",
  /** A document added with its text (addSource, npm run ingest): lines, a reference, no file. */
  "added",
] as const;

export const sourceSchema = z
  .strictObject({
    /** Three digits: the prefix of the file in ../shared/sources/, or the next free number. */
    id: z.string().regex(/^\d{3}$/, "a source id is three digits"),
    file: z.string().min(1).optional(),
    title: z.string().min(1),
    kind: z.enum(SOURCE_KINDS),
    /** Our own summary of what the document covers. */
    description: z.string().min(1),
    /** Number of lines of the document, so citations can be checked without the text. */
    lineCount: z.number().int().positive().optional(),
    /** Where an external source can be found: a URL or a bibliographic reference. */
    reference: z.string().min(1).optional(),
  })
  .refine((s) => s.file === undefined || s.lineCount !== undefined, {
    message: "a source document with a file has a lineCount",
    path: ["lineCount"],
  })
  .refine((s) => s.lineCount === undefined || s.file !== undefined || s.kind === "added", {
    message: "only a document added with its text has a lineCount without a file",
    path: ["lineCount"],
  })
  .refine((s) => s.file !== undefined || s.reference !== undefined, {
    message: "an external source needs a reference (a URL or a bibliographic reference)",
    path: ["reference"],
  });

export const propertyValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A statement about one property of an entity. Claims that share subject and property
 * but differ in value are a conflict between sources, kept side by side.
 */
export const claimSchema = z.strictObject({
  id: slug,
  subject: z.string().min(1),
  property: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "a claim property is camelCase"),
  value: propertyValue,
  /** "more than", "about", "over" … when the source qualifies a figure. */
  qualifier: z.string().optional(),
  unit: z.string().optional(),
  note: z.string().optional(),
  sources: citations,
});

/**
 * Where a source document mentions an entity: the lines (1-based, ascending) where one of the
 * entity's names occurs. Computed from the documents' text (`npm run mentions`), kept as data.
 */
export const mentionSchema = z.strictObject({
  source: z.string().regex(/^\d{3}$/, "a source id is three digits"),
  entity: z.string().min(1),
  lines: z
    .array(z.number().int().positive())
    .min(1, "a mention has at least one line")
    .refine((lines) => lines.every((line, i) => i === 0 || line > lines[i - 1]!), "lines ascend, each once"),
});

export type SeedState = z.infer<typeof stateSchema>;
export type SeedOrganisation = z.infer<typeof organisationSchema>;
export type SeedBody = z.infer<typeof bodySchema>;
export type SeedMeeting = z.infer<typeof meetingSchema>;
export type SeedDocument = z.infer<typeof documentSchema>;
export type SeedPlace = z.infer<typeof placeSchema>;
export type SeedPerson = z.infer<typeof personSchema>;
export type SeedObjective = z.infer<typeof objectiveSchema>;
export type SeedEvent = z.infer<typeof eventSchema>;
export type SeedSource = z.infer<typeof sourceSchema>;
export type SeedClaim = z.infer<typeof claimSchema>;
export type SeedMention = z.infer<typeof mentionSchema>;

/** Relationships may be split over several files named relationships*.json. */
export const RELATIONSHIP_FILE_PATTERN = /^relationships(-[a-z0-9-]+)?\.json$/;
export const SOURCES_FILE = "sources.json";
export const CLAIMS_FILE = "claims.json";
export const MENTIONS_FILE = "mentions.json";
