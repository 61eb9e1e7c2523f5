import { SETTINGS } from "../config/config";
import type { Executor } from "../db/executor";
import { QueryCounter } from "../db/executor";
import { type Loaders, createLoaders } from "../loaders";
import { type Repositories, createRepositories } from "../repository";

/** Everything one GraphQL request may use; built fresh for every request. */
export interface Context {
  repositories: Repositories;
  loaders: Loaders;
  queryCounter: QueryCounter;
  /** Name of the API key the request presented, or null: reads need none, changes do. */
  actor: string | null;
  /** Relationship-field levels to read in the statement of the level above them. */
  lookAhead: number;
}

export interface ContextOptions {
  /** Name of the API key the request presented, if any. */
  actor?: string | null;
  /** Aborts at the request's deadline: database work still pending then is abandoned. */
  signal?: AbortSignal;
  /** Relationship-field levels read ahead (default: RELATIONSHIP_LOOKAHEAD's default). */
  lookAhead?: number;
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
  };
}
