import type { EntityRecord } from "../model/records";
import { Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { PageInfo } from "./page-info.type";

type GraphQLOutput = Parameters<typeof Field>[0];

/** The plain object a list resolver returns; `count` runs only when totalCount is asked for. */
export interface ConnectionValue<Node = EntityRecord> {
  edges: { cursor: string; node: Node }[];
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

/** A Relay connection type for one node type, e.g. StateConnection with StateConnectionEdge. */
export function createConnectionType(name: string, nodeType: GraphQLOutput) {
  @ObjectType(`${name}ConnectionEdge`, {
    simpleResolvers: true,
    description: `One ${name} in a page, with its cursor.`,
  })
  class ConnectionEdge {
    @Field({ description: "Opaque cursor of this position; pass to `after` or `before`." })
    cursor!: string;

    @Field(nodeType, { description: "The item." })
    node!: EntityRecord;
  }

  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${name} items (Relay cursor connection).`,
  })
  class Connection {
    @Field(() => [ConnectionEdge], { description: "The items of this page, in order." })
    edges!: ConnectionEdge[];

    @Field(() => PageInfo, { description: "Whether more pages exist, and the cursors to reach them." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "Number of items matching the filter, over all pages." })
    totalCount!: number;
  }

  @Resolver(() => Connection)
  class ConnectionResolver {
    @FieldResolver(() => Int)
    totalCount(@Root() connection: ConnectionValue<unknown>): Promise<number> {
      return connection.count();
    }
  }
  return { Connection, ConnectionResolver };
}
