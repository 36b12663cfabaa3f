const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses an OpenSLO duration shorthand (`5m`, `1h`, `28d`, `4w`) to
 * milliseconds. Calendar units (`M`, `Q`, `Y`) only make sense for calendar
 * windows and are handled by {@link calendarWindowStart}.
 */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const amount = Number(match[1]);
  return amount > 0 ? amount * UNIT_MS[match[2]] : undefined;
}

/** A calendar unit of an OpenSLO calendar time window. */
export type CalendarUnit = 'd' | 'w' | 'M' | 'Q' | 'Y';

/** Parses `1M`, `1Q`, `1Y`, `1w`, `1d` (amount 1 only) for calendar windows. */
export function parseCalendarUnit(value: string): CalendarUnit | undefined {
  const match = /^1([dwMQY])$/.exec(value.trim());
  return match ? (match[1] as CalendarUnit) : undefined;
}

/**
 * Start (UTC) of the calendar period containing `now`: the current day,
 * ISO week (Monday), month, quarter or year.
 */
export function calendarWindowStart(unit: CalendarUnit, now: Date): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  switch (unit) {
    case 'd':
      return new Date(Date.UTC(y, m, d));
    case 'w': {
      const day = (now.getUTCDay() + 6) % 7; // Monday = 0
      return new Date(Date.UTC(y, m, d - day));
    }
    case 'M':
      return new Date(Date.UTC(y, m, 1));
    case 'Q':
      return new Date(Date.UTC(y, m - (m % 3), 1));
    default:
      return new Date(Date.UTC(y, 0, 1));
  }
}
