import { CalendarUnit } from './duration';
import { SloWindow } from './types';

const DAY_MS = 86_400_000;

/**
 * Bounds of an OpenSLO file. They keep every SLO computation short: the
 * Timeslices figures look at each slice of the window once per burn-rate
 * window and alert condition, on every page view and scorecard pass.
 */
export const SLO_BOUNDS = {
  /** Longest window: one year (366 days, so a leap year's calendar window fits). */
  maxWindowMs: 366 * DAY_MS,
  maxWindowLabel: '1 year (366d)',
  /** Shortest `timeSliceWindow`. */
  minTimesliceMs: 60_000,
  /** Most timeslices in the SLO window or an alert's lookback window. */
  maxTimeslices: 100_000,
  /** Most SLOs (`kind: SLO` documents) in one file. */
  maxSlosPerFile: 20,
  /** Most burn-rate alert conditions of one SLO. */
  maxAlertConditions: 10,
  /** Largest OpenSLO file, in characters. */
  maxFileChars: 1_000_000,
} as const;

const CALENDAR_MAX_MS: Record<CalendarUnit, number> = {
  d: DAY_MS,
  w: 7 * DAY_MS,
  M: 31 * DAY_MS,
  Q: 92 * DAY_MS,
  Y: 366 * DAY_MS,
};

/** The longest the window can be (a calendar window's longest period). */
export function maxWindowMs(window: SloWindow): number {
  return window.kind === 'rolling'
    ? window.durationMs
    : CALENDAR_MAX_MS[window.unit];
}

/** Number of timeslices of `timesliceMs` in `spanMs` (a partial one counts). */
export function timesliceCount(spanMs: number, timesliceMs: number): number {
  return Math.ceil(spanMs / timesliceMs);
}
