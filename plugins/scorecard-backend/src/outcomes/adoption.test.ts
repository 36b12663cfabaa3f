import {
  estimateHistory,
  MAX_ESTIMATED_POINTS,
  ServiceFacts,
} from './adoption';

const service = (
  name: string,
  owner: string,
  golden: boolean,
  scaffoldedAt?: string,
): ServiceFacts => ({
  entityRef: `component:default/${name}`,
  owner: `group:default/${owner}`,
  system: null,
  lifecycle: 'production',
  ...(golden ? { archetype: 'node-service', currentVersion: '1.1.0' } : {}),
  current: golden,
  ...(scaffoldedAt ? { scaffoldedAt: Date.parse(scaffoldedAt) } : {}),
});

// payments is a child of platform.
const teamsOf = (owner: string) =>
  owner === 'group:default/payments'
    ? [owner, 'group:default/platform']
    : [owner];

describe('estimateHistory', () => {
  const services = [
    service('old-a', 'payments', false),
    service('new-b', 'payments', true, '2026-11-20T10:00:00Z'),
    service('new-c', 'checkout', true, '2026-11-27T23:59:00Z'),
  ];

  it('counts a scaffolded service from the end of its day on, the others always, one point a week before `before`', () => {
    const points = estimateHistory(services, teamsOf, {
      from: '2026-11-13',
      before: '2026-12-04',
    });
    const summary = points.map(p => [
      p.day,
      p.rows.map(r => `${r.team}:${r.services}/${r.goldenPath}`),
    ]);
    expect(summary).toEqual([
      // 11-13: before both scaffolded services.
      [
        '2026-11-13',
        ['*:1/0', 'group:default/payments:1/0', 'group:default/platform:1/0'],
      ],
      // 11-20: new-b, scaffolded that day, counts by its end.
      [
        '2026-11-20',
        ['*:2/1', 'group:default/payments:2/1', 'group:default/platform:2/1'],
      ],
      // 11-27: new-c too, scaffolded a minute before midnight.
      [
        '2026-11-27',
        [
          '*:3/2',
          'group:default/checkout:1/1',
          'group:default/payments:2/1',
          'group:default/platform:2/1',
        ],
      ],
    ]);
  });

  it('gives nothing before `from` and at most a quarter of weekly points', () => {
    expect(
      estimateHistory(services, teamsOf, {
        from: '2026-12-04',
        before: '2026-12-04',
      }),
    ).toEqual([]);
    const long = estimateHistory(services, teamsOf, {
      from: '2024-12-04',
      before: '2026-12-04',
    });
    expect(long).toHaveLength(MAX_ESTIMATED_POINTS);
    expect(long[0].day).toBe('2026-09-04');
    expect(long[long.length - 1].day).toBe('2026-11-27');
  });
});
