import "reflect-metadata";
import { type GraphQLSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { resolvers } from "./resolvers";

/** The GraphQL schema, built from the type-graphql classes (the single source of truth). */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: false });
}

export const SDL_HEADER =
  "# Emitted from the type-graphql classes in src/ by `npm run schema`; do not edit.\n\n";

export async function emittedSdl(): Promise<string> {
  return SDL_HEADER + printSchema(await buildGraphQLSchema()) + "\n";
}
