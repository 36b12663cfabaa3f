/**
 * Splits `items` into arrays of at most `size`, e.g. to keep a statement's
 * parameters under the database's limit.
 *
 * @internal
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError(`chunk size ${size}: expected >= 1`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}
