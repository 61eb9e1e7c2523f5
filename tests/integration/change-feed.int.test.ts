import { execFileSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { type ServerChild, startServer } from "../../bench/load";
import type { ChangeRecord } from "../../src/repository/changes.repository";
import { testServerSettings } from "../support/database";
import { seedTestDatabase } from "../support/seed";

const ROOT = path.join(__dirname, "../..");
const SECRET = "change-feed-test-secret-0123456789";
const AUTH = { authorization: `Bearer ${SECRET}` };
const CITE_003 = `{ sources: [{ sourceId: "003", firstLine: 33, lastLine: 33 }] }`;
const PER_CONNECTION = 3;
const CONNECTIONS = 6;
const HORIZON = 5;

/** What the subscription sends: the feed's record (kinds and types as the enums' names). */
type Change = ChangeRecord;

const CHANGES = `subscription Changes($ids: [ID!], $kinds: [EntityKind!], $types: [RelationshipType!], $since: Int) {
  graphChanged(ids: $ids, kinds: $kinds, types: $types, since: $since) {
    version auditId at action targetType targetId entityIds relationshipIds kinds types
  }
}`;

interface Received {
  changes: Change[];
  errors: { message: string; extensions?: Record<string, unknown> }[];
  completed: boolean;
  stop(): void;
}

/**
 * Two `node dist/src/main.js` processes on the test Neo4j: subscribers on one, writes through
 * the other (and through both), as clients would with graphql-ws.
 */
describe("the change feed (graphql-ws) over two server processes on one Neo4j", () => {
  let a: ServerChild;
  let b: ServerChild;
  const clients: Client[] = [];
  let created = 0;

  const clientOf = (server: ServerChild, options: { onClosed?: (event: unknown) => void } = {}) => {
    const client = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      on: options.onClosed ? { closed: options.onClosed } : {},
    });
    clients.push(client);
    return client;
  };

  const subscribe = (client: Client, variables: Record<string, unknown> = {}): Received => {
    const received: Received = { changes: [], errors: [], completed: false, stop: () => undefined };
    received.stop = client.subscribe<{ graphChanged: Change }>(
      { query: CHANGES, variables },
      {
        next: (result) => {
          if (result.data?.graphChanged) received.changes.push(result.data.graphChanged);
          if (result.errors) received.errors.push(...(result.errors as Received["errors"]));
        },
        error: (error) => {
          received.errors.push(
            ...(Array.isArray(error) ? error : [{ message: String((error as Error).message ?? error) }]),
          );
        },
        complete: () => {
          received.completed = true;
        },
      },
    );
    return received;
  };

  const post = async (server: ServerChild, query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...AUTH },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are walked as JSON
    const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };

  /** A new body through `server`: the change, as its audit entry records it. */
  const createBody = async (server: ServerChild) => {
    created += 1;
    const data = await post(
      server,
      `mutation($name: String!) { createEntity(input: { kind: BODY, name: $name, type: "group" }, provenance: ${CITE_003}) {
        entity { id } audit { id version } } }`,
      { name: `Change Feed Test Group ${created}` },
    );
    return {
      id: data.createEntity.entity.id as string,
      audit: data.createEntity.audit as { id: string; version: number },
    };
  };

  const graphVersion = async (server: ServerChild) =>
    (await post(server, "{ graphVersion }")).graphVersion as number;

  const until = async (what: string, done: () => boolean, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!done()) {
      if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** Waits as long as the feed takes to read the audit trail a few times over. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  beforeAll(async () => {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
    const settings = {
      ...testServerSettings(),
      API_KEYS: `tester:${SECRET}`,
      SUBSCRIPTIONS_PER_CONNECTION: String(PER_CONNECTION),
      SUBSCRIPTION_CONNECTIONS: String(CONNECTIONS),
      SUBSCRIPTION_IDLE_SECONDS: "2",
      CHANGE_FEED_POLL_MS: "100",
      CHANGE_FEED_HORIZON: String(HORIZON),
      // startServer reads the "GraphQL API:" line, logged at info.
      LOG_LEVEL: "info",
    };
    [a, b] = await Promise.all([
      startServer(() => undefined, settings),
      startServer(() => undefined, settings),
    ]);
  }, 240_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    if (created > 0) await seedTestDatabase();
  }, 120_000);

  it("sends a subscriber on one process each change made through the other, once and in order", async () => {
    const since = await graphVersion(a);
    const received = subscribe(clientOf(a), { since });

    const made = [await createBody(b), await createBody(a), await createBody(b)];
    await until("three changes", () => received.changes.length >= 3);
    await settle();

    expect(received.errors).toEqual([]);
    expect(received.changes.map((c) => c.auditId)).toEqual(made.map((m) => m.audit.id));
    expect(received.changes.map((c) => c.version)).toEqual(made.map((m) => m.audit.version));
    expect(received.changes[0]).toMatchObject({
      action: "CREATE_ENTITY",
      targetType: "Entity",
      targetId: made[0]!.id,
      entityIds: [made[0]!.id],
      relationshipIds: [],
      kinds: ["BODY"],
      types: [],
    });
    // Never the key, nor the states before and after.
    expect(JSON.stringify(received.changes)).not.toContain(SECRET);
    expect(Object.keys(received.changes[0]!).sort()).toEqual(
      [
        "version",
        "auditId",
        "at",
        "action",
        "targetType",
        "targetId",
        "entityIds",
        "relationshipIds",
        "kinds",
        "types",
      ].sort(),
    );
  });

  it("sends only the changes a subscriber's ids, kinds and types name", async () => {
    const since = await graphVersion(b);
    const client = clientOf(b);
    const body = await createBody(a);
    const byId = subscribe(client, { since, ids: [body.id] });
    const byType = subscribe(client, { since, types: ["MEMBER_OF"] });
    const byKind = subscribe(client, { since, kinds: ["STATE"] });

    const membership = await post(
      a,
      `mutation($to: ID!) { createRelationship(input: { type: MEMBER_OF, from: "NZ", to: $to }, provenance: ${CITE_003}) {
        relationship { id } audit { id } } }`,
      { to: body.id },
    );
    await createBody(a);
    await until("the membership", () => byKind.changes.length >= 1 && byType.changes.length >= 1);
    await settle();

    const relationshipId = membership.createRelationship.relationship.id as string;
    // The body's creation and its membership; not the second body.
    expect(byId.changes.map((c) => c.action)).toEqual(["CREATE_ENTITY", "CREATE_RELATIONSHIP"]);
    expect(byType.changes).toEqual([
      expect.objectContaining({
        action: "CREATE_RELATIONSHIP",
        auditId: membership.createRelationship.audit.id,
        entityIds: ["NZ", body.id],
        relationshipIds: [relationshipId],
        types: ["MEMBER_OF"],
        kinds: expect.arrayContaining(["STATE", "BODY"]),
      }),
    ]);
    expect(byKind.changes.map((c) => c.auditId)).toEqual([membership.createRelationship.audit.id]);
  });

  it("sends a client that subscribes again with the last version it saw what it missed, then what follows", async () => {
    const first = subscribe(clientOf(a), { since: await graphVersion(a) });
    await createBody(b);
    await until("the first change", () => first.changes.length === 1);
    first.stop();
    const lastSeen = first.changes[0]!.version;

    const missed = [await createBody(b), await createBody(a)];
    const again = subscribe(clientOf(b), { since: lastSeen });
    await until("the missed changes", () => again.changes.length >= 2);
    const next = await createBody(a);
    await until("the next change", () => again.changes.length >= 3);
    await settle();

    expect(again.errors).toEqual([]);
    expect(again.changes.map((c) => c.auditId)).toEqual([...missed, next].map((m) => m.audit.id));
  });

  it("refuses `since` older than the changes kept with CHANGES_EXPIRED, and a negative one", async () => {
    const old = await graphVersion(a);
    for (let i = 0; i <= HORIZON; i++) await createBody(b);
    const client = clientOf(a);
    const expired = subscribe(client, { since: old });
    const negative = subscribe(client, { since: -1 });
    await until("both refusals", () => expired.errors.length > 0 && negative.errors.length > 0);

    expect(expired.errors[0]!.extensions?.code).toBe("CHANGES_EXPIRED");
    expect(expired.changes).toEqual([]);
    expect(negative.errors[0]!.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses a subscription past the limit on one connection with TOO_MANY_SUBSCRIPTIONS, and takes one again when one ends", async () => {
    const client = clientOf(a);
    const since = await graphVersion(a);
    const open = Array.from({ length: PER_CONNECTION }, () => subscribe(client, { since }));
    const extra = subscribe(client, { since });
    await until("the refusal", () => extra.errors.length > 0);

    expect(extra.errors[0]!.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");
    expect(extra.errors[0]!.extensions?.limit).toBe(PER_CONNECTION);

    open[0]!.stop();
    const replacement = subscribe(client, { since });
    const made = await createBody(b);
    await until("the change", () => replacement.changes.length === 1);
    expect(replacement.changes[0]!.auditId).toBe(made.audit.id);
    expect(open[1]!.changes.map((c) => c.auditId)).toEqual([made.audit.id]);
  });

  it("closes a connection past the limit per process with 1013, and one left idle", async () => {
    const closes: { code: number; reason: string }[] = [];
    await settle(); // the connections of the tests before are closed on the server's side too
    const since = await graphVersion(b);
    const held = Array.from({ length: CONNECTIONS }, () => clientOf(b));
    const subscriptions = held.map((client) => subscribe(client, { since }));
    // Each connection holds a subscription once the server has acknowledged it: a change reaches all.
    await createBody(a);
    await until("every connection", () => subscriptions.every((s) => s.changes.length === 1));

    const onClosed = (event: unknown) => closes.push(event as { code: number; reason: string });
    const refused = subscribe(clientOf(b, { onClosed }));
    await until("the refusal", () => closes.length > 0 || refused.errors.length > 0);
    expect(closes[0]).toMatchObject({ code: 1013, reason: expect.stringMatching(/Too many connections/) });

    // A connection with no subscription is closed after SUBSCRIPTION_IDLE_SECONDS.
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await settle();
    const idleCloses: { code: number; reason: string }[] = [];
    const socket = new WebSocket(`${b.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
    socket.on("close", (code, reason) => idleCloses.push({ code, reason: reason.toString() }));
    await until("the idle close", () => idleCloses.length > 0, 10_000);
    expect(idleCloses[0]).toEqual({ code: 1000, reason: "Idle: no subscription" });
  });

  it("serves only subscriptions over the WebSocket, held to the same limits as over HTTP", async () => {
    const client = clientOf(a);
    const query = await new Promise<unknown[]>((resolve) => {
      client.subscribe(
        { query: "{ graphVersion }" },
        { next: () => undefined, error: (e) => resolve(e as unknown[]), complete: () => undefined },
      );
    });
    expect(query).toEqual([expect.objectContaining({ extensions: { code: "BAD_REQUEST" } })]);

    const tooLong = Array.from({ length: 101 }, (_, i) => `id${i}`);
    const bounded = subscribe(client, { ids: tooLong });
    const unknownField = await new Promise<unknown[]>((resolve) => {
      client.subscribe(
        { query: "subscription { graphChanged { nope } }" },
        { next: () => undefined, error: (e) => resolve(e as unknown[]), complete: () => undefined },
      );
    });
    await until("the bound", () => bounded.errors.length > 0);

    expect(bounded.errors[0]!.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknownField).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "GRAPHQL_VALIDATION_FAILED" }) }),
    ]);

    // A message over 64 KB closes the connection (1009) before it is read.
    const closes: number[] = [];
    const socket = new WebSocket(`${a.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    socket.on("open", () => socket.send("x".repeat(65 * 1024)));
    socket.on("close", (code) => closes.push(code));
    await until("the close", () => closes.length > 0);
    expect(closes).toEqual([1009]);
    // Bytes that are no WebSocket frame, after a proper upgrade, twice over: the connection
    // is closed, and the process keeps serving.
    const raw = net.connect(Number(new URL(a.url).port), "127.0.0.1");
    const upgraded = new Promise<string>((resolve) => raw.once("data", (data) => resolve(data.toString())));
    const ended = new Promise<void>((resolve) => raw.once("close", () => resolve()));
    raw.on("error", () => undefined);
    raw.write(
      "GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
        "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n",
    );
    expect(await upgraded).toMatch(/^HTTP\/1\.1 101/);
    raw.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01]));
    raw.write(Buffer.from([0x8f, 0x80, 0x00, 0x00, 0x00, 0x00]));
    await ended;
    // And the server still answers.
    expect(await graphVersion(a)).toBeGreaterThan(0);
  });

  it("holds every argument of graphChanged to its bound: very long, very many, very deep", async () => {
    const client = clientOf(b);
    const codeOf = async (variables: Record<string, unknown>, query = CHANGES) => {
      const outcome = await new Promise<unknown[]>((resolve) => {
        const stop = client.subscribe(
          { query, variables },
          {
            next: (result) => {
              if (result.errors) resolve(result.errors as unknown[]);
            },
            error: (errors) => resolve(Array.isArray(errors) ? errors : [errors]),
            complete: () => resolve([]),
          },
        );
        // Taken: a subscription past its bounds is refused at once, never left running.
        setTimeout(() => {
          stop();
          resolve(["running"]);
        }, 3000);
      });
      const first = outcome[0] as { extensions?: { code?: string }; code?: number } | string | undefined;
      if (typeof first === "string" || first === undefined) return first;
      // A connection the server closed: its close code.
      return first.extensions?.code ?? `closed ${first.code}`;
    };
    const deep = (n: number): unknown => (n === 0 ? "NZ" : [deep(n - 1)]);
    // A message over 64 KB closes the connection before it is read; the client opens another.
    expect(await codeOf({ ids: ["a".repeat(90_000)] })).toBe("closed 1009");
    const cases: [string, Record<string, unknown>][] = [
      ["a 60,000-character id", { ids: ["a".repeat(60_000)] }],
      ["5,000 ids", { ids: Array.from({ length: 5000 }, (_, i) => `id${i}`) }],
      ["5,000 kinds", { kinds: Array.from({ length: 5000 }, () => "STATE") }],
      ["5,000 types", { types: Array.from({ length: 5000 }, () => "MEMBER_OF") }],
      ["a 60,000-character kind", { kinds: ["S".repeat(60_000)] }],
      ["ids nested 3,000 deep", { ids: deep(3000) }],
      ["a version past 32 bits", { since: 2 ** 40 }],
    ];
    for (const [name, variables] of cases) {
      expect({ name, code: await codeOf(variables) }).toEqual({ name, code: "BAD_USER_INPUT" });
    }
    // Nested 600 deep in the document itself: the parser stops at its token bound (1,000).
    const literal = `subscription { graphChanged(ids: ${"[".repeat(600)}"NZ"${"]".repeat(600)}) { version } }`;
    expect(await codeOf({}, literal)).toBe("GRAPHQL_PARSE_FAILED");
    // And the connection and the process still serve.
    const since = await graphVersion(b);
    const after = subscribe(client, { since });
    const made = await createBody(a);
    await until("the change", () => after.changes.length === 1);
    expect(after.changes[0]!.auditId).toBe(made.audit.id);
  });

  it("answers a subscription sent over HTTP with a coded error, not a crash", async () => {
    const response = await fetch(`${a.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "subscription { graphChanged { version } }" }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
  });
});
