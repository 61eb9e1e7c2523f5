import type { EntityRecord } from "../model/records";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../request/context";
import { Alias } from "../types/alias.type";
import { Citation } from "../types/citation.type";
import { Claim } from "../types/claim.type";
import { edgeType } from "../types/edges";
import { Entity } from "../types/entity.interface";
import { Direction, RelationshipType } from "../types/enums";
import { toAliases, toCitations, toClaim, toEdge } from "./records-to-types";
import { selectedEdgeProperties, selectedProperties } from "./selection";

const EntityEdge = edgeType("Entity");

/** Fields every entity has; object types inherit these resolvers from the interface. */
@Resolver(() => Entity)
export class EntityResolver {
  @FieldResolver(() => [Alias])
  aliases(@Root() entity: EntityRecord): Alias[] {
    return toAliases(entity.aliasData);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() entity: EntityRecord): Citation[] {
    return toCitations(entity.sources);
  }

  @FieldResolver(() => [Claim])
  async claims(@Root() entity: EntityRecord, @Ctx() { loaders }: Context): Promise<Claim[]> {
    return (await loaders.claims.load(entity.id)).map(toClaim);
  }

  @FieldResolver(() => [EntityEdge], {
    description:
      "Every relationship of this entity, optionally only of some types or one direction: the generic way to walk the graph.",
  })
  async relationships(
    @Root() entity: EntityRecord,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("types", () => [RelationshipType], {
      nullable: true,
      description: "Only these types (all when omitted).",
    })
    types: string[] | null,
    @Arg("direction", () => Direction, { defaultValue: Direction.BOTH, description: "OUT, IN or BOTH." })
    direction: Direction,
  ): Promise<InstanceType<typeof EntityEdge>[]> {
    const loader = context.loaders.anyRelationships(
      types ?? null,
      direction === Direction.BOTH ? null : direction,
      { node: selectedProperties(info, ["node"], context), edge: selectedEdgeProperties(info, context) },
    );
    const records = await loader.load(entity.id);
    context.relationships.spend(records.length);
    return records.map(toEdge);
  }
}
