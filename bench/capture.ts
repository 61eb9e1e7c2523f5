import neo4j, { type Driver, type ManagedTransaction, type Session } from "neo4j-driver";

/** One Cypher statement as a server sent it, with its parameters. */
export interface CapturedStatement {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * Records every statement a server sends through its driver. Both GraphQL servers get
 * the same wrapper, so round trips are counted the same way for both; the statements
 * themselves are kept only while `capturing` (to PROFILE them afterwards).
 */
export class StatementRecorder {
  count = 0;
  capturing = false;
  captured: CapturedStatement[] = [];

  record(cypher: string, params: unknown): void {
    this.count += 1;
    if (this.capturing) this.captured.push({ cypher, params: (params ?? {}) as Record<string, unknown> });
  }

  start(): void {
    this.captured = [];
    this.capturing = true;
  }

  stop(): CapturedStatement[] {
    this.capturing = false;
    const out = this.captured;
    this.captured = [];
    return out;
  }
}

type Work<T> = (tx: ManagedTransaction) => Promise<T> | T;

function wrapTransaction(tx: ManagedTransaction, recorder: StatementRecorder): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property) {
      if (property === "run") {
        return (cypher: string, params?: Record<string, unknown>) => {
          recorder.record(cypher, params);
          return target.run(cypher, params);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function wrapSession(session: Session, recorder: StatementRecorder): Session {
  return new Proxy(session, {
    get(target, property) {
      if (property === "executeRead" || property === "executeWrite") {
        return <T>(work: Work<T>, config?: unknown) =>
          (target[property] as (w: Work<T>, c?: unknown) => Promise<T>).call(
            target,
            (tx: ManagedTransaction) => work(wrapTransaction(tx, recorder)),
            config,
          );
      }
      if (property === "run") {
        return (cypher: string, params?: Record<string, unknown>, config?: unknown) => {
          recorder.record(cypher, params);
          return (target.run as (q: string, p?: unknown, c?: unknown) => unknown).call(
            target,
            cypher,
            params,
            config,
          );
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The driver, with every session's statements reported to `recorder`. */
export function recordingDriver(driver: Driver, recorder: StatementRecorder): Driver {
  return new Proxy(driver, {
    get(target, property) {
      if (property === "session") {
        return (config?: Parameters<Driver["session"]>[0]) => wrapSession(target.session(config), recorder);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Parameters as JSON that survives a process boundary (Neo4j integers included). */
export function encodeParams(value: unknown): unknown {
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (Array.isArray(value)) return value.map(encodeParams);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeParams(v)]));
  }
  return value;
}

export function decodeParams(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeParams);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === "$int") return neo4j.int(entries[0]![1] as string);
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeParams(v)]));
  }
  return value;
}
