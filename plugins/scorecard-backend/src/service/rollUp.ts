import { ScorecardOwnerRollup } from '@paved-road/plugin-scorecard-common';

/**
 * Per owner: number of entities, average score and entities per level
 * (`none` below the first level), owners by name.
 *
 * @internal
 */
export function rollUp(
  rows: Array<{ owner: string | null; levelId: string | null; score: number }>,
): ScorecardOwnerRollup[] {
  const byOwner = new Map<
    string | null,
    { total: number; scoreSum: number; levels: Record<string, number> }
  >();
  for (const row of rows) {
    const entry = byOwner.get(row.owner) ?? {
      total: 0,
      scoreSum: 0,
      levels: {},
    };
    entry.total += 1;
    entry.scoreSum += row.score;
    const key = row.levelId ?? 'none';
    entry.levels[key] = (entry.levels[key] ?? 0) + 1;
    byOwner.set(row.owner, entry);
  }
  return [...byOwner]
    .map(([owner, e]) => ({
      owner,
      total: e.total,
      averageScore: Math.round(e.scoreSum / e.total),
      levels: e.levels,
    }))
    .sort((a, b) => (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff'));
}
