/** Reads a dot path (`deploymentFrequency.tier`) from a JSON value. @internal */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Any thrown value as an Error. @internal */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
