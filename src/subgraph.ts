import { buildSubgraphSchema } from "@apollo/subgraph";
import {
  type DocumentNode,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLUnionType,
  Kind,
  type ObjectTypeDefinitionNode,
  executeSync,
  isObjectType,
  parse,
  printSchema,
  visit,
} from "graphql";
import type { EntityRecord } from "./model/records";
import type { Context } from "./request/context";
import { ENTITY_TYPES, resolveEntities } from "./resolvers/federation";
import { buildGraphQLSchema } from "./schema";

/**
 * `@key` is all this subgraph uses of federation: the lowest Federation 2 version keeps it
 * composable by every Federation 2 gateway and router.
 */
export const FEDERATION_SPEC = "https://specs.apollo.dev/federation/v2.0";

const LINK = parse(`extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key"])`).definitions;
const KEY = (parse('type T @key(fields: "id") { id: ID }').definitions[0] as ObjectTypeDefinitionNode)
  .directives!;

export interface Subgraph {
  /** The schema served: the built schema with `_service`, `_entities` and their types added. */
  schema: GraphQLSchema;
  /** What `_service { sdl }` answers: the SDL a gateway composes (schema/subgraph.graphql). */
  sdl: string;
}

/** The built schema's SDL as a Federation 2 subgraph: `@link` to the spec, `@key(fields: "id")` on every entity type. */
function subgraphTypeDefs(schema: GraphQLSchema): DocumentNode {
  const keyed = new Set(ENTITY_TYPES);
  const document = visit(parse(printSchema(schema)), {
    ObjectTypeDefinition: (node) =>
      keyed.has(node.name.value) ? { ...node, directives: [...(node.directives ?? []), ...KEY] } : undefined,
  });
  return { kind: Kind.DOCUMENT, definitions: [...LINK, ...document.definitions] };
}

/**
 * The schema as an Apollo Federation 2 subgraph.
 *
 * @apollo/subgraph builds a subgraph from the SDL: it checks it against the federation spec,
 * and its `_service` answers the SDL a gateway composes. Its types are built from text,
 * though: enums without the values the resolvers return (`un-agency` for `UN_AGENCY`), scalars
 * without their parsing, no resolvers. So the schema served is the built one, whose types are
 * kept as they are (with the resolvers bind.ts set on them), with the federation fields added
 * to its `Query`: `_service` as @apollo/subgraph answers it, and `_entities` over the entity
 * loader (resolvers/federation.ts).
 */
export function subgraphOf(schema: GraphQLSchema): Subgraph {
  const federated = buildSubgraphSchema({ typeDefs: subgraphTypeDefs(schema) });
  const fromText = federated.getQueryType()!.toConfig().fields;
  const answer = executeSync({ schema: federated, document: parse("{ _service { sdl } }") });
  const sdl = (answer.data as { _service: { sdl: string } } | undefined)?._service.sdl;
  if (sdl === undefined) throw new Error(`No subgraph SDL: ${JSON.stringify(answer.errors)}`);

  const entity = new GraphQLUnionType({
    name: "_Entity",
    types: ENTITY_TYPES.map((name) => {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`No object type ${name} in the schema`);
      return type;
    }),
    // As every abstract type of the schema (bind.ts): the type named by the value's kind.
    resolveType: (value: EntityRecord) => value.kind,
  });
  const query = schema.getQueryType()!;
  const queryConfig = query.toConfig();
  const federatedQuery = new GraphQLObjectType({
    ...queryConfig,
    fields: {
      ...queryConfig.fields,
      _entities: {
        ...fromText._entities!,
        type: new GraphQLNonNull(new GraphQLList(entity)),
        description:
          "The entities a gateway asks this subgraph for by their keys ({ __typename, id }), in the order given; null for an id no entity of that type has.",
        resolve: (_source, args: { representations: unknown[] }, context: Context, info) =>
          resolveEntities(args.representations, context, info),
      },
      _service: fromText._service!,
    },
  });
  const config = schema.toConfig();
  return {
    sdl,
    schema: new GraphQLSchema({
      ...config,
      query: federatedQuery,
      types: [...config.types.map((type) => (type === query ? federatedQuery : type)), entity],
    }),
  };
}

export async function buildSubgraph(): Promise<Subgraph> {
  return subgraphOf(await buildGraphQLSchema());
}

export const SUBGRAPH_SDL_HEADER =
  "# The schema as an Apollo Federation 2 subgraph (FEDERATION=true): what `_service { sdl }` answers.\n" +
  "# Emitted from the type-graphql classes in src/ by `npm run schema`; do not edit.\n\n";

/** The text of schema/subgraph.graphql. */
export function subgraphSdlFileOf(subgraph: Subgraph): string {
  return SUBGRAPH_SDL_HEADER + subgraph.sdl.trimEnd() + "\n";
}
