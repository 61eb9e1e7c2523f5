import fs from "node:fs";
import path from "node:path";
import { MENTIONS_FILE } from "../../src/model/contract";
import { MentionDictionary, documentHash, findMentions, splitLines } from "../../src/model/mentions";
import { SEED_DIR } from "../../src/runtime";
import { formatMentions, seedMentions } from "../../src/seed/mentions";
import { readSeed } from "../../src/seed/read-seed";
import { readSourceTexts } from "../../src/seed/source-texts";

const SOURCES_DIR = path.resolve(__dirname, "../..", process.env.SOURCES_DIR ?? "../shared/sources");

const dictionary = new MentionDictionary([
  { id: "bali", names: ["Bali"] },
  { id: "bali-process", names: ["Bali Process", "the Bali Process on People Smuggling"] },
  { id: "NZ", names: ["New Zealand", "New Zeland"] },
  { id: "US", names: ["United States", "US"] },
  { id: "ahg", names: ["Ad Hoc Group", "AHG"] },
  { id: "CI", names: ["Côte d'Ivoire"] },
  // Two entities answering to one name: a graph written by another tool may hold this.
  { id: "perth-city", names: ["Perth"] },
  { id: "perth-forum", names: ["Perth"] },
]);

describe("finding mentions", () => {
  it("takes the longest name first, as whole words, ignoring case, accents and punctuation", () => {
    const { mentions } = findMentions(
      [
        "The Bali Process met in Bali.",
        "bali process members; the BALI PROCESS ON PEOPLE SMUGGLING",
        "Baliness is not Bali. Cote d Ivoire, COTE D'IVOIRE.",
      ],
      dictionary,
    );
    expect(mentions).toEqual([
      { entity: "CI", lines: [3], names: ["Cote d Ivoire", "COTE D'IVOIRE"].sort() },
      { entity: "bali", lines: [1, 3], names: ["Bali"] },
      {
        entity: "bali-process",
        lines: [1, 2],
        names: ["BALI PROCESS ON PEOPLE SMUGGLING", "Bali Process", "bali process"].sort(),
      },
    ]);
  });

  it("resolves a misspelling the entity answers to, and an acronym only in capitals", () => {
    const { mentions } = findMentions(
      ["New Zeland and the US joined the AHG.", "Tell us about ahg."],
      dictionary,
    );
    expect(mentions.map((m) => [m.entity, m.lines])).toEqual([
      ["NZ", [1]],
      ["US", [1]],
      ["ahg", [1]],
    ]);
  });

  it("reports a name several entities answer to with its candidates, and links none of them", () => {
    const report = findMentions(["The forum met in Perth.", "", "Perth again."], dictionary);
    expect(report.mentions).toEqual([]);
    expect(report.ambiguous).toEqual([
      { name: "Perth", candidates: ["perth-city", "perth-forum"], lines: [1, 3] },
    ]);
  });

  it("reports runs of capitalised words that name nothing known, without the words that begin a sentence", () => {
    const report = findMentions(
      [
        "In March the Regional Support Office of Asia met the Bali Process.",
        "The Ad Hoc Group and Pacific Island Forum.",
      ],
      dictionary,
    );
    expect(report.unknown).toEqual([
      { name: "Regional Support Office of Asia", lines: [1] },
      { name: "Pacific Island Forum", lines: [2] },
    ]);
  });

  it("holds a document once whatever its line endings and trailing spaces", () => {
    expect(documentHash(splitLines("a \r\nb\r\n"))).toBe(documentHash(splitLines("a\nb")));
    expect(documentHash(splitLines("a\nb"))).not.toBe(documentHash(splitLines("a\nc")));
  });
});

describe("the committed mentions of the five sources", () => {
  it("are what the finder finds in their text today (run `npm run mentions` after changing names or aliases)", () => {
    const seed = readSeed(SEED_DIR());
    const { texts, problems } = readSourceTexts(SOURCES_DIR, seed.sources);
    expect(problems).toEqual([]);
    expect([...texts.keys()].sort()).toEqual(["000", "001", "002", "003", "004"]);
    const found = seedMentions(seed.entities, texts);
    const committed = fs.readFileSync(path.join(SEED_DIR(), MENTIONS_FILE), "utf8");
    expect(formatMentions(found.flatMap((s) => s.mentions))).toBe(committed);
    expect(seed.mentions).toEqual(found.flatMap((s) => s.mentions));
    // A known misspelling (001 line 26 writes "New Zeland") resolves to its entity.
    expect(seed.mentions.find((m) => m.source === "001" && m.entity === "NZ")?.lines).toContain(26);
  });
});
