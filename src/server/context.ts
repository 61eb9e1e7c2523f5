import type { Executor } from "../db/executor";
import { QueryCounter } from "../db/executor";
import { type Loaders, createLoaders } from "../loaders";
import { type Repositories, createRepositories } from "../repository";

/** Everything one GraphQL request may use; built fresh for every request. */
export interface Context {
  repositories: Repositories;
  loaders: Loaders;
  queryCounter: QueryCounter;
}

export function createContext(executor: Executor): Context {
  const queryCounter = new QueryCounter();
  const repositories = createRepositories(executor.withCounter(queryCounter));
  return { repositories, loaders: createLoaders(repositories), queryCounter };
}
