import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../server/context";
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
  states(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("State", args, ctx);
  }

  @Query(() => OrganisationConnection, {
    description: "Organisations: UN agencies, secretariats, companies …",
  })
  organisations(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Organisation", args, ctx);
  }

  @Query(() => BodyConnection, {
    description: "Bodies: the forum, groups, working groups, task forces, networks, offices …",
  })
  bodies(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Body", args, ctx);
  }

  @Query(() => MeetingConnection, { description: "Meetings, conferences, workshops and consultations." })
  meetings(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Meeting", args, ctx);
  }

  @Query(() => DocumentConnection, { description: "Declarations, statements, guides, reports and laws." })
  documents(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Document", args, ctx);
  }

  @Query(() => PlaceConnection, { description: "Cities, regions and buildings." })
  places(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Place", args, ctx);
  }

  @Query(() => PersonConnection, { description: "People named in the sources." })
  people(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Person", args, ctx);
  }

  @Query(() => ObjectiveConnection, { description: "Objectives and tasks." })
  objectives(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Objective", args, ctx);
  }

  @Query(() => EventConnection, { description: "Events: crises, operations." })
  events(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Event", args, ctx);
  }

  @Query(() => SourceConnection, { description: "The source documents the graph is built from." })
  sources(@Args() args: ListArgs, @Ctx() ctx: Context): Promise<ConnectionValue> {
    return listEntities("Source", args, ctx);
  }
}
