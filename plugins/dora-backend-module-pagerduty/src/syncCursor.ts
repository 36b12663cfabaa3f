/**
 * Saved progress of one PagerDuty service: every incident created before
 * `until` has been stored, and the oldest one still open at the last read
 * was created at `openSince` (null: none open). The next run re-reads from
 * the earlier of the two, so open incidents are checked until resolved.
 */
export interface SyncCursor {
  until: number;
  openSince: number | null;
}

/** Readable in `GET /api/dora/providers`. */
export function formatCursor(cursor: SyncCursor): string {
  return JSON.stringify({
    until: new Date(cursor.until).toISOString(),
    openSince:
      cursor.openSince === null
        ? null
        : new Date(cursor.openSince).toISOString(),
  });
}

/** `undefined` for a missing or unreadable cursor: start from the lookback. */
export function parseCursor(value: string | undefined): SyncCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as {
      until?: unknown;
      openSince?: unknown;
    };
    const until = Date.parse(String(parsed.until));
    if (Number.isNaN(until)) return undefined;
    const openSince =
      typeof parsed.openSince === 'string' ? Date.parse(parsed.openSince) : NaN;
    return { until, openSince: Number.isNaN(openSince) ? null : openSince };
  } catch {
    return undefined;
  }
}
