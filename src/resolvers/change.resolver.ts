import { GraphQLError } from "graphql";
import { Arg, ID, Int, Resolver, Root, Subscription } from "type-graphql";
import { ErrorCode } from "../errors/codes";
import type { ChangeRecord } from "../repository/changes.repository";
import type { Context } from "../request/context";
import { GraphChange } from "../types/graph-change.type";
import { EntityKind, RelationshipType } from "../types/enums";
import { badInput } from "./errors";

interface GraphChangedArgs {
  ids?: string[] | null;
  kinds?: string[] | null;
  types?: string[] | null;
  since?: number | null;
}

const setOf = (values: readonly string[] | null | undefined) =>
  values === null || values === undefined ? null : new Set(values);

@Resolver()
export class ChangeResolver {
  @Subscription(() => GraphChange, {
    description:
      "Each committed curation change from now on (or after version `since`), in version order, each once, over graphql-ws on /graphql. Every replica follows the audit trail in Neo4j, so a change made through any replica reaches subscribers of all. Filters combine with AND; a list matches a change that touches any of its items. Bounded: SUBSCRIPTION_CONNECTIONS per server, SUBSCRIPTIONS_PER_CONNECTION, SUBSCRIPTION_IDLE_SECONDS; `since` reaches back at most CHANGE_FEED_HORIZON changes (older: CHANGES_EXPIRED).",
    subscribe: async ({ args, context }) => {
      const { changes } = context as Context;
      if (!changes) {
        throw new GraphQLError("Subscriptions are served over graphql-ws (a WebSocket on /graphql).", {
          extensions: { code: ErrorCode.BAD_REQUEST },
        });
      }
      const { ids, kinds, types, since } = args as GraphChangedArgs;
      if (since !== null && since !== undefined && since < 0)
        throw badInput("`since` is a graph version: 0 or more.", "since");
      return changes.subscribe({ ids: setOf(ids), kinds: setOf(kinds), types: setOf(types) }, since ?? null);
    },
  })
  graphChanged(
    @Root() change: ChangeRecord,
    @Arg("ids", () => [ID], {
      nullable: true,
      description: "Only changes touching one of these entities or relationships (ids).",
    })
    _ids: string[] | null,
    @Arg("kinds", () => [EntityKind], {
      nullable: true,
      description: "Only changes touching an entity of one of these kinds.",
    })
    _kinds: string[] | null,
    @Arg("types", () => [RelationshipType], {
      nullable: true,
      description: "Only changes touching a relationship of one of these types.",
    })
    _types: string[] | null,
    @Arg("since", () => Int, {
      nullable: true,
      description:
        "Start after this graph version (the last `version` seen) instead of now: what was missed arrives first.",
    })
    _since: number | null,
  ): GraphChange {
    return change;
  }
}
