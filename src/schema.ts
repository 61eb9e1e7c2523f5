import "reflect-metadata";
import { GraphQLObjectType, GraphQLSchema, printSchema } from "graphql";
import { type PubSub, buildSchema } from "type-graphql";
import { resolvers } from "./resolvers";
import { bindOnBuiltSchema } from "./resolvers/bind";

const QUERY_DESCRIPTION =
  "Read the Bali Process knowledge graph: look entities up by id, name or alias; list and filter them; walk their relationships; draw neighbourhoods and paths; see where every fact comes from and where sources disagree.";

const MUTATION_DESCRIPTION =
  "Curate the graph: every change needs an API key (Authorization: Bearer …) and at least one source, runs in one transaction, and is recorded in the audit trail.";

const SUBSCRIPTION_DESCRIPTION =
  "Follow the graph as curators change it, over graphql-ws (a WebSocket on /graphql, protocol graphql-transport-ws). Queries and mutations go over HTTP.";

/**
 * type-graphql asks for a PubSub whenever a schema has subscriptions, even when every one
 * brings its own `subscribe` (graphChanged reads the change feed, src/feed/): no topic is
 * ever published or subscribed to, and one that were would be a mistake worth hearing of.
 */
const NO_TOPICS: PubSub = {
  publish: (topic) => {
    throw new Error(`No subscription publishes topics (asked: ${topic})`);
  },
  subscribe: (topic) => {
    throw new Error(`No subscription reads topics (asked: ${topic})`);
  },
};

/** The GraphQL schema, built from the type-graphql classes (the single source of truth). */
export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const built = await buildSchema({ resolvers, validate: false, pubSub: NO_TOPICS });
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
  const subscription = new GraphQLObjectType({
    ...built.getSubscriptionType()!.toConfig(),
    description: SUBSCRIPTION_DESCRIPTION,
  });
  const roots: Record<string, GraphQLObjectType> = {
    Query: query,
    Mutation: mutation,
    Subscription: subscription,
  };
  const schema = new GraphQLSchema({
    ...config,
    query,
    mutation,
    subscription,
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
