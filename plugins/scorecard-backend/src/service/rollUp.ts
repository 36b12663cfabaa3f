import { ScorecardOwnerRollup } from '@paved-road/plugin-scorecard-common';

/**
 * Per owner: number of entities, average score and entities per level
 * (`none` below the first level), owners by name. An entity counts for every
 * team `teamsOf` returns for its owner (the owner and its ancestor groups),
 * so a group's row includes its child groups' entities.
 *
 * @internal
 */
export function rollUp(
  rows: Array<{ owner: string | null; levelId: string | null; score: number }>,
  teamsOf: (owner: string) => string[] = owner => [owner],
): ScorecardOwnerRollup[] {
  const byOwner = new Map<
    string | null,
    { total: number; scoreSum: number; levels: Record<string, number> }
  >();
  for (const row of rows) {
    for (const owner of row.owner ? teamsOf(row.owner) : [null]) {
      const entry = byOwner.get(owner) ?? {
        total: 0,
        scoreSum: 0,
        levels: {},
      };
      entry.total += 1;
      entry.scoreSum += row.score;
      const key = row.levelId ?? 'none';
      entry.levels[key] = (entry.levels[key] ?? 0) + 1;
      byOwner.set(owner, entry);
    }
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
