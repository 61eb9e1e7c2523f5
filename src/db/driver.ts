import neo4j, { type Driver } from "neo4j-driver";

export interface DriverOptions {
  uri: string;
  username: string;
  password: string;
  /** Upper bound for the driver's retries of one managed transaction. */
  maxRetryTimeMs: number;
}

export function createDriver(options: DriverOptions): Driver {
  // An empty password means a server with authentication disabled (the local Neo4j).
  const auth = options.password === "" ? undefined : neo4j.auth.basic(options.username, options.password);
  return neo4j.driver(options.uri, auth, {
    maxTransactionRetryTime: options.maxRetryTimeMs,
    connectionAcquisitionTimeout: 5000,
    connectionTimeout: 5000,
    disableLosslessIntegers: false,
    userAgent: "bali-process-graph",
  });
}
