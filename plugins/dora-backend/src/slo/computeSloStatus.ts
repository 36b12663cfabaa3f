import {
  DoraFiringCondition,
  DoraSloStatus,
} from '@paved-road/plugin-dora-common';
import { calendarWindowStart } from './duration';
import { SliCounts, SliData } from './sliData';
import { SLO_BOUNDS, timesliceCount } from './sloBounds';
import { BurnRateCondition, SloDefinition } from './types';

/** The burn-rate windows reported for every SLO. */
export const BURN_RATE_WINDOWS = {
  '1h': 3_600_000,
  '6h': 21_600_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
} as const;

/** A burn-rate condition that fires. */
export type FiringCondition = DoraFiringCondition;

/** Computed state of one SLO, as served by `GET /api/dora/slos`. */
export type SloStatus = DoraSloStatus;

/** Good/total over [from, to), counted in timeslices for Timeslices SLOs. */
function countsFor(
  slo: SloDefinition,
  data: SliData,
  from: number,
  to: number,
): SliCounts {
  if (slo.budgetingMethod === 'Occurrences' || !slo.timeslice) {
    return data.counts(from, to);
  }
  const { windowMs, target } = slo.timeslice;
  if (timesliceCount(to - from, windowMs) > SLO_BOUNDS.maxTimeslices) {
    // The parser rejects such files; this keeps any other caller bounded too.
    throw new Error(
      `Too many timeslices: at most ${SLO_BOUNDS.maxTimeslices} per window`,
    );
  }
  let good = 0;
  let total = 0;
  for (let start = from; start < to; start += windowMs) {
    const c = data.counts(start, Math.min(start + windowMs, to));
    if (c.total > 0) {
      total += 1;
      if (c.good / c.total >= target) good += 1;
    }
  }
  return { good, total };
}

/** (bad / total) / (1 - target) over the last `windowMs`; null without data. */
function burnRate(
  slo: SloDefinition,
  data: SliData,
  now: number,
  windowMs: number,
): number | null {
  const c = countsFor(slo, data, now - windowMs, now);
  if (c.total <= 0) {
    return null;
  }
  return (c.total - c.good) / c.total / (1 - slo.target);
}

function firing(
  slo: SloDefinition,
  data: SliData,
  now: number,
  c: BurnRateCondition,
): FiringCondition | undefined {
  const long = burnRate(slo, data, now, c.longWindowMs);
  const short = burnRate(slo, data, now, c.shortWindowMs);
  if (
    long === null ||
    short === null ||
    long < c.threshold ||
    short < c.threshold
  ) {
    return undefined;
  }
  return {
    name: c.name,
    severity: c.severity,
    threshold: c.threshold,
    longWindowSeconds: c.longWindowMs / 1000,
    shortWindowSeconds: c.shortWindowMs / 1000,
    longBurnRate: long,
    shortBurnRate: short,
  };
}

/** Start of the SLO's window ending at `now`. */
export function sloWindowStart(slo: SloDefinition, now: Date): number {
  return slo.window.kind === 'rolling'
    ? now.getTime() - slo.window.durationMs
    : calendarWindowStart(slo.window.unit, now).getTime();
}

/**
 * Attainment, error budget, burn rates and multi-window multi-burn-rate
 * status of one SLO at `now`. The window ends at `now`: the last `duration`
 * for a rolling window, since the start of the calendar period otherwise.
 */
export function computeSloStatus(
  slo: SloDefinition,
  data: SliData,
  now: Date,
): SloStatus {
  const end = now.getTime();
  const start = sloWindowStart(slo, now);
  const c = countsFor(slo, data, start, end);
  const burnRates = Object.fromEntries(
    Object.entries(BURN_RATE_WINDOWS).map(([k, ms]) => [
      k,
      burnRate(slo, data, end, ms),
    ]),
  ) as SloStatus['burnRates'];
  const base = {
    name: slo.name,
    displayName: slo.displayName,
    description: slo.description,
    target: slo.target,
    budgetingMethod: slo.budgetingMethod,
    window: {
      label: slo.window.label,
      from: new Date(start).toISOString(),
      to: now.toISOString(),
    },
    burnRates,
  };
  if (c.total <= 0) {
    return {
      ...base,
      attainment: null,
      errorBudget: null,
      status: 'no-data',
      firing: [],
    };
  }
  const total = (1 - slo.target) * c.total;
  const consumed = c.total - c.good;
  const fired = slo.alerts
    .map(a => firing(slo, data, end, a))
    .filter((f): f is FiringCondition => f !== undefined);
  let status: SloStatus['status'] = 'ok';
  if (fired.some(f => f.severity === 'page')) status = 'page';
  else if (fired.length > 0) status = 'ticket';
  return {
    ...base,
    attainment: c.good / c.total,
    errorBudget: {
      unit: slo.budgetingMethod === 'Timeslices' ? 'timeslices' : data.unit,
      total,
      consumed,
      remaining: total - consumed,
      remainingRatio: (total - consumed) / total,
    },
    status,
    firing: fired,
  };
}
