import "reflect-metadata";
import { GraphQLObjectType, GraphQLSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { resolvers } from "./resolvers";

const QUERY_DESCRIPTION =
  "Read the Bali Process knowledge graph: look entities up by id, name or alias; list and filter them; walk their relationships; draw neighbourhoods and paths; see where every fact comes from and where sources disagree.";

/** The GraphQL schema, built from the type-graphql classes (the single source of truth). */
export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const built = await buildSchema({ resolvers, validate: false });
  // type-graphql has no option for the root type's description; add it to the built schema.
  const config = built.toConfig();
  const query = new GraphQLObjectType({
    ...built.getQueryType()!.toConfig(),
    description: QUERY_DESCRIPTION,
  });
  return new GraphQLSchema({
    ...config,
    query,
    types: config.types.map((t) => (t.name === "Query" ? query : t)),
  });
}

export const SDL_HEADER =
  "# Emitted from the type-graphql classes in src/ by `npm run schema`; do not edit.\n\n";

export async function emittedSdl(): Promise<string> {
  return SDL_HEADER + printSchema(await buildGraphQLSchema()) + "\n";
}
