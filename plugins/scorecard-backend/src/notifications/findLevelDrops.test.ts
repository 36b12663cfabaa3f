import {
  CheckResult,
  EntityScorecard,
} from '@paved-road/plugin-scorecard-common';
import { component } from '../__testUtils__/fixtures';
import { findLevelDrops, levelDropKey } from './findLevelDrops';

const levels = [
  { id: 'bronze', title: 'Bronze' },
  { id: 'silver', title: 'Silver' },
  { id: 'gold', title: 'Gold' },
];

const check = (
  id: string,
  level: string | null,
  status: CheckResult['status'],
): CheckResult => ({
  id,
  title: `Check ${id}`,
  category: 'General',
  level,
  status,
  value: null,
  message: '',
  remediation: null,
});

function evaluated(
  name: string,
  level: string | null,
  checks: CheckResult[] = [],
) {
  const scorecard: EntityScorecard = {
    entityRef: `component:default/${name}`,
    evaluatedAt: '2026-12-04T10:00:00.000Z',
    score: 50,
    level: levels.find(l => l.id === level) ?? null,
    nextLevel: null,
    checks,
  };
  return { entity: component(name), scorecard };
}

const stored = (entries: Record<string, string | null>) =>
  new Map(
    Object.entries(entries).map(([name, levelId]) => [
      `component:default/${name}`,
      { levelId, evaluatedAt: 1000 },
    ]),
  );

describe('findLevelDrops', () => {
  it('finds a drop with the failing checks of the lost levels', () => {
    const drops = findLevelDrops(
      [
        evaluated('a', 'bronze', [
          check('owner', 'bronze', 'pass'),
          check('docs', 'silver', 'fail'),
          check('gp', 'gold', 'error'),
          check('extra', null, 'fail'),
        ]),
      ],
      stored({ a: 'gold' }),
      levels,
    );
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({
      entityRef: 'component:default/a',
      from: { id: 'gold' },
      to: { id: 'bronze' },
      previousEvaluatedAt: 1000,
    });
    expect(drops[0].failing.map(c => c.id)).toEqual(['docs', 'gp']);
    expect(levelDropKey(drops[0])).toBe(
      'level-drop|component:default/a|gold|bronze|1000',
    );
  });

  it('counts falling below the first level as a drop', () => {
    const [drop] = findLevelDrops(
      [evaluated('a', null, [check('owner', 'bronze', 'fail')])],
      stored({ a: 'bronze' }),
      levels,
    );
    expect(drop.to).toBeNull();
    expect(levelDropKey(drop)).toBe(
      'level-drop|component:default/a|bronze|-|1000',
    );
  });

  it('ignores first evaluations, rises, equal levels and unknown levels', () => {
    expect(
      findLevelDrops(
        [
          evaluated('new', null),
          evaluated('up', 'gold'),
          evaluated('same', 'silver'),
          evaluated('was-none', null),
          evaluated('renamed', 'bronze'),
        ],
        stored({
          up: 'bronze',
          same: 'silver',
          'was-none': null,
          renamed: 'platinum',
        }),
        levels,
      ),
    ).toEqual([]);
  });
});
