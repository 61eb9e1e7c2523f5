import { buildSchema, parse } from "graphql";
import type { Admission } from "../../src/server/admission";
import { requestLimitsPlugin } from "../../src/server/limits";

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
