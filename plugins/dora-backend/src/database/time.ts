import { DateTime } from 'luxon';

/*
 * The one place where times cross the database boundary. Every time column
 * is a bigint of epoch milliseconds on every engine: PostgreSQL returns
 * bigints as strings and better-sqlite3 as numbers, so reads go through
 * `readMs`.
 */

/** Parses an ISO 8601 string (offsets honoured, UTC if none). @internal */
export function parseIso(value: string): number | undefined {
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid ? parsed.toMillis() : undefined;
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
