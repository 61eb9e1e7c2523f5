import { buildSchema, parse } from "graphql";
import type { Admission } from "../../src/server/admission";
import { COSTED_VARIABLES_CHARS, costedKey, requestLimitsPlugin } from "../../src/server/limits";

/* eslint-disable @typescript-eslint/no-explicit-any -- Apollo's hook arguments, reduced to what the plugin reads */

describe("the request limits plugin's database turn", () => {
  const schema = buildSchema("type Query { a: Int }");
  const document = parse("{ a }");
  const operation = document.definitions[0] as any;

  function slowAdmission() {
    let grant!: () => void;
    const released: number[] = [];
    const admission = {
      admit: () =>
        new Promise<() => void>((resolve) => {
          grant = () => resolve(() => released.push(1));
        }),
    } as unknown as Admission;
    return { admission, released, grant: () => grant() };
  }

  async function hooks(admission: Admission) {
    const plugin = requestLimitsPlugin({ maxCost: 1000, admission });
    return (await plugin.requestDidStart!({} as any)) as any;
  }

  it("is given back when the answer is sent", async () => {
    const { admission, released, grant } = slowAdmission();
    const request = await hooks(admission);
    const waiting = request.didResolveOperation({ schema, document, request: {}, operation });
    grant();
    await waiting;
    expect(released).toEqual([]);

    await request.willSendResponse({});
    await request.willSendResponse({});

    expect(released).toEqual([1]);
  });

  it("is given back at once when it is granted after the answer was sent (another hook failed meanwhile)", async () => {
    const { admission, released, grant } = slowAdmission();
    const request = await hooks(admission);
    const waiting = request.didResolveOperation({ schema, document, request: {}, operation });
    await request.willSendResponse({});
    expect(released).toEqual([]);

    grant();
    await waiting;

    expect(released).toEqual([1]);
  });
});

describe("the request limits plugin's kept verdicts", () => {
  const schema = buildSchema("type Query { echo(text: String): Int }");
  const document = parse("query Echo($text: String) { echo(text: $text) }");
  const operation = document.definitions[0] as any;
  const plugin = requestLimitsPlugin({ maxCost: 1000 });
  const check = async (variables: Record<string, unknown>) =>
    ((await plugin.requestDidStart!({} as any)) as any).didResolveOperation({
      schema,
      document,
      operation,
      operationName: "Echo",
      queryHash: "hash-of-echo",
      request: { variables },
    });

  it("are kept per variables: an operation that passed is held to its bounds again with other values", async () => {
    await check({ text: "short" });
    await check({ text: "short" });
    await expect(check({ text: "x".repeat(100_000) })).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
    await expect(check({ text: "x".repeat(100_000) })).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
    await check({ text: "short" });
  });

  it("are not kept for long variables, nor for variables that cannot be written as JSON", () => {
    expect(costedKey("h", "Echo", { text: "short" })).toBe('h\nEcho\n{"text":"short"}');
    expect(costedKey("h", null, undefined)).toBe("h\n\n");
    expect(costedKey("h", "Echo", { text: "x".repeat(COSTED_VARIABLES_CHARS) })).toBeUndefined();
    expect(costedKey("h", "Echo", { n: BigInt(1) })).toBeUndefined();
  });
});
