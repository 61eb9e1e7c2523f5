/** JSON with object keys sorted, so that equal answers print equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k] ?? null)]),
    );
  }
  return value === undefined ? null : value;
}

/** Where two canonical answers first differ, as a path and the two values there; null when equal. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found) return found;
    }
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key] ?? null,
        (b as Record<string, unknown>)[key] ?? null,
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path}: ${canonical(a).slice(0, 200)} vs ${canonical(b).slice(0, 200)}`;
}
