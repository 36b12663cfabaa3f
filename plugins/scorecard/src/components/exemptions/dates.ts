const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of `date` in the browser's time zone. @internal */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}`;
}

/**
 * The expiry of a request for the picked day: the end of that day in the
 * browser's time zone, but never later than the configured maximum (less a
 * minute, so it is still within it when it reaches the backend).
 *
 * @internal
 */
export function expiryOf(day: string, maxDurationMs: number, now: Date): Date {
  const [y, m, d] = day.split('-').map(Number);
  const endOfDay = new Date(y, m - 1, d, 23, 59, 59);
  const latest = new Date(now.getTime() + maxDurationMs - 60_000);
  return endOfDay < latest ? endOfDay : latest;
}

/** A date for people: the day, in the browser's locale. @internal */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString();
}
