/** Opaque keyset cursors: the sort key and id of the last row seen, base64url JSON. */
export interface CursorKey {
  key: string | number;
  id: string;
}

export function encodeCursor(cursor: CursorKey): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

export class InvalidCursorError extends Error {}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === "string" || typeof parsed[0] === "number") &&
      typeof parsed[1] === "string"
    ) {
      return { key: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError(`${JSON.stringify(cursor)} is not a cursor returned by this API`);
}
