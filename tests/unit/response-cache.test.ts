import { etagMatches } from "../../src/server/caching";
import { VersionClock } from "../../src/server/graph-version";
import { ResponseCache, answerKey, canonicalJson } from "../../src/server/response-cache";

const answer = (text: string) => ({ data: { text } });

describe("the response cache", () => {
  it("holds answers up to its bound in bytes, dropping the least recently used first", () => {
    // Each entry: 2 bytes a character of its JSON text (and newline) and key, plus 128 of bookkeeping.
    const entry = (key: string, text: string) =>
      2 * (JSON.stringify(answer(text)).length + 1 + key.length) + 128;
    const cache = new ResponseCache(3 * entry("k1", "x".repeat(100)));
    cache.set("k1", answer("x".repeat(100)));
    cache.set("k2", answer("y".repeat(100)));
    cache.set("k3", answer("z".repeat(100)));
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);

    expect(cache.get("k1")).toEqual(answer("x".repeat(100)));
    cache.set("k4", answer("w".repeat(100)));
    expect(cache.size).toBe(3);
    expect(cache.get("k2")).toBeUndefined();
    expect(cache.get("k1")).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
  });

  it("keeps an answer as the bytes Apollo Server sends: errors, data, extensions in that order, and a newline", () => {
    const cache = new ResponseCache(10_000);
    cache.set("k", { extensions: { n: 1 }, data: { a: 1 } });
    expect(cache.text("k")).toBe(`{"data":{"a":1},"extensions":{"n":1}}\n`);
    expect(cache.text("missing")).toBeUndefined();
  });

  it("does not keep an answer larger than the whole bound", () => {
    const cache = new ResponseCache(1000);
    cache.set("small", answer("a"));
    cache.set("large", answer("b".repeat(1000)));
    expect(cache.get("large")).toBeUndefined();
    expect(cache.get("small")).toEqual(answer("a"));
  });

  it("hands out copies: changing an answer it gave does not change what it keeps", () => {
    const cache = new ResponseCache(10_000);
    const kept = answer("original");
    cache.set("k", kept);
    kept.data.text = "changed after set";
    cache.get("k")!.data!.text = "changed after get";
    expect(cache.get("k")).toEqual(answer("original"));
  });

  it("keys answers by version, caller, operation, variables (in any order) and document", () => {
    const base = {
      version: "e:1",
      document: "query Q($a: ID, $b: ID) { x }",
      operationName: "Q",
      variables: { a: "1", b: "2" },
      actor: null,
    };
    const key = answerKey(base);
    expect(answerKey({ ...base, variables: { b: "2", a: "1" } })).toBe(key);
    for (const other of [
      { version: "e:2" },
      { version: "other-epoch:1" },
      { actor: "curator" },
      { operationName: null },
      { variables: { a: "1", b: "3" } },
      { document: "query Q($a: ID, $b: ID) { y }" },
    ]) {
      expect(answerKey({ ...base, ...other })).not.toBe(key);
    }
    expect(canonicalJson({ b: [1, { d: 1, c: null }], a: "x" })).toBe('{"a":"x","b":[1,{"c":null,"d":1}]}');
  });
});

describe("If-None-Match", () => {
  it("matches the ETag weakly, in a list, or *", () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches("*", 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});

describe("the version clock", () => {
  const version = (n: number) => ({ version: n, epoch: "e" });

  it("reads the version for every request when the staleness is 0", async () => {
    const clock = new VersionClock(0);
    let reads = 0;
    const read = async () => version(++reads);
    expect(await clock.current(read)).toEqual(version(1));
    expect(await clock.current(read)).toEqual(version(2));
  });

  /** A read that ends when the test says, and the reads begun so far. */
  function controlledReads() {
    const finishes: ((v: { version: number; epoch: string }) => void)[] = [];
    const read = () => new Promise<{ version: number; epoch: string }>((resolve) => finishes.push(resolve));
    return { read, finishes };
  }
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it("shares one read among requests of the same turn, never one begun before them", async () => {
    const clock = new VersionClock(0, 4);
    const { read, finishes } = controlledReads();
    const together = [clock.current(read), clock.current(read), clock.current(read)];
    expect(finishes).toHaveLength(0);
    await nextTurn();
    expect(finishes).toHaveLength(1);

    // A request that arrives while that read is under way gets a read of its own, begun after it arrived.
    const later = clock.current(read);
    await nextTurn();
    expect(finishes).toHaveLength(2);
    finishes[1]!(version(2));
    finishes[0]!(version(1));
    expect(await Promise.all(together)).toEqual([version(1), version(1), version(1)]);
    expect(await later).toEqual(version(2));

    // A failed read fails its own waiters only: the next request reads again.
    const failing = clock.current(() => Promise.reject(new Error("Neo4j away")));
    await expect(failing).rejects.toThrow("Neo4j away");
    expect(await clock.current(async () => version(3))).toEqual(version(3));
  });

  it("with its bound of reads under way, has the requests that arrive share the read begun when one ends", async () => {
    const clock = new VersionClock(0, 2);
    const { read, finishes } = controlledReads();
    const first = clock.current(read);
    await nextTurn();
    const second = clock.current(read);
    await nextTurn();
    expect(finishes).toHaveLength(2);

    const waiting = [clock.current(read), clock.current(read)];
    await nextTurn();
    const alsoWaiting = clock.current(read);
    await nextTurn();
    expect(finishes).toHaveLength(2);
    finishes[0]!(version(1));
    expect(await first).toEqual(version(1));
    await nextTurn();
    expect(finishes).toHaveLength(3);
    finishes[2]!(version(3));
    expect(await Promise.all([...waiting, alsoWaiting])).toEqual([version(3), version(3), version(3)]);
    finishes[1]!(version(2));
    expect(await second).toEqual(version(2));
  });

  it("keeps the newest of overlapping reads within the staleness", async () => {
    const clock = new VersionClock(60_000, 4);
    const { read, finishes } = controlledReads();
    const older = clock.current(read);
    await nextTurn();
    await new Promise((resolve) => setTimeout(resolve, 2));
    const newer = clock.current(read);
    await nextTurn();
    finishes[1]!(version(2));
    expect(await newer).toEqual(version(2));
    finishes[0]!(version(1));
    expect(await older).toEqual(version(1));
    expect(await clock.current(read)).toEqual(version(2));
  });

  it("uses a version read within the staleness again, until a write through this process", async () => {
    const clock = new VersionClock(60_000);
    let reads = 0;
    const read = async () => version(++reads);
    await clock.current(read);
    expect(await clock.current(read)).toEqual(version(1));
    clock.wrote();
    expect(await clock.current(read)).toEqual(version(2));
  });

  it("does not keep a version read that began before a write", async () => {
    const clock = new VersionClock(60_000);
    let finish: (v: { version: number; epoch: string }) => void = () => undefined;
    const slow = clock.current(() => new Promise((resolve) => (finish = resolve)));
    await nextTurn();
    clock.wrote();
    finish(version(1));
    expect(await slow).toEqual(version(1));
    expect(await clock.current(async () => version(2))).toEqual(version(2));
  });
});
