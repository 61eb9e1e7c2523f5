import {
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { loadConfig } from "../../src/config/config";
import { DEFAULT_INPUT_BOUNDS } from "../../src/limits/input-bounds";
import { buildGraphQLSchema } from "../../src/schema";
import { buildSubgraph } from "../../src/subgraph";
import { admissionFromConfig } from "../../src/server/admission";
import { expensiveRequest, nestedNotBody, send } from "../../bench/abuse";
import { type TestDatabase, openTestDatabase } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

/**
 * A corpus of hostile requests, generated: each must get a 4xx or a GraphQL error with a
 * code (or, for injection strings in otherwise valid arguments, a plain answer), never a 5xx
 * or a stack trace; the server must answer normally afterwards, with its data untouched.
 */

interface Hostile {
  category: string;
  name: string;
  method: string;
  /** Appended to /graphql (GET parameters). */
  search?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The request must be refused: a 4xx status or at least one GraphQL error. */
  refused: boolean;
}

const JSON_TYPE = { "content-type": "application/json" };
const PREFLIGHT = { "apollo-require-preflight": "true" };

const post = (category: string, name: string, payload: unknown, refused = true): Hostile => ({
  category,
  name,
  method: "POST",
  headers: JSON_TYPE,
  body: JSON.stringify(payload),
  refused,
});

const repeat = (n: number, make: (i: number) => string, separator = " ") =>
  Array.from({ length: n }, (_, i) => make(i)).join(separator);

const INJECTIONS = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  "bali-process'}) WITH 1 AS x MATCH (n) DETACH DELETE n //",
  "$id",
  "*:*",
  "name:(a OR b)~2 AND \\",
  "[* TO *]",
  "a AND (b OR",
  '"unterminated',
  "/.*/",
  '{"$gt": ""}',
  "'; DROP TABLE entities; --",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\u202Eevil\u200B",
  "𝕭𝖆𝖑𝖎 🇦🇺 中文",
  "e\u0301\u0301\u0301",
  "%00%27",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "${jndi:ldap://127.0.0.1/x}",
  "",
  " ",
  "a".repeat(5000),
];
const INT_VALUES: unknown[] = [-1, 0, 2147483647, -2147483648, 2147483648, 1.5, "1", 1e308];

/** Ways to put a string somewhere inside a value of `type`, with every required field filled. */
/** The scalars a client sends as strings: every one gets the long-text cases. */
const STRING_SCALARS = new Set(["String", "ID", "PartialDate"]);

function stringSlots(type: GraphQLInputType, depth = 0): ((s: string) => unknown)[] {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return stringSlots(inner.ofType, depth).map((slot) => (s) => [slot(s)]);
  if (isScalarType(inner)) return STRING_SCALARS.has(inner.name) ? [(s) => s] : [];
  if (isInputObjectType(inner) && depth < 2) {
    // AND / OR / NOT repeat the same fields one level down.
    const fields = Object.values(inner.getFields()).filter((f) => getNamedType(f.type) !== inner);
    return fields.flatMap((field) =>
      stringSlots(field.type, depth + 1).map((slot) => (s: string) => ({
        ...requiredOf(inner),
        [field.name]: slot(s),
      })),
    );
  }
  return [];
}

function sample(type: GraphQLInputType): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [sample(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) return requiredOf(inner);
  if (isScalarType(inner)) {
    if (inner.name === "Int" || inner.name === "Float") return 1;
    if (inner.name === "Boolean") return true;
  }
  return "bali-process";
}

function requiredOf(type: GraphQLInputType): Record<string, unknown> {
  const inner = getNullableType(type);
  if (!isInputObjectType(inner)) return {};
  const out: Record<string, unknown> = {};
  for (const field of Object.values(inner.getFields())) {
    if (isNonNullType(field.type) && field.defaultValue === undefined) out[field.name] = sample(field.type);
  }
  return out;
}

/** One operation on root field `field` with every argument a variable; `values` overrides samples. */
function rootOperation(
  schema: GraphQLSchema,
  field: string,
  values: Record<string, unknown>,
): { query: string; variables: Record<string, unknown> } {
  const definition = schema.getQueryType()!.getFields()[field]!;
  const args = definition.args as readonly GraphQLArgument[];
  const variables: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg.name in values) variables[arg.name] = values[arg.name];
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined)
      variables[arg.name] = sample(arg.type);
  }
  const declared = args.filter((a) => a.name in variables);
  const header = declared.length
    ? `(${declared.map((a) => `$${a.name}: ${String(a.type)}`).join(", ")})`
    : "";
  const call = declared.length ? `(${declared.map((a) => `${a.name}: $${a.name}`).join(", ")})` : "";
  const selection = isCompositeType(getNamedType(definition.type)) ? " { __typename }" : "";
  return { query: `query Hostile${header} { ${field}${call}${selection} }`, variables };
}

function nestedTurn(slotIndex: number): [number, string][] {
  return [0, 1, 2].map((k) => {
    const i = (slotIndex * 3 + k) % INJECTIONS.length;
    return [i, INJECTIONS[i]!];
  });
}

function injectionCorpus(schema: GraphQLSchema): Hostile[] {
  const out: Hostile[] = [];
  for (const [fieldName, field] of Object.entries(schema.getQueryType()!.getFields())) {
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (isScalarType(named) && (named.name === "Int" || named.name === "Float")) {
        for (const value of INT_VALUES) {
          const operation = rootOperation(schema, fieldName, { [arg.name]: value });
          out.push(
            post("injection", `${fieldName}(${arg.name}: ${JSON.stringify(value)})`, operation, false),
          );
        }
        continue;
      }
      if (isEnumType(named)) {
        const value = isListType(getNullableType(arg.type)) ? ["NOT_A_VALUE"] : "NOT_A_VALUE";
        out.push(
          post(
            "injection",
            `${fieldName}(${arg.name}: NOT_A_VALUE)`,
            rootOperation(schema, fieldName, { [arg.name]: value }),
          ),
        );
        continue;
      }
      const slots = stringSlots(arg.type);
      slots.forEach((slot, slotIndex) => {
        // A plain argument gets every string; a field inside an input object gets three of them,
        // in turn, so that every string still reaches every kind of field.
        const texts = slots.length === 1 ? INJECTIONS.entries() : nestedTurn(slotIndex);
        for (const [i, text] of texts) {
          const operation = rootOperation(schema, fieldName, { [arg.name]: slot(text) });
          out.push(
            post("injection", `${fieldName}(${arg.name}#${slotIndex}: injection ${i})`, operation, false),
          );
        }
      });
    }
  }
  return out;
}

function shapeCorpus(): Hostile[] {
  const out: Hostile[] = [];
  // Alias and field-duplication floods.
  for (const n of [16, 20, 50, 100, 150, 300]) {
    out.push(
      post("aliases", `${n} aliases`, { query: `{ ${repeat(n, (i) => `a${i}: baliProcess { id }`)} }` }),
    );
    out.push(
      post("aliases", `${n} __typename aliases`, { query: `{ ${repeat(n, (i) => `t${i}: __typename`)} }` }),
    );
    out.push(
      post("aliases", `${n} aliased searches`, {
        query: `{ ${repeat(n, (i) => `s${i}: search(text: "a", first: 50) { score }`)} }`,
      }),
    );
  }
  for (const n of [1000, 2000, 5000, 20000]) {
    out.push(
      post("duplication", `${n} duplicate fields`, { query: `{ baliProcess { ${"name ".repeat(n)}} }` }),
    );
    out.push(
      post("duplication", `${n} duplicate roots`, {
        query: `{ ${"stats { entitiesByKind { key } } ".repeat(n / 5)}}`,
      }),
    );
  }
  for (const n of [2, 10, 50]) {
    out.push(
      post("duplication", `${n} conflicting duplicates`, {
        query: `{ ${repeat(n, (i) => `state(id: "X${i}") { id }`)} }`,
      }),
    );
  }
  // Deep nesting: fields, inline fragments, named fragments, introspection.
  for (const depth of [5, 6, 8, 12, 20, 40]) {
    const hop = (inner: string) => `members { node { ... on State { memberOf { node { ${inner} } } } } }`;
    let query = "id";
    for (let i = 0; i < depth; i += 1) query = hop(query);
    out.push(
      post("depth", `${depth * 4 + 2} levels of relationships`, { query: `{ baliProcess { ${query} } }` }),
    );
    let ofType = "name";
    for (let i = 0; i < depth * 5; i += 1) ofType = `ofType { ${ofType} }`;
    out.push(
      post("depth", `__type with ${depth * 5} ofType levels`, {
        query: `{ __type(name: "State") { fields { type { ${ofType} } } } }`,
      }),
    );
    // The introspection query itself nests ofType 8 deep, so __schema's depth is not counted:
    // the tokens limit bounds it, and the answer stops where the schema's types do.
    out.push(
      post(
        "depth",
        `__schema with ${depth * 5} ofType levels`,
        { query: `{ __schema { types { fields { type { ${ofType} } } } } }` },
        depth * 5 * 3 > 1000,
      ),
    );
    const fragments = repeat(
      depth * 2,
      (i) =>
        `fragment F${i} on Body { members { node { ... on State { memberOf { node { ...F${i + 1} } } } } } }`,
      "\n",
    );
    out.push(
      post("depth", `${depth * 2} chained fragments`, {
        query: `{ baliProcess { ...F0 } }\n${fragments}\nfragment F${depth * 2} on Body { id }`,
      }),
    );
  }
  // Cyclic fragments.
  for (const length of [1, 2, 3, 5, 10]) {
    const cycle = repeat(
      length,
      (i) => `fragment C${i} on Body { id members { node { ... on Body { ...C${(i + 1) % length} } } } }`,
      "\n",
    );
    out.push(post("fragments", `cycle of ${length}`, { query: `{ baliProcess { ...C0 } }\n${cycle}` }));
    const spread = repeat(length, (i) => `fragment S${i} on Query { ...S${(i + 1) % length} }`, "\n");
    out.push(post("fragments", `cycle of ${length} on Query`, { query: `{ ...S0 }\n${spread}` }));
  }
  out.push(post("fragments", "undefined fragment", { query: "{ baliProcess { ...Nope } }" }));
  out.push(
    post("fragments", "fragment on the wrong type", {
      query: "{ baliProcess { ...F } } fragment F on State { id }",
    }),
  );
  out.push(
    post("fragments", "unused fragment", { query: "{ baliProcess { id } } fragment F on Body { id }" }),
  );
  // Directive overloading.
  for (const n of [6, 10, 50, 200]) {
    out.push(
      post("directives", `${n} @include`, {
        query: `{ baliProcess { id ${"@include(if: true) ".repeat(n)}} }`,
      }),
    );
    out.push(
      post("directives", `${n} unknown directives`, { query: `{ baliProcess { id ${"@foo ".repeat(n)}} }` }),
    );
    out.push(
      post("directives", `${n} directives over ${n} fields`, {
        query: `{ ${repeat(n, (i) => `baliProcess { f${i}: id @skip(if: false) }`)} }`,
      }),
    );
  }
  out.push(
    post("directives", "directive in the wrong place", { query: "{ baliProcess @deprecated { id } }" }),
  );
  out.push(
    post("directives", "undeclared variable in a directive", {
      query: "{ baliProcess { id @include(if: $x) } }",
    }),
  );
  return out;
}

function protocolCorpus(): Hostile[] {
  const out: Hostile[] = [];
  const raw = (
    category: string,
    name: string,
    body: string,
    headers: Record<string, string> = JSON_TYPE,
  ): Hostile => ({
    category,
    name,
    method: "POST",
    headers,
    body,
    refused: true,
  });
  // Huge strings and bodies.
  for (const size of [201, 10_000, 90_000]) {
    out.push(
      post("size", `search text of ${size}`, {
        query: "query S($t: String!) { search(text: $t) { score } }",
        variables: { t: "a".repeat(size) },
      }),
    );
  }
  for (const size of [101 * 1024, 1024 * 1024, 8 * 1024 * 1024]) {
    out.push(
      post("size", `body of ${size} bytes`, {
        query: "{ baliProcess { id } }",
        variables: { pad: "x".repeat(size) },
      }),
    );
  }
  // Undeclared variables are ignored: this one is answered, after the parser has coped with it.
  out.push({
    ...raw(
      "size",
      "JSON nested 40 000 deep",
      `{"query":"{ baliProcess { id } }","variables":{"v":${"[".repeat(40000)}${"]".repeat(40000)}}}`,
    ),
    refused: false,
  });
  out.push(
    post(
      "size",
      "20 000 variables",
      {
        query: "{ baliProcess { id } }",
        variables: Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`v${i}`, i])),
      },
      false,
    ),
  );
  // Invalid JSON and invalid request shapes.
  const bodies = [
    "{",
    '{"query": "{ baliProcess { id } }"',
    "[",
    "not json",
    '{"query": "{ baliProcess { id } }"} trailing',
    '{"query": "\\u00"}',
    "\uFEFF{}",
    "null",
    "123",
    '"string"',
    "{}",
    '{"query": 123}',
    '{"query": null}',
    '{"query": ["{ baliProcess { id } }"]}',
    '{"query": {"a": 1}}',
    '{"query": "{ baliProcess { id } }", "variables": "{}"}',
    '{"query": "{ baliProcess { id } }", "variables": [1]}',
    '{"query": "{ baliProcess { id } }", "extensions": "x"}',
    '{"query": "{ baliProcess { id } }", "operationName": 5}',
    '{"query": "{ baliProcess { id } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}}',
    '{"query": ""}',
    '{"query": "   "}',
    '{"query": "{ baliProcess { id }"}',
    '{"query": "query { }"}',
    '{"query": "\\u0000"}',
    "[]",
    '[{"query": "{ baliProcess { id } }"}]',
  ];
  bodies.forEach((body, i) => out.push(raw("json", `invalid body ${i}: ${body.slice(0, 40)}`, body)));
  // Wrong content types (a valid body under each).
  const valid = JSON.stringify({ query: "{ baliProcess { id } }" });
  for (const type of [
    "text/plain",
    "text/html",
    "application/xml",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/graphql",
    "application/octet-stream",
    "application/json; charset=utf-16",
    "application/json; charset=latin1",
    "image/png",
    "*/*",
    "",
  ]) {
    out.push(raw("content-type", `POST as "${type}"`, valid, type === "" ? {} : { "content-type": type }));
  }
  out.push(
    raw("content-type", "gzip-encoded but plain", valid, { ...JSON_TYPE, "content-encoding": "gzip" }),
  );
  out.push(raw("content-type", "unknown encoding", valid, { ...JSON_TYPE, "content-encoding": "br2" }));
  out.push({
    category: "content-type",
    name: "accept: text/html only",
    method: "POST",
    headers: { ...JSON_TYPE, accept: "image/png" },
    body: valid,
    refused: true,
  });
  // Mutations over GET, any name; other methods.
  const get = (
    name: string,
    params: Record<string, string>,
    headers: Record<string, string> = PREFLIGHT,
  ): Hostile => ({
    category: "get",
    name,
    method: "GET",
    search: `?${new URLSearchParams(params)}`,
    headers,
    refused: true,
  });
  for (const mutation of [
    "mutation { anything }",
    "mutation M { createEntity(input: {}) { id } }",
    "mutation { __typename }",
  ]) {
    out.push(get(`GET ${mutation}`, { query: mutation }));
    out.push(get(`GET without preflight ${mutation}`, { query: mutation }, {}));
  }
  out.push(
    get("GET picks the mutation of two", {
      query: "query Q { __typename } mutation M { __typename }",
      operationName: "M",
    }),
  );
  out.push(get("GET subscription", { query: "subscription { x }" }));
  out.push(get("GET without a query", {}));
  out.push(get("GET with invalid variables JSON", { query: "{ __typename }", variables: "{" }));
  out.push(get("GET with two queries", { query: "{ __typename }" }));
  out[out.length - 1]!.search += "&query=%7B__typename%7D";
  for (const method of ["PUT", "DELETE", "PATCH"]) {
    out.push({ category: "method", name: method, method, headers: JSON_TYPE, body: valid, refused: true });
  }
  // Unknown operations.
  out.push(
    post("operation", "unknown operationName", { query: "query A { __typename }", operationName: "B" }),
  );
  out.push(
    post("operation", "two operations, no name", { query: "query A { __typename } query B { __typename }" }),
  );
  out.push(post("operation", "two anonymous operations", { query: "{ __typename } { __typename }" }));
  out.push(post("operation", "subscription", { query: "subscription { baliProcess { id } }" }));
  out.push(post("operation", "mutation of an unknown field", { query: "mutation { dropEverything }" }));
  out.push(post("operation", "only fragments", { query: "fragment F on Query { __typename }" }));
  out.push(post("operation", "unknown root field", { query: "{ everything }" }));
  out.push(post("operation", "type system definition", { query: "type Q { a: Int }" }));
  // Invalid variables.
  const paged = "query P($n: Int) { states(first: $n) { totalCount } }";
  for (const n of ["abc", 1.5, 2 ** 40, true, {}, [1], -5, 101]) {
    out.push(post("variables", `first: ${JSON.stringify(n)}`, { query: paged, variables: { n } }));
  }
  const typed = "query T($t: [RelationshipType!]) { baliProcess { relationships(types: $t) { id } } }";
  for (const t of [["NOPE"], [null], "member_of", [1], { a: 1 }]) {
    out.push(post("variables", `types: ${JSON.stringify(t)}`, { query: typed, variables: { t } }));
  }
  const filtered = "query F($f: EntityFilter) { states(filter: $f) { totalCount } }";
  for (const f of [
    { unknown: 1 },
    { name: {} },
    { year: "2002" },
    { related: [{ id: "AU" }] },
    { AND: [{ AND: [{ NOT: { year: "x" } }] }] },
    "name",
  ]) {
    out.push(post("variables", `filter: ${JSON.stringify(f)}`, { query: filtered, variables: { f } }));
  }
  out.push(
    post("variables", "required variable missing", {
      query: "query N($id: ID!) { node(id: $id) { id } }",
      variables: {},
    }),
  );
  out.push(
    post("variables", "undeclared variable", { query: "{ node(id: $id) { id } }", variables: { id: "AU" } }),
  );
  out.push(
    post("variables", "variable of an unknown type", {
      query: "query N($id: Nope) { node(id: $id) { id } }",
      variables: { id: "AU" },
    }),
  );
  out.push(
    post("variables", "variable of an output type", {
      query: "query N($s: State) { node(id: $s) { id } }",
      variables: { s: {} },
    }),
  );
  return out;
}

/**
 * Inputs past the table of bounds, in the classes that once took the service down: very long
 * strings in every string argument, names of many words, deep and wide filters, repeated
 * relationship conditions, deep JSON. Each must be refused before any Cypher runs.
 */
function boundsCorpus(schema: GraphQLSchema): Hostile[] {
  const out: Hostile[] = [];
  const huge = "a".repeat(90_000);
  for (const [field, definition] of Object.entries(schema.getQueryType()!.getFields())) {
    for (const arg of definition.args) {
      stringSlots(arg.type).forEach((slot, i) => {
        const { query, variables } = rootOperation(schema, field, { [arg.name]: slot(huge) });
        out.push(post("bounds", `${field}(${arg.name}) slot ${i}: 90,000 characters`, { query, variables }));
      });
    }
  }
  // A field argument below the root: a page of a document's lines.
  for (const arg of ["from", "to"]) {
    for (const value of INT_VALUES) {
      out.push(
        post(
          "bounds",
          `Source.lines(${arg}: ${JSON.stringify(value)})`,
          {
            query: `query($v: Int) { entity(id: "003") { ... on Source { lines(${arg}: $v) { number } } } }`,
            variables: { v: value },
          },
          false,
        ),
      );
    }
  }
  // Pages of mentions below an entity and a source.
  for (const [owner, field] of [
    ['state(id: "NZ")', "mentionedIn"],
    ['entity(id: "003") { ... on Source', "mentions"],
  ] as const) {
    const close = owner.includes("...") ? "}" : "";
    for (const arg of ["first", "last"]) {
      // An empty page (0) is a page.
      for (const value of INT_VALUES.filter((v) => v !== 0)) {
        out.push(
          post(
            "bounds",
            `${field}(${arg}: ${JSON.stringify(value)})`,
            {
              query: `query($v: Int) { ${owner} { ${field}(${arg}: $v) { totalCount } } ${close} }`,
              variables: { v: value },
            },
            false,
          ),
        );
      }
    }
    for (const arg of ["after", "before"]) {
      out.push(
        post("bounds", `${field}(${arg}:) of 90,000 characters`, {
          query: `query($v: String) { ${owner} { ${field}(${arg}: $v) { totalCount } } ${close} }`,
          variables: { v: huge },
        }),
        post("bounds", `${field}(${arg}:) not a cursor`, {
          query: `query($v: String) { ${owner} { ${field}(first: 5, ${arg}: $v) { totalCount } } ${close} }`,
          variables: { v: "bm90IGEgY3Vyc29y" },
        }),
      );
    }
  }
  // A document past its bound, and every other string of it past its own.
  for (const slot of ["text", "title", "reference", "description", "reason"]) {
    const input = {
      title: "t",
      reference: "r",
      text: "words",
      [slot]: slot === "text" ? "w ".repeat(45_000) : huge,
    };
    out.push(
      post("bounds", `addSource(input.${slot}) past its bound`, {
        query: "mutation($i: AddSourceInput!) { addSource(input: $i) { source { id } } }",
        variables: { i: input },
      }),
    );
  }
  const manyWords = repeat(1100, (i) => `w${i % 10}`).slice(0, 190);
  for (const lookup of ["entity", "state", "organisation", "body", "meeting", "document"]) {
    out.push(
      post("bounds", `${lookup}(name:) of many words`, {
        query: `query($n: String) { ${lookup}(name: $n) { id } }`,
        variables: { n: manyWords },
      }),
    );
  }
  out.push(
    post("bounds", "search of many words", {
      query: "query($t: String!) { search(text: $t) { score } }",
      variables: { t: manyWords },
    }),
  );
  const states = "query($f: EntityFilter) { states(filter: $f) { totalCount } }";
  for (const levels of [6, 400, 3000, 12_000]) {
    out.push({ ...post("bounds", `NOT nested ${levels} deep`, {}), body: nestedNotBody(levels) });
  }
  const relatedTo = (n: number) =>
    Array.from({ length: n }, () => ({ type: "MEMBER_OF", direction: "OUT", id: "ad-hoc-group" }));
  out.push(
    post("bounds", "OR of 2,000 names", {
      query: states,
      variables: { f: { OR: Array.from({ length: 2000 }, (_, i) => ({ name: `n${i}` })) } },
    }),
    post("bounds", "AND of 50 identical related conditions", {
      query: states,
      variables: { f: { AND: Array.from({ length: 50 }, () => ({ related: relatedTo(1) })) } },
    }),
    post("bounds", "50 related conditions in one list", {
      query: states,
      variables: { f: { related: relatedTo(50) } },
    }),
    post("bounds", "ids list of 5,000", {
      query: "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
      variables: { ids: Array.from({ length: 5000 }, (_, i) => `id-${i}`) },
    }),
    post("bounds", "relationship types list of 5,000", {
      query: 'query($t: [RelationshipType!]) { neighbourhood(id: "NZ", types: $t) { truncated } }',
      variables: { t: Array.from({ length: 5000 }, () => "MEMBER_OF") },
    }),
    post("bounds", "paths through 2,000 relationship types and around 2,000 kinds", {
      query:
        'query($t: [RelationshipType!], $k: [EntityKind!]) { paths(from: "NZ", to: "rso", avoidTypes: $t, avoidKinds: $k) { paths { length } } }',
      variables: {
        t: Array.from({ length: 2000 }, () => "MEMBER_OF"),
        k: Array.from({ length: 2000 }, () => "MEETING"),
      },
    }),
    post("bounds", "a relationship condition's where nested 400 deep", {
      query: states,
      variables: {
        f: Array.from({ length: 400 }).reduce<Record<string, unknown>>(
          (inner) => ({ related: [{ type: "MEMBER_OF", where: inner }] }),
          { ids: ["NZ"] },
        ),
      },
    }),
    post("bounds", "a count of two billion far entities", {
      query: states,
      variables: { f: { related: [{ type: "MEMBER_OF", count: { min: 0, max: 2_000_000_000 } }] } },
    }),
    post("bounds", "a date range of 90,000 characters", {
      query: states,
      variables: { f: { date: { from: huge } } },
    }),
    post("bounds", "an enum value of 90,000 characters", {
      query: 'query($k: EntityKind) { entity(id: "NZ", kind: $k) { id } }',
      variables: { k: huge },
    }),
    post("bounds", "a cursor of 90,000 characters", {
      query: "query($a: String) { states(after: $a) { totalCount } }",
      variables: { a: huge },
    }),
  );
  return out;
}

/** Representations a client may send to `_entities` in subgraph mode (FEDERATION=true). */
function representationsCorpus(): Hostile[] {
  const ENTITIES =
    "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on State { id name } } }";
  const entities = (category: string, name: string, r: unknown, refused = true) =>
    post(category, name, { query: ENTITIES, variables: { r } }, refused);
  const states = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: "State", id: `id-${i}` }));
  const deep = Array.from({ length: 400 }).reduce<Record<string, unknown>>((inner) => ({ a: inner }), {});
  const out: Hostile[] = [
    entities("bounds", "2,000 representations", states(2000)),
    entities("bounds", "one representation past the bound", states(501)),
    entities("representations", "as many representations as the bound", states(500), false),
    entities("bounds", "a representation of 90,000 characters", [
      { __typename: "State", id: "a".repeat(90_000) },
    ]),
    entities("bounds", "a representation nested 400 deep", [{ __typename: "State", id: "AU", deep }]),
    post("bounds", "a literal representation of 5,000 characters", {
      query: `{ _entities(representations: [{ __typename: "State", id: "${"a".repeat(5000)}" }]) { __typename } }`,
    }),
  ];
  for (const typename of [
    "Alias",
    "Query",
    "Mutation",
    "_Service",
    "__Schema",
    "Entity",
    "Node",
    "Nope",
    "",
  ]) {
    out.push(
      entities("representations", `a representation of ${typename || "no"} type`, [
        { __typename: typename, id: "AU" },
      ]),
    );
  }
  for (const [name, representation] of [
    ["no __typename", { id: "AU" }],
    ["no id", { __typename: "State" }],
    ["a number as id", { __typename: "State", id: 7 }],
    ["an object as id", { __typename: "State", id: { $gt: "" } }],
    ["a list as id", { __typename: "State", id: ["AU", "NZ"] }],
    ["a string", "State:AU"],
    ["a list", ["State", "AU"]],
    ["null", null],
  ] as const) {
    out.push(entities("representations", `a representation that is ${name}`, [representation]));
  }
  INJECTIONS.forEach((text, i) => {
    const representation = { __typename: "State", id: text };
    // Answered (null: no entity has that id), unless it is past the bound of a JSON value.
    const tooLong = JSON.stringify(representation).length > DEFAULT_INPUT_BOUNDS.jsonLength;
    out.push(
      entities("injection", `a State representation with injection ${i} as id`, [representation], tooLong),
    );
  });
  return out;
}

interface Outcome {
  status: number;
  text: string;
  body: { errors?: { extensions?: { code?: unknown } }[]; data?: unknown } | undefined;
}

async function sendHostile(url: string, request: Hostile): Promise<Outcome> {
  const response = await fetch(`${url}/graphql${request.search ?? ""}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  let body: Outcome["body"];
  try {
    body = JSON.parse(text) as Outcome["body"];
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

/** Runs `work` over `items` with at most `width` at a time. */
async function pool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

const STACK = /\n\s+at |stacktrace|node_modules|\.[jt]s:\d+:\d+/;

/** What is wrong with the answers to a corpus: a 5xx, a stack trace, an error without a code, a request let through. */
function problemsOf(corpus: Hostile[], outcomes: Outcome[]): string[] {
  const problems: string[] = [];
  outcomes.forEach((outcome, i) => {
    const request = corpus[i]!;
    const label = `[${request.category}] ${request.name}: ${outcome.status}`;
    const errors = outcome.body?.errors ?? [];
    if (outcome.status >= 500) problems.push(`${label} is a server error: ${outcome.text.slice(0, 200)}`);
    if (STACK.test(outcome.text))
      problems.push(`${label} shows a stack trace: ${outcome.text.slice(0, 200)}`);
    if (outcome.status >= 400 && !errors.length)
      problems.push(`${label} has no GraphQL errors: ${outcome.text.slice(0, 200)}`);
    for (const error of errors) {
      if (typeof error.extensions?.code !== "string") problems.push(`${label} has an error without a code`);
      if (error.extensions?.code === "INTERNAL_SERVER_ERROR")
        problems.push(`${label} failed inside the server`);
    }
    if (request.refused && outcome.status < 400 && !errors.length) problems.push(`${label} was not refused`);
    if (request.category === "bounds" && errors[0]?.extensions?.code !== "BAD_USER_INPUT")
      problems.push(`${label} was not refused as BAD_USER_INPUT: ${outcome.text.slice(0, 200)}`);
  });
  return problems;
}

describe("hostile requests", () => {
  let db: TestDatabase;
  let server: TestServer;
  let schema: GraphQLSchema;
  let entitiesBefore: number;

  beforeAll(async () => {
    db = openTestDatabase();
    // As `npm start` serves: the default admission control included.
    server = await startTestServer(db.executor, { admission: admissionFromConfig(loadConfig({})) });
    schema = await buildGraphQLSchema();
    entitiesBefore = (await db.executor.read("MATCH (n:Entity) RETURN count(n) AS n"))[0]!.n as number;
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("get a 4xx or a GraphQL error with a code, never a 5xx or a stack trace, and the server keeps serving", async () => {
    const corpus = [
      ...shapeCorpus(),
      ...protocolCorpus(),
      ...injectionCorpus(schema),
      ...boundsCorpus(schema),
    ];
    const categories = new Set(corpus.map((r) => r.category));
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(corpus.filter((r) => r.category !== "injection").length).toBeGreaterThanOrEqual(150);

    const outcomes = await pool(corpus, 4, (request) => sendHostile(server.app.url, request));

    expect(problemsOf(corpus, outcomes)).toEqual([]);
    expect(categories.size).toBeGreaterThanOrEqual(12);
    expect((await fetch(`${server.app.url}/healthz`)).status).toBe(200);
    const normal = await server.post("{ baliProcess { id name } }");
    expect(normal.body).toEqual({ data: { baliProcess: { id: "bali-process", name: expect.any(String) } } });
    const entitiesAfter = (await db.executor.read("MATCH (n:Entity) RETURN count(n) AS n"))[0]!.n;
    expect(entitiesAfter).toBe(entitiesBefore);
  }, 300_000);

  it("a flood of expensive valid queries and exports gets answers or 503 with Retry-After, while lookups by id keep being served", async () => {
    const url = server.app.url;
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const until = Date.now() + 10_000;
    let sent = 0;
    const flooder = async () => {
      while (Date.now() < until) {
        const answer = await send(url, expensiveRequest(sent++));
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const label = `${answer.kind}: ${answer.status} ${answer.code}`;
        if (![200, 400, 503].includes(answer.status)) problems.push(label);
        if (answer.status === 503 && answer.retryAfter === null)
          problems.push(`${label} without Retry-After`);
        if (answer.code === "INTERNAL_SERVER_ERROR" || answer.code === "NO_CODE") problems.push(label);
      }
    };
    const lookups: { ok: boolean; text: string }[] = [];
    const lookup = async () => {
      while (Date.now() < until) {
        const health = await fetch(`${url}/healthz`);
        const answer = await server.post(
          '{ state(id: "NZ") { id name memberOf { node { ... on Body { id } } } } }',
        );
        lookups.push({
          ok:
            health.status === 200 &&
            answer.status === 200 &&
            (answer.body.data?.state as { id?: string })?.id === "NZ",
          text: JSON.stringify(answer.body).slice(0, 200),
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    await Promise.all([...Array.from({ length: 40 }, flooder), lookup(), lookup()]);

    expect(problems).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(lookups.length).toBeGreaterThanOrEqual(3);
    expect(lookups.filter((l) => !l.ok)).toEqual([]);
    // Both processes serve afterwards, and nothing was changed.
    expect(await db.executor.ping()).toBe(true);
    expect((await server.post("{ baliProcess { id } }")).body).toEqual({
      data: { baliProcess: { id: "bali-process" } },
    });
    expect((await db.executor.read("MATCH (n:Entity) RETURN count(n) AS n"))[0]!.n).toBe(entitiesBefore);
  }, 120_000);
});

describe("hostile representations, in subgraph mode (FEDERATION=true)", () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = openTestDatabase();
    server = await startTestServer(db.executor, {
      schema: (await buildSubgraph()).schema,
      admission: admissionFromConfig(loadConfig({ FEDERATION: "true" })),
    });
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("get a 4xx or a GraphQL error with a code, never a 5xx or a stack trace, and the server keeps serving", async () => {
    const corpus = representationsCorpus();
    const entitiesBefore = (await db.executor.read("MATCH (n:Entity) RETURN count(n) AS n"))[0]!.n;

    const outcomes = await pool(corpus, 4, (request) => sendHostile(server.app.url, request));

    expect(problemsOf(corpus, outcomes)).toEqual([]);
    // Whatever its id, a representation of an entity type is answered: null where no entity has it.
    const unanswered = corpus.flatMap((request, i) =>
      !request.refused &&
      !(outcomes[i]!.body?.data as { _entities?: unknown[] } | undefined)?._entities?.includes(null)
        ? [`${request.name}: ${outcomes[i]!.text.slice(0, 200)}`]
        : [],
    );
    expect(unanswered).toEqual([]);
    const answer = await server.post(
      '{ _entities(representations: [{ __typename: "State", id: "NZ" }]) { ... on State { id } } }',
    );
    expect(answer.body).toEqual({ data: { _entities: [{ id: "NZ" }] } });
    expect((await db.executor.read("MATCH (n:Entity) RETURN count(n) AS n"))[0]!.n).toBe(entitiesBefore);
  }, 120_000);
});
