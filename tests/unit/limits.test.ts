import fs from "node:fs";
import path from "node:path";
import { type GraphQLSchema, Kind, getIntrospectionQuery, parse, print, validate } from "graphql";
import { SEARCH_WORD_COST } from "../../src/limits/input-bounds";
import { buildGraphQLSchema } from "../../src/schema";
import { NEIGHBOURHOOD_QUERY } from "../../src/server/exports";
import { buildSubgraph } from "../../src/subgraph";
import {
  DEFAULT_LIMITS,
  RELATIONSHIP_FAN_OUT,
  limitParseOptions,
  limitRules,
  operationCost,
} from "../../src/server/limits";

describe("query limits", () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await buildGraphQLSchema();
  });

  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    operationCost(schema, parse(query), variables, undefined);
  const limitErrors = (query: string) =>
    validate(schema, parse(query), limitRules(DEFAULT_LIMITS)).map((e) => [e.extensions.limit, e.message]);

  describe("leave every shipped operation through", () => {
    const examples = fs.readFileSync(path.join(__dirname, "../../schema/examples.graphql"), "utf8");

    it.each(
      parse(examples)
        .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
        .map((d) => [print(d)] as const),
    )("example %# alone, as the playground sends it, parses within the tokens limit", (text) => {
      expect(() => parse(text, limitParseOptions(DEFAULT_LIMITS))).not.toThrow();
    });

    it.each(parse(examples).definitions.map((d) => [("name" in d && d.name?.value) || "?", d] as const))(
      "example %s is within depth, aliases, directives and cost",
      (name) => {
        const document = parse(examples);

        expect(validate(schema, document, limitRules(DEFAULT_LIMITS))).toEqual([]);
        expect(operationCost(schema, document, {}, name)).toBeLessThanOrEqual(DEFAULT_LIMITS.cost);
      },
    );

    it("the explorer's and the exports' neighbourhood at its largest limit (500)", () => {
      expect(limitErrors(NEIGHBOURHOOD_QUERY)).toEqual([]);
      expect(cost(NEIGHBOURHOOD_QUERY, { id: "NZ", depth: 3, limit: 500 })).toBeLessThanOrEqual(
        DEFAULT_LIMITS.cost,
      );
    });

    it("the full introspection query (costs nothing, and its depth is not counted)", () => {
      const introspection = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });

      expect(limitErrors(introspection)).toEqual([]);
      expect(cost(introspection)).toBe(0);
      expect(() => parse(introspection, limitParseOptions(DEFAULT_LIMITS))).not.toThrow();
    });
  });

  describe("cost", () => {
    it("counts one per object and nothing for leaves", () => {
      expect(cost("{ baliProcess { id name acronym } }")).toBe(1);
    });

    it("multiplies a page by its size: `first`, `last`, or the default of 20", () => {
      const page = (args: string) => cost(`{ states${args} { edges { node { id } } } }`);

      expect(page("(first: 5)")).toBe(5 * 3);
      expect(page("(last: 7)")).toBe(7 * 3);
      expect(page("")).toBe(20 * 3);
    });

    it("counts `_entities` (subgraph mode) by its representations, each with its selection", async () => {
      const { schema: subgraph } = await buildSubgraph();
      const query = `query($r: [_Any!]!) {
        _entities(representations: $r) { ... on State { id coChairOf { node { id } } } }
      }`;
      const representations = (n: number) =>
        Array.from({ length: n }, () => ({ __typename: "State", id: "AU" }));

      expect(operationCost(subgraph, parse(query), { r: representations(1) }, undefined)).toBe(
        1 + RELATIONSHIP_FAN_OUT * 2,
      );
      expect(operationCost(subgraph, parse(query), { r: representations(40) }, undefined)).toBe(
        40 * (1 + RELATIONSHIP_FAN_OUT * 2),
      );
    });

    it("reads page sizes from variables", () => {
      const query = "query Q($n: Int) { states(first: $n) { edges { node { id } } } }";

      expect(cost(query, { n: 100 })).toBe(100 * 3);
      expect(cost(query, { n: 2 })).toBe(2 * 3);
    });

    it("caps a page at the API's maximum, so that the resolver explains an oversized page", () => {
      expect(cost("{ states(first: 100000) { edges { node { id } } } }")).toBe(100 * 3);
    });

    it("counts each word of a name or search text as a fuzzy full-text match", () => {
      const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
      const lookups = (n: number, text: string) =>
        `{ ${Array.from({ length: n }, (_, i) => `a${i}: entity(name: "${text}") { id }`).join(" ")} }`;

      expect(cost('{ entity(name: "New Zealand") { id } }')).toBe(1 + 2 * SEARCH_WORD_COST);
      expect(cost('{ entity(id: "NZ") { id } }')).toBe(1);
      expect(cost(`{ search(text: "${words(3)}") { score } }`)).toBe(10 + 3 * SEARCH_WORD_COST);
      // Fifteen lookups of 24 words each would hold Neo4j for seconds: over the limit.
      expect(cost(lookups(15, words(24)))).toBeGreaterThan(DEFAULT_LIMITS.cost);
      expect(cost(lookups(2, words(3)))).toBeLessThan(200);
    });

    it("multiplies a relationship field by the estimated fan-out, and nested lists multiply", () => {
      const one = cost("{ baliProcess { members { node { ... on State { id } } } } }");
      const two = cost("{ baliProcess { members { node { ... on State { memberOf { node { id } } } } } } }");

      expect(one).toBe(1 + RELATIONSHIP_FAN_OUT * 2);
      expect(two).toBe(1 + RELATIONSHIP_FAN_OUT * (2 + RELATIONSHIP_FAN_OUT * 2));
    });

    it("refuses a wide page of nested relationships that stays within the depth limit", () => {
      const query = `{ states(first: 100) { edges { node {
        memberOf { node { ... on Body { members { node { ... on State { id } } } } } } } } } }`;

      expect(limitErrors(query)).toEqual([]);
      expect(cost(query)).toBeGreaterThan(DEFAULT_LIMITS.cost);
    });
  });

  describe("shape", () => {
    it(`refuses nesting deeper than ${DEFAULT_LIMITS.depth} fields, fragments not counted`, () => {
      const deep =
        "{ baliProcess { members { node { ... on State { memberOf { node { members { node { ... on State { memberOf { role } } } } } } } } } } }";
      const ok = "{ baliProcess { members { node { ... on State { memberOf { node { id } } } } } } }";

      expect(limitErrors(deep)).toEqual([
        ["depth", `Query depth limit of ${DEFAULT_LIMITS.depth} exceeded, found 9.`],
      ]);
      expect(limitErrors(ok)).toEqual([]);
    });

    it(`refuses more than ${DEFAULT_LIMITS.aliases} aliases`, () => {
      const aliases = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `a${i}: baliProcess { id }`).join(" ")} }`;

      expect(limitErrors(aliases(DEFAULT_LIMITS.aliases))).toEqual([]);
      expect(limitErrors(aliases(DEFAULT_LIMITS.aliases + 1))).toEqual([
        [
          "aliases",
          `Aliases limit of ${DEFAULT_LIMITS.aliases} exceeded, found ${DEFAULT_LIMITS.aliases + 1}.`,
        ],
      ]);
    });

    it(`refuses more than ${DEFAULT_LIMITS.directives} directives`, () => {
      const directives = (n: number) => `{ baliProcess { id ${"@include(if: true) ".repeat(n)} } }`;

      expect(limitErrors(directives(DEFAULT_LIMITS.directives)).filter(([l]) => l)).toEqual([]);
      expect(limitErrors(directives(DEFAULT_LIMITS.directives + 1)).filter(([l]) => l)).toEqual([
        [
          "directives",
          `Directives limit of ${DEFAULT_LIMITS.directives} exceeded, found ${DEFAULT_LIMITS.directives + 1}.`,
        ],
      ]);
    });

    it(`stops parsing past ${DEFAULT_LIMITS.tokens} tokens`, () => {
      // "{", then "id" repeated, then "}": two tokens plus one per field.
      const fields = (n: number) => `{ ${"__typename ".repeat(n)}}`;

      expect(() => parse(fields(DEFAULT_LIMITS.tokens - 2), limitParseOptions(DEFAULT_LIMITS))).not.toThrow();
      expect(() => parse(fields(DEFAULT_LIMITS.tokens - 1), limitParseOptions(DEFAULT_LIMITS))).toThrow(
        new RegExp(`Document contains more (than|that) ${DEFAULT_LIMITS.tokens} tokens`),
      );
    });
  });
});
