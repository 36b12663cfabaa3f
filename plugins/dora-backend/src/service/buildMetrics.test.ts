import { MetricsFigures } from '../database/types';
import { buildMetrics } from './buildMetrics';

const HOUR = 3600;
const DAY = 24 * HOUR;
const from = Date.parse('2026-03-01T00:00:00Z');
const to = from + 28 * DAY * 1000;

// Four weeks, 40 deployments (10 a week), 2 failed (5%), lead time 2 h,
// incidents restored in 30 min, failed deployments recovered in 3 days.
const figures: MetricsFigures = {
  deployments: 40,
  deploymentDays: 20,
  failedDeployments: 2,
  reworkDeployments: 4,
  leadTime: { samples: 50, median: 2 * HOUR, p90: 5 * HOUR },
  restore: { samples: 3, median: 30 * 60 },
  recovery: { samples: 2, median: 3 * DAY },
};

const build = (
  benchmark: '2021' | '2023' | '2024',
  f: MetricsFigures = figures,
) =>
  buildMetrics({
    figures: f,
    entityRefs: ['component:default/a'],
    from,
    to,
    benchmark,
  });

describe('buildMetrics', () => {
  it('tiers failed deployment recovery time with the 2024 table, not time to restore', () => {
    const m = build('2024');
    expect(m.timeToRestore).toEqual({
      incidents: 3,
      medianSeconds: 1800,
      tier: null,
    });
    expect(m.failedDeploymentRecoveryTime).toEqual({
      incidents: 2,
      medianSeconds: 3 * DAY,
      tier: 'medium',
    });
    expect(m.deploymentFrequency.tier).toBe('elite');
    expect(m.leadTimeForChanges.tier).toBe('elite');
    expect(m.changeFailureRate.tier).toBe('elite');
    // The 30-minute time to restore would be elite: it is not counted.
    expect(m.overallTier).toBe('medium');
    expect(m.benchmark).toBe('2024');
  });

  it('tiers failed deployment recovery time with the 2023 table', () => {
    const m = build('2023', {
      ...figures,
      recovery: { samples: 1, median: 10 * DAY },
    });
    expect(m.timeToRestore.tier).toBeNull();
    expect(m.failedDeploymentRecoveryTime.tier).toBe('low');
    expect(m.overallTier).toBe('low');
  });

  it('keeps time to restore tiered with the 2021 table, as before', () => {
    const m = build('2021');
    expect(m.timeToRestore).toEqual({
      incidents: 3,
      medianSeconds: 1800,
      tier: 'elite',
    });
    expect(m.failedDeploymentRecoveryTime).toEqual({
      incidents: 2,
      medianSeconds: 3 * DAY,
      tier: null,
    });
    // 2021: lead time of 2 h is high (elite is under one hour).
    expect(m.leadTimeForChanges.tier).toBe('high');
    // The 3-day recovery time would be medium: it is not counted.
    expect(m.overallTier).toBe('high');

    const slowRestore = build('2021', {
      ...figures,
      restore: { samples: 1, median: 8 * DAY },
    });
    expect(slowRestore.timeToRestore.tier).toBe('low');
    expect(slowRestore.overallTier).toBe('low');
  });

  it('gives no recovery tier without samples and leaves the other figures alone', () => {
    const none = build('2024', {
      ...figures,
      restore: { samples: 0, median: null },
      recovery: { samples: 0, median: null },
    });
    expect(none.failedDeploymentRecoveryTime.tier).toBeNull();
    expect(none.overallTier).toBe('elite');

    const a = build('2021');
    const b = build('2024');
    for (const m of [a, b]) {
      expect(m.window).toEqual({
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-03-29T00:00:00.000Z',
      });
      expect(m.deploymentFrequency).toMatchObject({
        deployments: 40,
        deploymentDays: 20,
        perWeek: 10,
      });
      expect(m.changeFailureRate.ratio).toBe(0.05);
      expect(m.reworkRate).toEqual({
        deployments: 40,
        reworkDeployments: 4,
        ratio: 0.1,
      });
    }
  });
});
