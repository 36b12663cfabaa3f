import { Entity } from '@backstage/catalog-model';
import {
  CheckResult,
  ScorecardLevel,
} from '@paved-road/plugin-scorecard-common';
import { EvaluatedEntity } from '../engine/ScorecardEngine';
import { StoredLevel } from './DatabaseNotificationStore';

/** An entity whose new scorecard holds a lower level than its stored one. @internal */
export interface LevelDrop {
  entity: Entity;
  entityRef: string;
  from: ScorecardLevel;
  /** Null: below the first level. */
  to: ScorecardLevel | null;
  /** Epoch ms of the stored evaluation the drop is measured from. */
  previousEvaluatedAt: number;
  /** Failing (or erroring) checks of the lost levels: why it dropped. */
  failing: CheckResult[];
}

/**
 * Compares each new scorecard with the stored one. An entity without a
 * stored scorecard (its first evaluation) never dropped; a level no longer
 * configured cannot be compared and is ignored.
 *
 * @internal
 */
export function findLevelDrops(
  evaluated: EvaluatedEntity[],
  stored: Map<string, StoredLevel>,
  levels: ScorecardLevel[],
): LevelDrop[] {
  const rank = new Map(levels.map((l, i) => [l.id, i]));
  const rankOf = (id: string | null) => (id === null ? -1 : rank.get(id));
  const drops: LevelDrop[] = [];
  for (const { entity, scorecard } of evaluated) {
    const before = stored.get(scorecard.entityRef);
    if (!before || before.levelId === null) continue;
    const from = rankOf(before.levelId);
    const to = rankOf(scorecard.level?.id ?? null);
    if (from === undefined || to === undefined || to >= from) continue;
    const lost = new Set(levels.slice(to + 1, from + 1).map(l => l.id));
    drops.push({
      entity,
      entityRef: scorecard.entityRef,
      from: levels[from],
      to: to === -1 ? null : levels[to],
      previousEvaluatedAt: before.evaluatedAt,
      failing: scorecard.checks.filter(
        c =>
          (c.status === 'fail' || c.status === 'error') &&
          c.level !== null &&
          lost.has(c.level),
      ),
    });
  }
  return drops;
}

/** The key that makes one drop one notification, in every instance. @internal */
export function levelDropKey(drop: LevelDrop): string {
  return [
    'level-drop',
    drop.entityRef,
    drop.from.id,
    drop.to?.id ?? '-',
    drop.previousEvaluatedAt,
  ].join('|');
}
