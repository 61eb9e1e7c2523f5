import { ObjectType } from "type-graphql";
import { Entity } from "./entity.interface";
import { Node } from "./node.interface";

@ObjectType({ implements: [Node, Entity], description: "A person named in the sources." })
export class Person extends Entity {}
