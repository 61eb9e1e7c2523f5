import { Field, ID, InterfaceType } from "type-graphql";

@InterfaceType({
  description: "An object with a globally unique id (Relay). Fetch any of them with `node(id:)`.",
  resolveType: (value: { kind?: string }) => value.kind,
})
export abstract class Node {
  @Field(() => ID, {
    description: "Stable, globally unique id: ISO 3166-1 alpha-2 for states, a readable slug otherwise.",
  })
  id!: string;
}
