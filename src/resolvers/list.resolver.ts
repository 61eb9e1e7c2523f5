import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../request/context";
import type { ConnectionValue } from "../types/connection.type";
import {
  BodyConnection,
  DocumentConnection,
  EventConnection,
  MeetingConnection,
  ObjectiveConnection,
  OrganisationConnection,
  PersonConnection,
  PlaceConnection,
  SourceConnection,
  StateConnection,
} from "../types/connections";
import { ListArgs } from "../types/inputs/list.args";
import { listEntities } from "./list";

/** The typed root lists: filter, sort, and page through one kind of entity. */
@Resolver()
export class ListResolver {
  @Query(() => StateConnection, { description: "States and territories." })
  states(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("State", args, ctx, info);
  }

  @Query(() => OrganisationConnection, {
    description: "Organisations: UN agencies, secretariats, companies …",
  })
  organisations(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Organisation", args, ctx, info);
  }

  @Query(() => BodyConnection, {
    description: "Bodies: the forum, groups, working groups, task forces, networks, offices …",
  })
  bodies(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Body", args, ctx, info);
  }

  @Query(() => MeetingConnection, { description: "Meetings, conferences, workshops and consultations." })
  meetings(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Meeting", args, ctx, info);
  }

  @Query(() => DocumentConnection, { description: "Declarations, statements, guides, reports and laws." })
  documents(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Document", args, ctx, info);
  }

  @Query(() => PlaceConnection, { description: "Cities, regions and buildings." })
  places(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Place", args, ctx, info);
  }

  @Query(() => PersonConnection, { description: "People named in the sources." })
  people(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Person", args, ctx, info);
  }

  @Query(() => ObjectiveConnection, { description: "Objectives and tasks." })
  objectives(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Objective", args, ctx, info);
  }

  @Query(() => EventConnection, { description: "Events: crises, operations." })
  events(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Event", args, ctx, info);
  }

  @Query(() => SourceConnection, { description: "The source documents the graph is built from." })
  sources(
    @Args() args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue> {
    return listEntities("Source", args, ctx, info);
  }
}
