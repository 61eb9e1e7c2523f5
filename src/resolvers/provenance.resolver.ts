import type { EntityRecord } from "../model/records";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../request/context";
import { Claim } from "../types/claim.type";
import { Conflict } from "../types/conflict.type";
import { Entity } from "../types/entity.interface";
import { Stats } from "../types/stats.type";
import { checkId } from "./ids";
import { toClaim } from "./records-to-types";

/** Provenance (claims, conflicts between sources) and aggregates. */
@Resolver()
export class ProvenanceResolver {
  @Query(() => [Conflict], {
    description:
      "Facts on which the sources disagree (member counts, dates, statuses …), each claim with its sources.",
  })
  async conflicts(
    @Ctx() { repositories }: Context,
    @Arg("subject", () => ID, { nullable: true, description: "Only about this entity." }) subject?: string,
    @Arg("property", () => String, { nullable: true, description: "Only this property." }) property?: string,
  ): Promise<Conflict[]> {
    const rows = await repositories.provenance.conflicts(
      subject ? checkId(subject, "subject") : null,
      property ?? null,
    );
    return rows.map((row) => {
      const claims = row.claims.map(toClaim);
      return {
        subject: row.subject,
        property: row.property,
        values: [...new Set(claims.map((c) => c.value))],
        claims,
      };
    });
  }

  @Query(() => [Claim], { description: "Claims, optionally about one entity or one property." })
  async claims(
    @Ctx() { repositories }: Context,
    @Arg("subject", () => ID, { nullable: true, description: "Only about this entity." }) subject?: string,
    @Arg("property", () => String, { nullable: true, description: "Only this property." }) property?: string,
  ): Promise<Claim[]> {
    const rows = await repositories.provenance.claims(
      subject ? checkId(subject, "subject") : null,
      property ?? null,
    );
    return rows.map(toClaim);
  }

  @Query(() => Stats, {
    description: "Aggregates: counts per kind and type, members per body, meetings per year and place.",
  })
  stats(): Record<string, never> {
    return {};
  }
}

@Resolver(() => Claim)
export class ClaimResolver {
  @FieldResolver(() => Entity, { description: "The entity the claim is about." })
  subject(@Root() claim: Claim, @Ctx() { loaders }: Context): Promise<EntityRecord | null> {
    return loaders.entity.load(claim.subjectId);
  }
}

@Resolver(() => Stats)
export class StatsResolver {
  @FieldResolver()
  async entitiesByKind(@Ctx() { repositories }: Context) {
    return repositories.stats.countsByKind();
  }

  @FieldResolver()
  async relationshipsByType(@Ctx() { repositories }: Context) {
    return repositories.stats.countsByRelationshipType();
  }

  @FieldResolver()
  async membersPerBody(@Ctx() { repositories }: Context) {
    return repositories.stats.membersPerBody();
  }

  @FieldResolver()
  async meetingsPerYear(@Ctx() { repositories }: Context) {
    return repositories.stats.meetingsPerYear();
  }

  @FieldResolver()
  async meetingsPerPlace(@Ctx() { repositories }: Context) {
    return repositories.stats.meetingsPerPlace();
  }
}
