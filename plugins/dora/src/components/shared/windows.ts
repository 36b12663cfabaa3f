/** The windows the user can pick, in days. */
export const DORA_WINDOW_DAYS = [7, 30, 90] as const;

/** One of {@link DORA_WINDOW_DAYS}. */
export type DoraWindowDays = (typeof DORA_WINDOW_DAYS)[number];

/** A half-open time window `[from, to)`. */
export interface DoraWindow {
  from: Date;
  to: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The `days` long window that ends at `now`. */
export function windowEnding(now: Date, days: number): DoraWindow {
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

/** `weeks` consecutive weekly windows, oldest first, the last ending at `now`. */
export function weeklyBuckets(now: Date, weeks: number): DoraWindow[] {
  return Array.from({ length: weeks }, (_, i) => {
    const to = new Date(now.getTime() - (weeks - 1 - i) * 7 * DAY_MS);
    return windowEnding(to, 7);
  });
}

/** A short label of a bucket, its first day: "Nov 3". */
export function bucketLabel(window: DoraWindow): string {
  return window.from.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });
}
