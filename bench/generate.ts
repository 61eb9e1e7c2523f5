import type { SeedEntity } from "../src/model/kinds";
import type { RelationshipType } from "../src/model/relationships";
import { DOCUMENT_TYPES, MEETING_TYPES, ORGANISATION_TYPES } from "../src/model/contract";
import type { NormalisedRelationship } from "../src/seed/validate";
import { Prng } from "./prng";

/**
 * A synthetic graph shaped like the Bali Process data set: states, organisations,
 * bodies, meetings and documents with the seed's fields, related by the seed's
 * relationship types. Every kind grows in proportion to the scale, so an entity's
 * fan-out stays about the same while the store grows; the named hubs (the forum, the
 * Ad Hoc Group, the Steering Group) keep their real-world sizes, except for the
 * meetings and documents they organise and issue, which grow with the graph.
 */

/** Bump when the generated graph changes, so a reused data folder is rebuilt. */
export const GENERATOR_VERSION = 1;

export interface SyntheticGraph {
  entities: SeedEntity[];
  relationships: NormalisedRelationship[];
  /** Ids the questions are asked about, chosen from the graph itself. */
  picks: GraphPicks;
}

export interface GraphPicks {
  /** A state looked up by id. */
  state: string;
  /** The hub whose members the nesting questions start from. */
  group: string;
  /** A document whose depth-2 neighbourhood is a few hundred nodes at most (no truncation). */
  neighbourhoodCentre: string;
  neighbourhoodSize: number;
  pathFrom: string;
  pathTo: string;
  pathLength: number;
}

const SYLLABLES =
  "ka lo ri ven ta mar sel do an bre cu fin gal hu is jor kel lum mo nar or pel qui ros sun tor ul vor wen zan".split(
    " ",
  );

const BODY_TYPES_WEIGHTED = [
  ...Array<string>(30).fill("working-group"),
  ...Array<string>(15).fill("task-force"),
  ...Array<string>(10).fill("network"),
  ...Array<string>(10).fill("group"),
  ...Array<string>(10).fill("office"),
  ...Array<string>(5).fill("framework"),
  ...Array<string>(5).fill("track"),
  ...Array<string>(5).fill("panel"),
  ...Array<string>(5).fill("mechanism"),
  ...Array<string>(5).fill("unit"),
];
const CHAIRED = new Set(["working-group", "task-force", "network"]);

const pad = (n: number, width = 5) => String(n).padStart(width, "0");

/** Entities per kind at a scale: the proportions of a grown-up version of the data set. */
export function kindCounts(scale: number) {
  const states = Math.max(8, Math.round(scale * 0.05));
  const organisations = Math.max(8, Math.round(scale * 0.1));
  const bodies = Math.max(8, Math.round(scale * 0.1));
  const meetings = Math.max(8, Math.round(scale * 0.4));
  const documents = Math.max(8, scale - states - organisations - bodies - meetings);
  return { states, organisations, bodies, meetings, documents };
}

export function generateGraph(scale: number, seed: number): SyntheticGraph {
  const rng = new Prng(seed);
  const counts = kindCounts(scale);
  const word = () => {
    const parts = rng.between(2, 3);
    let w = "";
    for (let i = 0; i < parts; i++) w += rng.pick(SYLLABLES);
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const citation = () => {
    const first = rng.between(1, 400);
    return `00${rng.between(1, 5)}:${first}-${first + rng.between(0, 30)}`;
  };
  const citations = () => Array.from({ length: rng.between(1, 2) }, citation);
  const aliases = (name: string) => {
    const out: { name: string; sources?: string[]; inferred?: boolean }[] = [];
    if (rng.chance(0.4)) out.push({ name: `${name} (${word()})`, sources: [citation()] });
    if (rng.chance(0.2)) out.push({ name: name.toUpperCase(), inferred: true });
    return out;
  };
  const date = (precise: boolean) => {
    const year = rng.between(2002, 2025);
    return precise ? `${year}-${pad(rng.between(1, 12), 2)}-${pad(rng.between(1, 28), 2)}` : String(year);
  };

  const entities: SeedEntity[] = [];
  // Names carry a zero-padded number: unique, and ordered the same by `name` and `toLower(name)`.
  const states: string[] = [];
  for (let i = 0; i < counts.states; i++) {
    // Two-letter codes run out at 676 states; beyond them, slugs.
    const id = i < 676 ? String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)) : `state-${pad(i)}`;
    const name = `${word()} ${pad(i)}`;
    states.push(id);
    entities.push({
      kind: "State",
      id,
      type: rng.chance(0.9) ? "country" : "territory",
      name,
      aliases: aliases(name),
      description: rng.chance(0.5) ? `A synthetic state for benchmarks.` : undefined,
      sources: citations(),
    });
  }
  const organisations: string[] = [];
  for (let i = 0; i < counts.organisations; i++) {
    const id = `org-${pad(i)}`;
    const name = `${word()} Organisation ${pad(i)}`;
    organisations.push(id);
    entities.push({
      kind: "Organisation",
      id,
      type: rng.pick(ORGANISATION_TYPES),
      acronym: rng.chance(0.5) ? word().toUpperCase() : undefined,
      name,
      aliases: aliases(name),
      sources: citations(),
    });
  }
  const HUBS = [
    { id: "bali-process", type: "forum", name: "Bali Process", acronym: "BP" },
    { id: "ad-hoc-group", type: "group", name: "Ad Hoc Group", acronym: "AHG" },
    { id: "steering-group", type: "group", name: "Steering Group", acronym: undefined },
    { id: "regional-support-office", type: "office", name: "Regional Support Office", acronym: "RSO" },
  ];
  const bodies: string[] = [];
  const bodyType = new Map<string, string>();
  for (let i = 0; i < counts.bodies; i++) {
    const hub = HUBS[i];
    const type = hub?.type ?? rng.pick(BODY_TYPES_WEIGHTED);
    const id = hub?.id ?? `body-${pad(i)}`;
    const name = hub?.name ?? `${word()} ${type === "working-group" ? "Working Group" : "Body"} ${pad(i)}`;
    bodies.push(id);
    bodyType.set(id, type);
    entities.push({
      kind: "Body",
      id,
      type: type as never,
      acronym: hub ? hub.acronym : rng.chance(0.3) ? word().toUpperCase() : undefined,
      name,
      aliases: aliases(name),
      sources: citations(),
    });
  }
  const meetings: string[] = [];
  for (let i = 0; i < counts.meetings; i++) {
    const id = `meeting-${pad(i, 6)}`;
    const type = rng.pick(MEETING_TYPES);
    const start = date(rng.chance(0.8));
    meetings.push(id);
    entities.push({
      kind: "Meeting",
      id,
      type,
      ordinal: rng.chance(0.2) ? rng.between(1, 20) : undefined,
      startDate: start,
      endDate: start.length === 10 && rng.chance(0.5) ? start : undefined,
      name: `${word()} Meeting ${pad(i, 6)}`,
      aliases: [],
      sources: citations(),
    });
  }
  const documents: string[] = [];
  const documentType = new Map<string, string>();
  for (let i = 0; i < counts.documents; i++) {
    const id = `document-${pad(i, 6)}`;
    const type = rng.chance(0.03) ? "convention" : rng.pick(DOCUMENT_TYPES);
    documents.push(id);
    documentType.set(id, type);
    entities.push({
      kind: "Document",
      id,
      type,
      date: rng.chance(0.7) ? date(rng.chance(0.5)) : undefined,
      name: `${word()} Document ${pad(i, 6)}`,
      aliases: rng.chance(0.1) ? [{ name: `${word()} Paper`, sources: [citation()] }] : [],
      sources: citations(),
    });
  }

  const relationships: NormalisedRelationship[] = [];
  const seen = new Set<string>();
  const relate = (
    type: RelationshipType,
    from: string,
    to: string,
    properties: Record<string, string> = {},
  ) => {
    const id = `${from}-${type}-${to}${properties.role ? `-${properties.role.replace(/\s+/g, "-")}` : ""}`;
    if (from === to || seen.has(id)) return;
    seen.add(id);
    relationships.push({ id, type, from, to, properties, sources: citations() });
  };
  const participant = (stateShare: number) =>
    rng.chance(stateShare) ? rng.pick(states) : rng.pick(organisations);
  const [forum, group, steering, office] = bodies as [string, string, string, string];
  const ordinary = bodies.slice(HUBS.length);

  // Governance: the Ad Hoc Group and Steering Group under the forum; other bodies under a hub or an earlier body.
  relate("OPERATES_UNDER", group, forum);
  relate("REPORTS_TO", group, forum, { frequency: "annually" });
  relate("OPERATES_UNDER", steering, forum);
  relate("SUPPORTS", office, group);
  relate("REPORTS_TO", office, group);
  ordinary.forEach((body, i) => {
    const parent = rng.chance(0.5) ? group : rng.chance(0.2) || i === 0 ? forum : ordinary[rng.int(i)]!;
    relate("REPORTS_TO", body, parent);
    if (rng.chance(0.5)) relate("OPERATES_UNDER", body, parent);
  });

  // Membership: the hubs keep fixed sizes; other bodies have a long-tailed few members.
  for (const s of rng.sample(states, 50)) relate("MEMBER_OF", s, forum, { role: "member" });
  for (const o of rng.sample(organisations, 10)) relate("MEMBER_OF", o, forum, { role: "observer" });
  for (const s of rng.sample(states, Math.min(45, Math.ceil(states.length * 0.6))))
    relate("MEMBER_OF", s, group, { role: "member" });
  for (const o of rng.sample(organisations, 5)) relate("MEMBER_OF", o, group, { role: "observer" });
  for (const s of rng.sample(states, 10)) relate("MEMBER_OF", s, steering, { role: "member" });
  for (const body of ordinary) {
    const size = Math.min(40, 2 + rng.geometric(6));
    for (let k = 0; k < size; k++)
      relate("MEMBER_OF", participant(0.7), body, { role: rng.chance(0.85) ? "member" : "observer" });
    if (CHAIRED.has(bodyType.get(body)!)) {
      for (let k = 0; k < 2; k++) {
        if (rng.chance(0.9)) relate("CO_CHAIRS", rng.pick(states), body);
        else relate("CO_CHAIRS", rng.pick(organisations), body, { role: "business co-chair" });
      }
    }
    if (rng.chance(0.2)) relate("SECRETARIAT_OF", rng.pick(organisations), body);
    if (rng.chance(0.25)) relate("SUPPORTS", rng.pick(organisations), body);
  }

  // Meetings: the hubs organise a share of them; participants are long-tailed.
  for (const meeting of meetings) {
    const organiser = rng.chance(0.3) ? group : rng.chance(0.1) ? forum : rng.pick(bodies);
    relate("ORGANISED_BY", meeting, organiser);
    const host = rng.pick(states);
    relate("HELD_IN", meeting, host);
    if (rng.chance(0.7)) relate("HOSTED", host, meeting);
    const size = Math.min(30, 3 + rng.geometric(5));
    for (let k = 0; k < size; k++) relate("PARTICIPATED_IN", participant(0.8), meeting);
  }
  for (const body of ordinary) if (rng.chance(0.5)) relate("ESTABLISHED_AT", body, rng.pick(meetings));

  // Documents: adopted at meetings, issued by bodies, produced by organisations, ratified by states.
  documents.forEach((document, i) => {
    if (rng.chance(0.7))
      relate("ADOPTED_AT", document, rng.pick(meetings), {
        action: rng.pick(["adopted", "endorsed", "issued"]),
      });
    if (rng.chance(0.6)) relate("ISSUED_BY", document, rng.chance(0.3) ? group : rng.pick(bodies));
    if (rng.chance(0.3)) relate("PRODUCED_BY", document, rng.pick(organisations));
    if (rng.chance(0.1)) relate("ENDORSED_BY", document, rng.pick(bodies), { action: "endorsed" });
    if (i > 0 && rng.chance(0.05)) relate("AMENDS", document, documents[rng.int(i)]!);
    if (documentType.get(document) === "convention") {
      for (const s of rng.sample(states, rng.between(3, 20))) relate("RATIFIED", s, document);
    }
  });

  return { entities, relationships, picks: pickTargets(entities, relationships, states, documents, group) };
}

/** Chooses the ids the questions are about from the generated graph, deterministically. */
function pickTargets(
  entities: SeedEntity[],
  relationships: NormalisedRelationship[],
  states: string[],
  documents: string[],
  group: string,
): GraphPicks {
  const adjacency = new Map<string, string[]>(entities.map((e) => [e.id, []]));
  for (const r of relationships) {
    adjacency.get(r.from)!.push(r.to);
    adjacency.get(r.to)!.push(r.from);
  }
  const distances = (start: string, maxDepth: number) => {
    const seen = new Map<string, number>([[start, 0]]);
    let frontier = [start];
    for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const id of frontier)
        for (const other of adjacency.get(id)!)
          if (!seen.has(other)) {
            seen.set(other, depth);
            next.push(other);
          }
      frontier = next;
    }
    return seen;
  };

  // The neighbourhood must stay under the API's node limit (500) so that no side truncates.
  let centre = documents[0]!;
  let size = Infinity;
  for (const id of documents.slice(0, 500)) {
    if (adjacency.get(id)!.length < 2) continue;
    const n = distances(id, 2).size;
    if (n <= 400 && Math.abs(n - 150) < Math.abs(size - 150)) {
      centre = id;
      size = n;
      if (n >= 100 && n <= 250) break;
    }
  }

  // A path of length 4 when there is one (else the longest up to 4), to an organisation or document.
  const reach = distances(centre, 4);
  let pathTo = "";
  let pathLength = 0;
  for (const [id, d] of [...reach.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!/^(org|document)-/.test(id)) continue;
    if (d > pathLength) {
      pathTo = id;
      pathLength = d;
    }
  }
  return {
    state: states[Math.floor(states.length / 2)]!,
    group,
    neighbourhoodCentre: centre,
    neighbourhoodSize: size,
    pathFrom: centre,
    pathTo,
    pathLength,
  };
}
