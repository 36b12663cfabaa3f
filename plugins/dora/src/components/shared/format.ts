/** Shown instead of a figure that has no samples (never 0). */
export const NO_DATA = 'no data';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function trim(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
}

/** A duration in seconds as "42 s", "12 min", "3.5 h" or "2 d". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NO_DATA;
  if (seconds < MINUTE) return `${trim(seconds)} s`;
  if (seconds < HOUR) return `${trim(seconds / MINUTE)} min`;
  if (seconds < DAY) return `${trim(seconds / HOUR)} h`;
  return `${trim(seconds / DAY)} d`;
}

/** A window length in seconds as "5m", "1h", "3d" (burn-rate windows). */
export function formatWindow(seconds: number): string {
  if (seconds % DAY === 0) return `${seconds / DAY}d`;
  if (seconds % HOUR === 0) return `${seconds / HOUR}h`;
  if (seconds % MINUTE === 0) return `${seconds / MINUTE}m`;
  return `${seconds}s`;
}

/** A ratio (0..1) as a percentage, "12.5%". */
export function formatPercent(ratio: number | null, digits = 1): string {
  if (ratio === null) return NO_DATA;
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** A rate, at most one decimal: "4.2", "12". */
export function formatRate(value: number): string {
  return Number.isInteger(value) ? `${value}` : value.toFixed(1);
}

/** "1 deployment", "3 deployments". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A timestamp in the user's locale, to the minute. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}
