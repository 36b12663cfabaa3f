import {
  CheckResult,
  ScorecardLevel,
} from '@paved-road/plugin-scorecard-common';

/** Score and levels of one evaluated entity. @internal */
export interface ScoreSummary {
  score: number;
  level: ScorecardLevel | null;
  nextLevel: ScorecardLevel | null;
}

/**
 * `weights` and `ranks` (level index) are per check, aligned with `results`.
 * Score: weighted share of applicable (not `skipped`) checks that pass
 * (`exempt` counts as passing), 0-100, rounded. Level: the highest level L such that every applicable
 * check of L and of every lower level passes; checks without a level only
 * count towards the score.
 *
 * @internal
 */
export function summarize(
  results: CheckResult[],
  weights: number[],
  ranks: Array<number | undefined>,
  levels: ScorecardLevel[],
): ScoreSummary {
  let total = 0;
  let passing = 0;
  const levelFails = new Array<boolean>(levels.length).fill(false);
  results.forEach((result, i) => {
    if (result.status === 'skipped') return;
    total += weights[i];
    if (result.status === 'pass' || result.status === 'exempt') {
      passing += weights[i];
    } else if (ranks[i] !== undefined) {
      levelFails[ranks[i]!] = true;
    }
  });
  const firstFailing = levelFails.indexOf(true);
  const held = firstFailing === -1 ? levels.length - 1 : firstFailing - 1;
  return {
    score: total === 0 ? 100 : Math.round((passing / total) * 100),
    level: held >= 0 ? levels[held] : null,
    nextLevel: held + 1 < levels.length ? levels[held + 1] : null,
  };
}
