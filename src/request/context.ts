import { GraphQLError } from "graphql";
import { SETTINGS } from "../config/config";
import type { Executor } from "../db/executor";
import { QueryCounter } from "../db/executor";
import { ErrorCode } from "../errors/codes";
import type { ChangeFeed } from "../feed/change-feed";
import { MAX_RELATIONSHIPS_PER_REQUEST } from "../limits/sizes";
import { type Loaders, createLoaders } from "../loaders";
import { type Repositories, createRepositories } from "../repository";
import type { GraphVersion } from "../repository/version.repository";

/** Everything one GraphQL request may use; built fresh for every request. */
export interface Context {
  repositories: Repositories;
  loaders: Loaders;
  queryCounter: QueryCounter;
  /** Name of the API key the request presented, or null: reads need none, changes do. */
  actor: string | null;
  /** Relationship-field levels to read in the statement of the level above them. */
  lookAhead: number;
  /** Counts the relationships the request returns, and refuses past its bound. */
  relationships: RelationshipBudget;
  /** The process's change feed: on subscriptions (over graphql-ws) only. */
  changes?: ChangeFeed;
  /** The graph version read for this request before it reached the GraphQL pipeline, if one was. */
  graphVersion?: GraphVersion;
}

/**
 * The relationships one request may return in all (MAX_RELATIONSHIPS_PER_REQUEST): an answer
 * that would be larger is refused field by field once the bound is passed, before the
 * server builds it, so that a few requests cannot hold the process for seconds each.
 */
export class RelationshipBudget {
  private used = 0;

  constructor(readonly limit: number = MAX_RELATIONSHIPS_PER_REQUEST) {}

  /** Counts `count` more relationships; throws QUERY_TOO_EXPENSIVE past the limit. */
  spend(count: number): void {
    this.used += count;
    if (this.used > this.limit) {
      throw new GraphQLError(
        `The answer would hold more than ${this.limit} relationships: ask for fewer levels, aliases or smaller pages.`,
        { extensions: { code: ErrorCode.QUERY_TOO_EXPENSIVE, limit: this.limit } },
      );
    }
  }
}

export interface ContextOptions {
  /** Name of the API key the request presented, if any. */
  actor?: string | null;
  /** Aborts at the request's deadline: database work still pending then is abandoned. */
  signal?: AbortSignal;
  /** Relationship-field levels read ahead (default: RELATIONSHIP_LOOKAHEAD's default). */
  lookAhead?: number;
  /** The change feed, for a subscription. */
  changes?: ChangeFeed;
  /** The graph version already read for this request. */
  graphVersion?: GraphVersion;
}

export const DEFAULT_LOOKAHEAD = Number(SETTINGS.RELATIONSHIP_LOOKAHEAD.default);

export function createContext(executor: Executor, options: ContextOptions = {}): Context {
  const queryCounter = new QueryCounter();
  const repositories = createRepositories(
    executor.forRequest({ counter: queryCounter, signal: options.signal }),
  );
  return {
    repositories,
    loaders: createLoaders(repositories),
    queryCounter,
    actor: options.actor ?? null,
    lookAhead: options.lookAhead ?? DEFAULT_LOOKAHEAD,
    relationships: new RelationshipBudget(),
    ...(options.changes ? { changes: options.changes } : {}),
    ...(options.graphVersion ? { graphVersion: options.graphVersion } : {}),
  };
}
