import type { Executor } from "../db/executor";
import { CurationRepository } from "./curation.repository";
import { EntityRepository } from "./entity.repository";
import { GraphRepository } from "./graph.repository";
import { ListRepository } from "./list.repository";
import { MentionRepository } from "./mentions.repository";
import { ProvenanceRepository } from "./provenance.repository";
import { StatsRepository } from "./stats.repository";
import { SearchRepository } from "./search.repository";
import { SystemRepository } from "./system.repository";
import { VersionRepository } from "./version.repository";

export interface Repositories {
  system: SystemRepository;
  entities: EntityRepository;
  lists: ListRepository;
  graph: GraphRepository;
  search: SearchRepository;
  provenance: ProvenanceRepository;
  stats: StatsRepository;
  curation: CurationRepository;
  versions: VersionRepository;
  mentions: MentionRepository;
}

export function createRepositories(executor: Executor): Repositories {
  return {
    system: new SystemRepository(executor),
    entities: new EntityRepository(executor),
    lists: new ListRepository(executor),
    graph: new GraphRepository(executor),
    search: new SearchRepository(executor),
    provenance: new ProvenanceRepository(executor),
    stats: new StatsRepository(executor),
    curation: new CurationRepository(executor),
    versions: new VersionRepository(executor),
    mentions: new MentionRepository(executor),
  };
}
