/** Stored rows examined per overview request at most. @internal */
export const MAX_SCANNED_ROWS = 5000;

const FIRST_BATCH = 50;
const MAX_BATCH = 1000;

/** Options of {@link readVisiblePage}. @internal */
export interface ReadVisiblePageOptions<T extends { entityRef: string }> {
  /** Rows ordered by their key, strictly after `after`, at most `limit`. */
  fetch(after: string | undefined, limit: number): Promise<T[]>;
  /** The refs among `refs` the caller may see. */
  visible(refs: string[]): Promise<Set<string>>;
  after?: string;
  limit: number;
  /** Defaults to {@link MAX_SCANNED_ROWS}. */
  maxScanned?: number;
  /** The paging key of a row; defaults to its `entityRef`. */
  keyOf?: (row: T) => string;
}

/**
 * One page of rows the caller may see, reading stored rows in growing
 * batches until the page is full, the rows run out, or `maxScanned` rows
 * were examined.
 *
 * `next` is the key of the last row on the page, so it only ever names a row
 * the caller sees; it is set only when a further visible row is known to
 * exist, or when the scan budget ran out with a full page. When the budget
 * runs out first, the page ends there (`next: null`): a cursor pointing
 * past hidden rows would reveal their position.
 *
 * @internal
 */
export async function readVisiblePage<T extends { entityRef: string }>(
  options: ReadVisiblePageOptions<T>,
): Promise<{ items: T[]; next: string | null }> {
  const {
    limit,
    maxScanned = MAX_SCANNED_ROWS,
    keyOf = (row: T) => row.entityRef,
  } = options;
  const items: T[] = [];
  let after = options.after;
  let scanned = 0;
  let batch = Math.min(Math.max(limit + 1, FIRST_BATCH), MAX_BATCH);
  while (scanned < maxScanned) {
    const size = Math.min(batch, maxScanned - scanned);
    const rows = await options.fetch(after, size);
    scanned += rows.length;
    const visible = await options.visible(rows.map(r => r.entityRef));
    for (const row of rows) {
      if (!visible.has(row.entityRef)) continue;
      if (items.length === limit) {
        return { items, next: keyOf(items[items.length - 1]) };
      }
      items.push(row);
    }
    if (rows.length < size) return { items, next: null };
    after = keyOf(rows[rows.length - 1]);
    batch = Math.min(batch * 2, MAX_BATCH);
  }
  return {
    items,
    next: items.length === limit ? keyOf(items[items.length - 1]) : null,
  };
}
