import "reflect-metadata";
import { GraphQLObjectType, GraphQLSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { resolvers } from "./resolvers";
import { bindOnBuiltSchema } from "./resolvers/bind";

const QUERY_DESCRIPTION =
  "Read the Bali Process knowledge graph: look entities up by id, name or alias; list and filter them; walk their relationships; draw neighbourhoods and paths; see where every fact comes from and where sources disagree.";

const MUTATION_DESCRIPTION =
  "Curate the graph: every change needs an API key (Authorization: Bearer …) and at least one source, runs in one transaction, and is recorded in the audit trail.";

/** The GraphQL schema, built from the type-graphql classes (the single source of truth). */
export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const built = await buildSchema({ resolvers, validate: false });
  // type-graphql has no option for the root types' descriptions; add them to the built schema.
  const config = built.toConfig();
  const query = new GraphQLObjectType({
    ...built.getQueryType()!.toConfig(),
    description: QUERY_DESCRIPTION,
  });
  const mutation = new GraphQLObjectType({
    ...built.getMutationType()!.toConfig(),
    description: MUTATION_DESCRIPTION,
  });
  const roots: Record<string, GraphQLObjectType> = { Query: query, Mutation: mutation };
  const schema = new GraphQLSchema({
    ...config,
    query,
    mutation,
    types: config.types.map((t) => roots[t.name] ?? t),
  });
  bindOnBuiltSchema(schema);
  return schema;
}

export const SDL_HEADER =
  "# Emitted from the type-graphql classes in src/ by `npm run schema`; do not edit.\n\n";

/** The text of schema/schema.graphql for a built schema. */
export function sdlOf(schema: GraphQLSchema): string {
  return SDL_HEADER + printSchema(schema) + "\n";
}

export async function emittedSdl(): Promise<string> {
  return sdlOf(await buildGraphQLSchema());
}
