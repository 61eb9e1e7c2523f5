import type { NonEmptyArray } from "type-graphql";
import { connectionResolvers } from "../types/connections";
import { CitationResolver, SourceTextResolver } from "./citation.resolver";
import { CurationResolver } from "./curation.resolver";
import { EntityResolver } from "./entity.resolver";
import { GraphResolver } from "./graph.resolver";
import { ListResolver } from "./list.resolver";
import { EntityMentionsResolver, MentionResolver, SourceMentionsResolver } from "./mention.resolver";
import { MentionConnectionResolver } from "../types/mention.type";
import { KindLookupResolver, LookupResolver } from "./lookup.resolver";
import { ClaimResolver, ProvenanceResolver, StatsResolver } from "./provenance.resolver";
import { relationshipResolvers } from "./relationship.resolvers";
import { SystemResolver } from "./system.resolver";
import { ChangeResolver } from "./change.resolver";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  LookupResolver,
  KindLookupResolver,
  ListResolver,
  GraphResolver,
  CurationResolver,
  ProvenanceResolver,
  ClaimResolver,
  StatsResolver,
  EntityResolver,
  CitationResolver,
  SourceTextResolver,
  SystemResolver,
  ChangeResolver,
  MentionResolver,
  EntityMentionsResolver,
  SourceMentionsResolver,
  MentionConnectionResolver,
  ...relationshipResolvers,
  ...connectionResolvers,
];
