// Every request the explorer sends: named operations, written out whole so that a client
// developer can copy them (and `npm run codegen` types them, with schema/examples.graphql).

export const DRAWN_GRAPH = /* GraphQL */ `
  fragment DrawnGraph on Graph {
    nodes {
      id
      kind
      name
      type
    }
    edges {
      id
      type
      source
      target
      properties
      sources {
        citation
        sourceId
        firstLine
        lastLine
        text
        source {
          id
          title
        }
      }
    }
    truncated
  }
`;

export const SEARCH_ENTITIES = /* GraphQL */ `
  query SearchEntities($text: String!) {
    search(text: $text, first: 8) {
      score
      entity {
        id
        kind
        name
      }
    }
  }
`;

/** Uses DRAWN_GRAPH: send the two together (api.js does). */
export const NEIGHBOURHOOD = /* GraphQL */ `
  query Neighbourhood($id: ID!, $depth: Int!, $types: [RelationshipType!]) {
    neighbourhood(id: $id, depth: $depth, types: $types) {
      ...DrawnGraph
    }
  }
`;

/** Uses DRAWN_GRAPH: send the two together (api.js does). */
export const PATHS = /* GraphQL */ `
  query Paths($from: ID!, $to: ID!, $maxLength: Int!, $types: [RelationshipType!]) {
    paths(from: $from, to: $to, maxLength: $maxLength, types: $types) {
      paths {
        length
        nodeIds
        edgeIds
      }
      graph {
        ...DrawnGraph
      }
    }
  }
`;

export const ENTITY = /* GraphQL */ `
  query Entity($id: ID!) {
    entity(id: $id) {
      id
      kind
      name
      description
      aliases {
        name
      }
      sources {
        citation
        source {
          id
          title
        }
      }
    }
  }
`;

/** What the details panel shows of a node: the sources that state it, with the cited passages, and the documents that name it. */
export const ENTITY_DETAILS = /* GraphQL */ `
  query EntityDetails($id: ID!) {
    entity(id: $id) {
      id
      sources {
        citation
        sourceId
        firstLine
        lastLine
        text
        source {
          id
          title
        }
      }
      mentionedIn(first: 10) {
        totalCount
        edges {
          node {
            lines
            source {
              id
              title
            }
          }
        }
      }
    }
  }
`;

export const GRAPH_VERSION = /* GraphQL */ `
  query VersionBeforeFollowing {
    graphVersion
  }
`;

/** Over graphql-ws (live.js): the changes touching the entities drawn, after the version seen. */
export const GRAPH_CHANGED = /* GraphQL */ `
  subscription GraphChanged($ids: [ID!], $since: Int) {
    graphChanged(ids: $ids, since: $since) {
      version
      auditId
      at
      action
      targetType
      targetId
      entityIds
      relationshipIds
    }
  }
`;

export const RELATIONSHIP_TYPES = /* GraphQL */ `
  query RelationshipTypes {
    __type(name: "RelationshipType") {
      enumValues {
        name
        description
      }
    }
  }
`;
