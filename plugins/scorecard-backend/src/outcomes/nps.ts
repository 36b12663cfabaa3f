import {
  OutcomesNpsFigure,
  OutcomesPulse,
} from '@paved-road/plugin-scorecard-common';
import { PulseScoreCount } from './DatabaseOutcomesStore';

/** `2026-Q4` for any time in October to December 2026 (UTC). @internal */
export function quarterOf(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

/**
 * NPS of score counts: % promoters (9-10) minus % detractors (0-6), rounded
 * to one decimal; `null` without answers (no score from nothing).
 *
 * @internal
 */
export function npsOf(counts: Array<{ score: number; count: number }>) {
  const figure: OutcomesNpsFigure = {
    answers: 0,
    promoters: 0,
    passives: 0,
    detractors: 0,
    nps: null,
  };
  for (const { score, count } of counts) {
    figure.answers += count;
    if (score >= 9) figure.promoters += count;
    else if (score >= 7) figure.passives += count;
    else figure.detractors += count;
  }
  if (figure.answers > 0) {
    const nps = (100 * (figure.promoters - figure.detractors)) / figure.answers;
    figure.nps = Math.round(nps * 10) / 10;
  }
  return figure;
}

function groupBy(
  counts: PulseScoreCount[],
  key: (c: PulseScoreCount) => string,
) {
  const groups = new Map<string, PulseScoreCount[]>();
  for (const c of counts) {
    const k = key(c);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** NPS per template (every quarter) and per quarter (every template). @internal */
export function pulseFigures(counts: PulseScoreCount[]): OutcomesPulse {
  return {
    byTemplate: groupBy(counts, c => c.templateRef).map(
      ([templateRef, list]) => ({ templateRef, ...npsOf(list) }),
    ),
    history: groupBy(counts, c => c.quarter).map(([quarter, list]) => ({
      quarter,
      ...npsOf(list),
    })),
  };
}
