import { createHash, timingSafeEqual } from "node:crypto";

/** A configured API key: its name (recorded in the audit trail) and the SHA-256 of its secret. */
export interface ApiKey {
  name: string;
  digest: Buffer;
}

const digest = (secret: string) => createHash("sha256").update(secret, "utf8").digest();

export const MIN_SECRET_LENGTH = 16;

/**
 * Parses API_KEYS: "name:secret" pairs separated by commas. Throws a message naming the
 * offending entry by position and name, never by secret.
 */
export function parseApiKeys(value: string): ApiKey[] {
  if (value.trim() === "") return [];
  const keys: ApiKey[] = [];
  value.split(",").forEach((entry, index) => {
    const colon = entry.indexOf(":");
    const name = colon < 0 ? "" : entry.slice(0, colon).trim();
    const secret = colon < 0 ? "" : entry.slice(colon + 1).trim();
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(name)) {
      throw new Error(
        `entry ${index + 1} must be "name:secret" with a name of letters, digits, ".", "_" or "-"`,
      );
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`the secret of key "${name}" must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    if (keys.some((k) => k.name === name)) throw new Error(`key name "${name}" is given twice`);
    keys.push({ name, digest: digest(secret) });
  });
  return keys;
}

/**
 * The name of the key whose secret the bearer token is, or null. Compares fixed-length
 * digests in constant time against every key, so timing tells nothing about a secret.
 */
export function authenticate(authorization: string | undefined, keys: readonly ApiKey[]): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return null;
  const presented = digest(match[1]!);
  let found: string | null = null;
  for (const key of keys) {
    if (timingSafeEqual(presented, key.digest) && found === null) found = key.name;
  }
  return found;
}
