import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { Neo4jGraphQL } from "@neo4j/graphql";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import { type Started, recordedDriver, serveOverIpc } from "./server-common";

/** Nodes within two hops and every relationship that touches a node within one hop. */
export const NEIGHBOURHOOD_CYPHER = `MATCH (centre:Entity {id: $id})
OPTIONAL MATCH (centre)--(near:Entity)
WITH centre, collect(DISTINCT near) AS nearby
UNWIND [centre] + nearby AS inner
MATCH (inner)-[r]-(other:Entity)
WITH nearby + centre AS innerNodes, collect(DISTINCT r) AS rels, collect(DISTINCT other) AS outer
WITH rels, innerNodes + [o IN outer WHERE NOT o IN innerNodes] AS nodes
RETURN {
  nodes: [n IN nodes | n { .id, .kind, .name, .type }],
  edges: [r IN rels | { id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id }]
} AS graph`;

export const SHORTEST_PATH_CYPHER = `MATCH p = shortestPath((a:Entity {id: $from})-[*..4]-(b:Entity {id: $to}))
RETURN { nodeIds: [n IN nodes(p) | n.id], edgeIds: [r IN relationships(p) | r.id] } AS path`;

/**
 * Type definitions for the Neo4j GraphQL Library over the same graph, written the way
 * its documentation teaches: one `@node` type per label, `@relationship` fields with a
 * `@relationshipProperties` type for the edge properties, and `@cypher` fields where
 * the library has no construct of its own (a relationship count to sort by, a
 * neighbourhood, a shortest path).
 */
export const NEO4J_GRAPHQL_TYPE_DEFS = /* GraphQL */ `
  type Rel @relationshipProperties {
    id: ID!
    role: String
    action: String
    frequency: String
    sources: [String!]
  }

  union Participant = State | Organisation | Body

  type State @node(labels: ["State", "Entity"]) {
    id: ID!
    name: String!
    type: String
    aliases: [String!]
    sources: [String!]
    memberOf: [Body!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "Rel")
    coChairOf: [Body!]! @relationship(type: "CO_CHAIRS", direction: OUT, properties: "Rel")
  }

  type Organisation @node(labels: ["Organisation", "Entity"]) {
    id: ID!
    name: String!
    type: String
    acronym: String
    aliases: [String!]
    sources: [String!]
    memberOf: [Body!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "Rel")
    coChairOf: [Body!]! @relationship(type: "CO_CHAIRS", direction: OUT, properties: "Rel")
  }

  type Body @node(labels: ["Body", "Entity"]) {
    id: ID!
    name: String!
    type: String
    acronym: String
    aliases: [String!]
    sources: [String!]
    members: [Participant!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Rel")
    coChairs: [Participant!]! @relationship(type: "CO_CHAIRS", direction: IN, properties: "Rel")
    reportsTo: [Body!]! @relationship(type: "REPORTS_TO", direction: OUT, properties: "Rel")
    memberCount: Int!
      @cypher(statement: "RETURN COUNT { (this)<-[:MEMBER_OF]-() } AS count", columnName: "count")
  }

  type Meeting @node(labels: ["Meeting", "Entity"]) {
    id: ID!
    name: String!
    type: String
    startDate: String
    year: Int
    organisedBy: [Body!]! @relationship(type: "ORGANISED_BY", direction: OUT, properties: "Rel")
    heldIn: [State!]! @relationship(type: "HELD_IN", direction: OUT, properties: "Rel")
  }

  type Document @node(labels: ["Document", "Entity"]) {
    id: ID!
    name: String!
    type: String
    date: String
    adoptedAt: [Meeting!]! @relationship(type: "ADOPTED_AT", direction: OUT, properties: "Rel")
    issuedBy: [Body!]! @relationship(type: "ISSUED_BY", direction: OUT, properties: "Rel")
  }

  type GraphNode {
    id: ID!
    kind: String!
    name: String!
    type: String
  }

  type GraphEdge {
    id: ID!
    type: String!
    source: ID!
    target: ID!
  }

  type Graph {
    nodes: [GraphNode!]!
    edges: [GraphEdge!]!
  }

  type PathResult {
    nodeIds: [ID!]!
    edgeIds: [ID!]!
  }

  type Query {
    neighbourhood(id: ID!): Graph @cypher(statement: """${NEIGHBOURHOOD_CYPHER}""", columnName: "graph")
    shortestPath(from: ID!, to: ID!): [PathResult!]!
      @cypher(statement: """${SHORTEST_PATH_CYPHER}""", columnName: "path")
  }
`;

export async function buildNeo4jGraphQLSchema(driver: Driver): Promise<GraphQLSchema> {
  return new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_TYPE_DEFS, driver }).getSchema();
}

/** The Neo4j GraphQL Library behind the same Apollo Server 5 and Express 5 set-up as this server. */
export async function startNeo4jGraphQL(uri: string): Promise<Started> {
  const { driver, recording, recorder } = recordedDriver(uri);
  const schema = await buildNeo4jGraphQLSchema(recording);
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    introspection: false,
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  app.disable("x-powered-by");
  app.use(
    "/graphql",
    express.json({ limit: "100kb" }),
    expressMiddleware(apollo, { context: async () => ({}) }),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    recorder,
    stop: async () => {
      await apollo.stop();
      await driver.close();
    },
  };
}

if (require.main === module) serveOverIpc(startNeo4jGraphQL);
