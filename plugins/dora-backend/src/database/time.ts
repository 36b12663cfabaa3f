/*
 * The one place where times cross the database boundary. Every time column
 * is a bigint of epoch milliseconds on every engine: PostgreSQL returns
 * bigints as strings and better-sqlite3 as numbers, so reads go through
 * `readMs`.
 */

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO 8601 date or date-time (offsets honoured, UTC if none) to
 * epoch ms, keeping milliseconds. Hand-written because it runs for every
 * pushed date and a general parser was the ingest bottleneck.
 *
 * @internal
 */
export function parseIso(value: string): number | undefined {
  const m = ISO_8601.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m
    .slice(1, 7)
    .map(v => Number(v ?? 0));
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(utc).getUTCDate() !== day) return undefined;
  const zone = m[8];
  if (!zone || zone === 'Z' || zone === 'z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return utc - sign * offset * 60000;
}

/** Epoch ms to an ISO string in UTC. @internal */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Reads a bigint column (string on PostgreSQL, number on SQLite). @internal */
export function readMs(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Reads a nullable bigint column. @internal */
export function readMsOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : readMs(value);
}
