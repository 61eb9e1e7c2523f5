import type { EntityRecord } from "../model/records";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from "type-graphql";
import { ENTITY_KINDS, type KindRow } from "../model/kinds";
import type { Context } from "../request/context";
import { Entity } from "../types/entity.interface";
import { EntityKind } from "../types/enums";
import { Node } from "../types/node.interface";
import { objectType } from "../types/object-types";
import { SearchHit } from "../types/search-hit.type";
import { DEFAULT_INPUT_BOUNDS, searchWords } from "../limits/input-bounds";
import { MAX_SEARCH_RESULTS } from "../limits/sizes";
import { addMethod, namedClass } from "./by-hand";
import { ENTITY_NAME_MIN_SCORE } from "../repository/search.repository";
import { badInput } from "./errors";
import { checkId } from "./ids";
import { readsAhead, selectedProperties } from "./selection";

const MAX_IDS = DEFAULT_INPUT_BOUNDS.listLength;

/** What a `name` argument does, the same on `entity` and the typed look-ups. */
const NAME_LOOKUP =
  `the best match of \`search\`, taken only when its score is above ${ENTITY_NAME_MIN_SCORE}: ` +
  "more than about three in five of the words found, or the name or alias itself; else null";

async function lookUp(
  context: Context,
  info: GraphQLResolveInfo,
  kind: string | null,
  id: string | null | undefined,
  name: string | null | undefined,
): Promise<EntityRecord | null> {
  if ((id === null || id === undefined) === (name === null || name === undefined)) {
    throw badInput("Give exactly one of `id` and `name`.");
  }
  const { loaders, repositories } = context;
  if (id !== null && id !== undefined) {
    // Only what the selection reads (id and kind always: the kind check below needs it),
    // with the relationship fields selected below read in the same statement.
    const ahead = readsAhead(info, [], context, context.lookAhead);
    const entity = await loaders
      .entityWith(selectedProperties(info, [], context))
      .load(ahead.length ? { id: checkId(id), ahead } : checkId(id));
    return entity && (kind === null || entity.kind === kind) ? entity : null;
  }
  if (name!.trim() === "") throw badInput("`name` must not be empty.", "name");
  return repositories.search.byName(name!, kind === null ? null : [kind]);
}

/** Finding entities by id, by name or alias, and by free text. */
@Resolver()
export class LookupResolver {
  @Query(() => Node, {
    nullable: true,
    description: "Any entity by its id (Relay); null when no entity has it.",
  })
  node(
    @Arg("id", () => ID, { description: "The id." }) id: string,
    @Ctx() { loaders }: Context,
  ): Promise<EntityRecord | null> {
    return loaders.entity.load(checkId(id));
  }

  @Query(() => [Node], {
    nullable: "items",
    description: `Entities by id, in the order given (at most ${MAX_IDS}).`,
  })
  nodes(
    @Arg("ids", () => [ID], { description: "The ids." }) ids: string[],
    @Ctx() { loaders }: Context,
  ): Promise<(EntityRecord | null)[]> {
    return loaders.entity.loadMany(ids.map((id) => checkId(id, "ids"))) as Promise<(EntityRecord | null)[]>;
  }

  @Query(() => Entity, {
    nullable: true,
    description:
      'One entity by id, or by name or any alias, tolerant of case, accents, misspellings and unknown words ("New Zeland" finds New Zealand).',
  })
  entity(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID, { nullable: true, description: "The entity's id." }) id?: string,
    @Arg("name", () => String, {
      nullable: true,
      description: `A name, alias or spelling variant: ${NAME_LOOKUP}.`,
    })
    name?: string,
    @Arg("kind", () => EntityKind, { nullable: true, description: "Only an entity of this kind." })
    kind?: string,
  ): Promise<EntityRecord | null> {
    return lookUp(ctx, info, kind ?? null, id, name);
  }

  @Query(() => [SearchHit], {
    description:
      "Full-text search over names and aliases: an entity is found by any of the words, ranked by how many it holds " +
      "(then by exact words, how much of a name they make, and the whole phrase); tolerant of misspellings and unfinished words.",
  })
  async search(
    @Ctx() { repositories }: Context,
    @Arg("text", () => String, { description: "Words to look for." }) text: string,
    @Arg("kinds", () => [EntityKind], { nullable: true, description: "Only these kinds." }) kinds?: string[],
    @Arg("first", () => Int, {
      defaultValue: 10,
      description: `How many results (at most ${MAX_SEARCH_RESULTS}).`,
    })
    first = 10,
  ): Promise<SearchHit[]> {
    if (first < 1 || first > MAX_SEARCH_RESULTS)
      throw badInput(`\`first\` must be between 1 and ${MAX_SEARCH_RESULTS}; got ${first}.`, "first");
    if (searchWords(text).length === 0)
      throw badInput("`text` has no word to search: give at least one letter or digit.", "text");
    const rows = await repositories.search.search(text, kinds ?? null, first);
    return rows.map((row) => ({ entity: row.node, score: row.score }));
  }

  @Query(() => objectType("Body"), { nullable: true, description: "The Bali Process itself (the forum)." })
  baliProcess(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<EntityRecord | null> {
    return lookUp(ctx, info, "Body", "bali-process", null);
  }

  @Query(() => objectType("Body"), {
    nullable: true,
    description: "The Ad Hoc Group (AHG); its `members` are the AHG members.",
  })
  adHocGroup(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<EntityRecord | null> {
    return lookUp(ctx, info, "Body", "ad-hoc-group", null);
  }

  @Query(() => objectType("Body"), {
    nullable: true,
    description: "The Steering Group; its `members` are the steering states.",
  })
  steeringGroup(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<EntityRecord | null> {
    return lookUp(ctx, info, "Body", "steering-group", null);
  }
}

/** A root lookup by id or name for each kind whose row asks for one (`state`, `body` …). */
function buildKindLookups(rows: readonly KindRow[]) {
  const KindLookupResolver = namedClass("KindLookupResolver");
  for (const { kind, lookup } of rows) {
    if (!lookup) continue;
    addMethod(
      KindLookupResolver,
      lookup.field,
      (context: Context, info: GraphQLResolveInfo, id?: string, name?: string) =>
        lookUp(context, info, kind, id, name),
      [
        { decorator: Ctx(), type: Object },
        { decorator: Info(), type: Object },
        {
          decorator: Arg("id", () => ID, { nullable: true, description: "The id (give this or `name`)." }),
          type: String,
        },
        {
          decorator: Arg("name", () => String, {
            nullable: true,
            description: `A name, acronym or alias (give this or \`id\`): ${NAME_LOOKUP}.`,
          }),
          type: String,
        },
      ],
      Query(() => objectType(kind), { nullable: true, description: lookup.description }),
    );
  }
  Resolver()(KindLookupResolver);
  return KindLookupResolver;
}

export const KindLookupResolver = buildKindLookups(ENTITY_KINDS);
