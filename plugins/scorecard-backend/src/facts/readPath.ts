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

/**
 * Spreads a bulk answer over the requested refs (matched case-insensitively,
 * as the DORA backend answers in lower case): each ref gets its item, or a
 * "not found" error, or the whole call's error.
 *
 * @internal
 */
export async function perEntity<T extends { entityRef: string }>(
  refs: string[],
  load: () => Promise<{ items: T[]; notFound: string[] }>,
  facts: (item: T) => Record<string, unknown> | Error,
): Promise<Map<string, Record<string, unknown> | Error>> {
  try {
    const { items } = await load();
    const byRef = new Map(
      items.map(i => [i.entityRef.toLocaleLowerCase('en-US'), i]),
    );
    return new Map(
      refs.map(ref => {
        const item = byRef.get(ref.toLocaleLowerCase('en-US'));
        if (!item) return [ref, new Error(`No entity '${ref}' in the catalog`)];
        try {
          return [ref, facts(item)];
        } catch (e) {
          return [ref, toError(e)];
        }
      }),
    );
  } catch (e) {
    const error = toError(e);
    return new Map(refs.map(ref => [ref, error]));
  }
}
