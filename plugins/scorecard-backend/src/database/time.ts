/*
 * The one place where times cross the database boundary: every time column
 * is a bigint of epoch milliseconds on every engine. PostgreSQL returns
 * bigints as strings and better-sqlite3 as numbers, so reads go through
 * `readMs`; writes go through `writeMs`.
 */

/** A Date to the stored epoch ms. @internal */
export function writeMs(date: Date): number {
  return date.getTime();
}

/** A stored bigint (string on PostgreSQL, number on SQLite) to epoch ms. @internal */
export function readMs(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A stored bigint to an ISO 8601 string. @internal */
export function readIso(value: string | number): string {
  return new Date(readMs(value)).toISOString();
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
