import {
  GraphQLError,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
} from "graphql";
import {
  DEFAULT_INPUT_BOUNDS,
  INPUT_BOUND_ROWS,
  checkInputBounds,
  filterCost,
} from "../../src/limits/input-bounds";
import { buildGraphQLSchema } from "../../src/schema";
import { buildSubgraph } from "../../src/subgraph";

/** The error checkInputBounds throws for this request, or undefined when it passes. */
function violation(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown> = {},
): GraphQLError | undefined {
  try {
    checkInputBounds(schema, parse(query), variables);
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}

/** A value of `type` whose one string (at the first string leaf) is `text`; required fields filled in. */
function valueWith(type: GraphQLInputType, text: string, depth = 0): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [valueWith(nullable.ofType as GraphQLInputType, text, depth)];
  if (isScalarType(nullable) || isEnumType(nullable)) return text;
  if (isInputObjectType(nullable) && depth < 3) {
    const fields = Object.values(nullable.getFields());
    const stringy = fields.find((f) => {
      const named = getNamedType(f.type);
      return isScalarType(named) && (named.name === "String" || named.name === "ID");
    });
    return Object.fromEntries(
      fields
        .filter((f) => isNonNullType(f.type) || f === stringy)
        .map((f) => [f.name, f === stringy ? valueWith(f.type, text, depth + 1) : filler(f.type)]),
    );
  }
  return null;
}

function filler(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) return valueWith(nullable, "x");
  if (isScalarType(nullable) && nullable.name === "Int") return 1;
  if (isScalarType(nullable) && nullable.name === "Boolean") return true;
  if (isScalarType(nullable) && nullable.name.startsWith("JSON")) return {};
  return "x";
}

describe("input bounds", () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await buildGraphQLSchema();
  });

  describe("hold every string argument of the schema, through variables and literals", () => {
    /** Every argument whose type holds a String or ID somewhere, as [coordinate, field, argument]. */
    const stringArguments = () =>
      Object.values(schema.getTypeMap())
        .filter((type) => isObjectType(type) && !type.name.startsWith("__"))
        .flatMap((type) =>
          Object.values((type as GraphQLObjectType).getFields()).flatMap((field) =>
            field.args
              .filter((arg) => JSON.stringify(valueWith(arg.type, "marker")).includes("marker"))
              .map((arg) => ({ type: type.name, field: field.name, arg })),
          ),
        );

    it("finds string arguments on queries, relationship fields and mutations", () => {
      const found = stringArguments().map((a) => `${a.type}.${a.field}(${a.arg.name})`);

      expect(found).toEqual(
        expect.arrayContaining([
          "Query.entity(name)",
          "Query.search(text)",
          "Query.states(filter)",
          "Query.neighbourhood(id)",
          "Body.members(role)",
          "Mutation.createEntity(input)",
        ]),
      );
      expect(found.length).toBeGreaterThan(60);
    });

    it("refuses a 100,000-character string in every one of them with BAD_USER_INPUT naming the argument", () => {
      const huge = "a".repeat(100_000);
      const unbounded: string[] = [];
      for (const { type, field, arg } of stringArguments()) {
        const root = type === "Query" || type === "Mutation" ? type.toLowerCase() : "query";
        const selection =
          type === "Query" || type === "Mutation"
            ? `${field}(${arg.name}: $v) { __typename }`
            : `entity(id: "NZ") { ... on ${type} { ${field}(${arg.name}: $v) { __typename } } }`;
        const query = `${root}($v: ${arg.type.toString()}) { ${selection} }`;
        const error = violation(schema, query, { v: valueWith(arg.type, huge) });
        if (error?.extensions.code !== "BAD_USER_INPUT" || error.extensions.argument !== arg.name) {
          unbounded.push(`${type}.${field}(${arg.name})`);
        }
      }

      expect(unbounded).toEqual([]);
    });

    it("says which argument, which bound, the limit and what arrived", () => {
      const error = violation(schema, `{ state(name: "${"x".repeat(300)}") { id } }`);

      expect(error?.message).toBe("`name` is too long: the limit is 200, and 300 arrived.");
      expect(error?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        argument: "name",
        bound: "textLength",
        limit: 200,
        actual: 300,
      });
    });

    it("takes the argument's own bound for a variable, not the loosest of its type", () => {
      const error = violation(schema, "query($n: String) { entity(name: $n) { id } }", {
        n: "x".repeat(300),
      });

      expect(error?.extensions).toMatchObject({ argument: "name", bound: "textLength", limit: 200 });
    });

    it("holds a declared variable that no argument uses", () => {
      const error = violation(schema, "query($unused: String) { stats { entitiesByKind { kind } } }", {
        unused: "x".repeat(5000),
      });

      expect(error?.extensions).toMatchObject({ argument: "$unused", limit: 2000 });
    });

    it("lets a long description through where descriptions are long", () => {
      const query = `mutation($d: String) { updateEntity(id: "NZ", input: { description: $d }, provenance: { sources: [] }) { __typename } }`;

      expect(violation(schema, query, { d: "x".repeat(1500) })).toBeUndefined();
      expect(violation(schema, query, { d: "x".repeat(2500) })?.extensions.bound).toBe("longTextLength");
    });
  });

  describe("hold filters", () => {
    const states = "query($f: EntityFilter) { states(filter: $f) { totalCount } }";
    const nested = (levels: number) => {
      let filter: Record<string, unknown> = { name: "x" };
      for (let i = 0; i < levels; i++) filter = { NOT: filter };
      return filter;
    };

    it("to a nesting depth, without recursing into a deeper value (no stack overflow at 100,000)", () => {
      expect(violation(schema, states, { f: nested(4) })).toBeUndefined();
      expect(violation(schema, states, { f: nested(5) })?.extensions).toMatchObject({
        bound: "inputDepth",
        limit: 5,
      });
      expect(violation(schema, states, { f: nested(100_000) })?.extensions.bound).toBe("inputDepth");
    });

    it("to a number of branches in AND and OR", () => {
      const or = (n: number) => ({ OR: Array.from({ length: n }, (_, i) => ({ name: `n${i}` })) });

      expect(violation(schema, states, { f: or(10) })).toBeUndefined();
      expect(violation(schema, states, { f: or(2000) })?.extensions).toMatchObject({
        bound: "filterBranches",
        path: "filter.OR",
        actual: 2000,
      });
    });

    it("to a number of relationship conditions, in one list and at all levels together", () => {
      const related = (n: number) =>
        Array.from({ length: n }, () => ({ type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" }));

      expect(violation(schema, states, { f: { related: related(50) } })?.extensions.bound).toBe(
        "relatedPerList",
      );
      const spread = { AND: [{ related: related(8) }, { notRelated: related(8) }] };
      expect(violation(schema, states, { f: spread })?.extensions).toMatchObject({
        bound: "relatedTotal",
        limit: 12,
        actual: 16,
      });
    });

    it("to a number of conditions, written inline too", () => {
      const branches = Array.from(
        { length: 10 },
        (_, i) =>
          `{ name: "a${i}", nameOrAlias: "b", types: ["c"], year: 2002, yearFrom: 2001, yearTo: 2003 }`,
      ).join(", ");

      expect(
        violation(schema, `{ states(filter: { OR: [${branches}] }) { totalCount } }`)?.extensions,
      ).toMatchObject({ bound: "conditions", limit: DEFAULT_INPUT_BOUNDS.conditions });
    });

    it("to the depth bound through nested relationship conditions, naming the bound and the path", () => {
      const condition = (where?: Record<string, unknown>) => ({
        type: "CO_CHAIRS",
        direction: "OUT",
        ...(where ? { where } : {}),
      });
      // filter > related[0] > where > related[0] is 4 levels; another where and related is 6.
      const twoLevels = { related: [condition({ related: [condition()] })] };
      const threeLevels = { related: [condition({ related: [condition({ related: [condition()] })] })] };

      expect(violation(schema, states, { f: twoLevels })).toBeUndefined();
      const error = violation(schema, states, { f: threeLevels });
      expect(error?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        bound: "inputDepth",
        limit: 5,
        actual: 6,
        path: "filter.related[0].where.related[0].where.related[0]",
      });
      expect(error?.message).toContain("nests input objects too deep: the limit is 5");
    });

    it("count nested relationship conditions towards the filter's total", () => {
      const eight = Array.from({ length: 8 }, () => ({ type: "MEMBER_OF" }));
      const filter = { related: [{ type: "CO_CHAIRS", where: { related: eight } }, ...eight.slice(0, 4)] };

      expect(violation(schema, states, { f: filter })?.extensions).toMatchObject({
        bound: "relatedTotal",
        limit: 12,
        actual: 13,
      });
    });

    it("to a range of counts, from 0, written inline or through a variable", () => {
      const counted = (count: string) =>
        `{ states(filter: { related: [{ type: MEMBER_OF, count: ${count} }] }) { totalCount } }`;

      expect(violation(schema, counted("{ min: 0, max: 1000 }"))).toBeUndefined();
      expect(violation(schema, counted("{ max: 1001 }"))?.extensions).toMatchObject({
        bound: "relatedCount",
        limit: 1000,
        actual: 1001,
        path: "filter.related[0].count.max",
      });
      expect(violation(schema, counted("{ min: -1 }"))?.message).toBe(
        "`filter.related[0].count.min` is outside 0 … 1000: the limit is 1000, and -1 arrived.",
      );
      expect(
        violation(schema, states, { f: { related: [{ type: "MEMBER_OF", count: { min: 5000 } }] } })
          ?.extensions,
      ).toMatchObject({ bound: "relatedCount", argument: "filter" });
    });

    it("and count them in the query's cost: more conditions and levels cost more", () => {
      const one = filterCost({ name: "x" });
      const two = filterCost({ name: "x", nameOrAlias: "y" });
      const deeper = filterCost({ NOT: { name: "x" } });
      const related = filterCost({ related: [{ type: "MEMBER_OF" }] });

      expect(two).toBeGreaterThan(one);
      expect(deeper).toBeGreaterThan(one);
      expect(related).toBeGreaterThan(deeper);
    });

    it("and cost a nested relationship condition more than the same condition at the top", () => {
      const flat = filterCost({
        related: [
          { type: "CO_CHAIRS", nodeType: "working-group" },
          { type: "OPERATES_UNDER", id: "x" },
        ],
      });
      const nested = filterCost({
        related: [
          {
            type: "CO_CHAIRS",
            where: { types: ["working-group"], related: [{ type: "OPERATES_UNDER", id: "x" }] },
          },
        ],
      });

      expect(nested).toBeGreaterThan(flat);
      // What the far entity must meet is paid for once per entity reached: five times.
      expect(filterCost({ related: [{ type: "CO_CHAIRS", where: { name: "x" } }] })).toBe(
        filterCost({ related: [{ type: "CO_CHAIRS" }] }) + 2 + 5 * (10 + 2),
      );
    });
  });

  describe("hold what reaches the full-text index", () => {
    it("to a number of words", () => {
      const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

      expect(violation(schema, `{ search(text: "${words(20)}") { score } }`)).toBeUndefined();
      expect(
        violation(schema, "query($n: String) { body(name: $n) { id } }", { n: words(1025).slice(0, 200) })
          ?.extensions,
      ).toMatchObject({ bound: "searchTerms", limit: 24 });
    });

    it("to a word length", () => {
      expect(violation(schema, `{ entity(name: "${"z".repeat(41)}") { id } }`)?.extensions).toMatchObject({
        bound: "searchTermLength",
        actual: 41,
      });
    });
  });

  describe("hold lists and JSON", () => {
    it("to a list length", () => {
      const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`);

      expect(
        violation(schema, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", { ids })?.extensions,
      ).toMatchObject({ bound: "listLength", argument: "ids", actual: 101 });
    });

    it("to a JSON size and depth", () => {
      const query = `mutation($p: JSONObject) { updateRelationship(id: "r", properties: $p, provenance: { sources: [] }) { __typename } }`;
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < 10_000; i++) deep = { a: deep };

      expect(violation(schema, query, { p: { role: "member" } })).toBeUndefined();
      expect(violation(schema, query, { p: { note: "x".repeat(5000) } })?.extensions.bound).toBe(
        "jsonLength",
      );
      expect(violation(schema, query, { p: deep })?.extensions.bound).toBe("jsonDepth");
    });

    it("to a number of representations in subgraph mode, each a JSON value", async () => {
      const { schema: subgraph } = await buildSubgraph();
      const query = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }";
      const states = (n: number) =>
        Array.from({ length: n }, (_, i) => ({ __typename: "State", id: `id-${i}` }));
      const literal = `{ _entities(representations: [${Array.from({ length: 501 }, () => '{ __typename: "State", id: "AU" }').join(", ")}]) { __typename } }`;

      expect(violation(subgraph, query, { r: states(500) })).toBeUndefined();
      expect(violation(subgraph, query, { r: states(501) })?.extensions).toMatchObject({
        bound: "representations",
        limit: DEFAULT_INPUT_BOUNDS.representations,
        actual: 501,
      });
      expect(violation(subgraph, literal)?.extensions).toMatchObject({
        bound: "representations",
        argument: "representations",
        actual: 501,
      });
      expect(
        violation(subgraph, query, { r: [{ __typename: "State", id: "x".repeat(5000) }] })?.extensions.bound,
      ).toBe("jsonLength");
      expect(
        violation(subgraph, query, { r: [{ __typename: "State", id: { a: { b: { c: { d: {} } } } } }] })
          ?.extensions.bound,
      ).toBe("jsonDepth");
    });
  });

  it("are one table whose rows each name what they apply to, with distinct settings", () => {
    const settings = INPUT_BOUND_ROWS.flatMap((row) => (row.setting ? [row.setting] : []));

    expect(new Set(INPUT_BOUND_ROWS.map((row) => row.bound)).size).toBe(INPUT_BOUND_ROWS.length);
    expect(new Set(settings).size).toBe(settings.length);
    for (const row of INPUT_BOUND_ROWS) expect(row.default).toBeGreaterThan(0);
  });
});
