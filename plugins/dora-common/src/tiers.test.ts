import { DORA_BENCHMARKS, DoraBenchmark, DoraTier, doraTiers } from './tiers';

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const SIX_MONTHS = 182.5 * DAY;
const DAILY = 7;
const MONTHLY = 7 / 30;
const HALF_YEARLY = 7 / 182.5;
const E = 1e-6;

type Row = [DoraBenchmark, number, DoraTier];

// Each cut point just below, at and just above, written out by hand from
// the published tables (see tiers.ts) rather than read back from them.
describe('doraTiers cut points', () => {
  it.each<Row>([
    ['2021', DAILY + E, 'elite'],
    ['2021', DAILY, 'elite'],
    ['2021', DAILY - E, 'high'],
    ['2021', 1, 'high'], // the gap between daily and weekly
    ['2021', MONTHLY + E, 'high'],
    ['2021', MONTHLY, 'high'],
    ['2021', MONTHLY - E, 'medium'],
    ['2021', HALF_YEARLY + E, 'medium'],
    ['2021', HALF_YEARLY, 'medium'],
    ['2021', HALF_YEARLY - E, 'low'],
    ['2021', 0, 'low'],
    ['2023', DAILY + E, 'elite'],
    ['2023', DAILY, 'elite'],
    ['2023', DAILY - E, 'high'],
    ['2023', 1 + E, 'high'],
    ['2023', 1, 'high'],
    ['2023', 1 - E, 'medium'],
    ['2023', MONTHLY + E, 'medium'],
    ['2023', MONTHLY, 'medium'],
    ['2023', MONTHLY - E, 'low'],
    ['2023', 0, 'low'],
    ['2024', DAILY + E, 'elite'],
    ['2024', DAILY, 'elite'],
    ['2024', DAILY - E, 'high'],
    ['2024', 1 + E, 'high'],
    ['2024', 1, 'high'],
    ['2024', 1 - E, 'medium'],
    ['2024', MONTHLY + E, 'medium'],
    ['2024', MONTHLY, 'medium'],
    ['2024', MONTHLY - E, 'low'],
    ['2024', HALF_YEARLY - E, 'low'],
    ['2024', 0, 'low'],
  ])('deployment frequency %s, %f per week: %s', (benchmark, perWeek, tier) => {
    expect(doraTiers.deploymentFrequency(benchmark, perWeek)).toBe(tier);
  });

  it.each<Row>([
    ['2021', HOUR - 1, 'elite'],
    ['2021', HOUR, 'high'],
    ['2021', HOUR + 1, 'high'],
    ['2021', DAY, 'high'], // the gap between one hour and one day
    ['2021', WEEK - 1, 'high'],
    ['2021', WEEK, 'medium'],
    ['2021', WEEK + 1, 'medium'],
    ['2021', MONTH, 'medium'], // the gap between one week and one month
    ['2021', SIX_MONTHS - 1, 'medium'],
    ['2021', SIX_MONTHS, 'low'],
    ['2021', SIX_MONTHS + 1, 'low'],
    ['2023', DAY - 1, 'elite'],
    ['2023', DAY, 'high'],
    ['2023', DAY + 1, 'high'],
    ['2023', WEEK - 1, 'high'],
    ['2023', WEEK, 'medium'],
    ['2023', WEEK + 1, 'medium'],
    ['2023', MONTH - 1, 'medium'],
    ['2023', MONTH, 'low'],
    ['2023', MONTH + 1, 'low'],
    ['2024', DAY - 1, 'elite'],
    ['2024', DAY, 'high'],
    ['2024', DAY + 1, 'high'],
    ['2024', WEEK - 1, 'high'],
    ['2024', WEEK, 'medium'],
    ['2024', WEEK + 1, 'medium'],
    ['2024', MONTH - 1, 'medium'],
    ['2024', MONTH, 'low'],
    ['2024', MONTH + 1, 'low'],
  ])('lead time %s, %d s: %s', (benchmark, seconds, tier) => {
    expect(doraTiers.leadTime(benchmark, seconds)).toBe(tier);
  });

  it.each<Row>([
    ['2021', 0, 'elite'],
    ['2021', 0.15, 'elite'],
    ['2021', 0.15 + E, 'high'],
    ['2021', 0.3, 'high'],
    ['2021', 0.3 + E, 'low'], // medium is never given: all share 16%-30%
    ['2023', 0.05, 'elite'],
    ['2023', 0.05 + E, 'high'],
    ['2023', 0.1, 'high'],
    ['2023', 0.1 + E, 'medium'],
    ['2023', 0.15, 'medium'],
    ['2023', 0.15 + E, 'low'],
    ['2023', 0.64, 'low'],
    ['2024', 0.05, 'elite'],
    ['2024', 0.05 + E, 'high'],
    ['2024', 0.1, 'high'], // medium's published 10% is better than high's 20%
    ['2024', 0.2, 'high'],
    ['2024', 0.2 + E, 'medium'],
    ['2024', 0.4 - E, 'medium'],
    ['2024', 0.4, 'low'],
    ['2024', 0.4 + E, 'low'],
  ])('change failure rate %s, %f: %s', (benchmark, ratio, tier) => {
    expect(doraTiers.changeFailure(benchmark, ratio)).toBe(tier);
  });

  // 2021 tiers time to restore; 2023 and 2024 failed deployment recovery.
  it.each<[DoraBenchmark, 'timeToRestore' | 'failedDeploymentRecovery']>([
    ['2021', 'timeToRestore'],
    ['2023', 'failedDeploymentRecovery'],
    ['2024', 'failedDeploymentRecovery'],
  ])('recovery %s is tiered on %s', (benchmark, tiered) => {
    const rows: Array<[number, DoraTier]> = [
      [HOUR - 1, 'elite'],
      [HOUR, 'high'],
      [HOUR + 1, 'high'],
      [DAY - 1, 'high'],
      [DAY, 'medium'],
      [DAY + 1, 'medium'],
      [WEEK - 1, 'medium'],
      [WEEK, 'low'],
      [WEEK + 1, 'low'],
      [MONTH, 'low'], // 2021: gap up to six months; 2023: gap up to a month
    ];
    const other =
      tiered === 'timeToRestore' ? 'failedDeploymentRecovery' : 'timeToRestore';
    for (const [seconds, tier] of rows) {
      expect([seconds, doraTiers[tiered](benchmark, seconds)]).toEqual([
        seconds,
        tier,
      ]);
      expect(doraTiers[other](benchmark, seconds)).toBeNull();
    }
    expect(doraTiers[tiered](benchmark, null)).toBeNull();
  });
});

describe('DORA_BENCHMARKS', () => {
  it('names the recovery metric of each table and links each report', () => {
    expect(
      Object.fromEntries(
        Object.entries(DORA_BENCHMARKS).map(([b, t]) => [
          b,
          [t.recoveryMetric, t.sourceUrl],
        ]),
      ),
    ).toEqual({
      '2021': [
        'timeToRestore',
        'https://dora.dev/research/2021/dora-report/2021-dora-accelerate-state-of-devops-report.pdf#page=9',
      ],
      '2023': [
        'failedDeploymentRecoveryTime',
        'https://dora.dev/research/2023/dora-report/2023-dora-accelerate-state-of-devops-report.pdf',
      ],
      '2024': [
        'failedDeploymentRecoveryTime',
        'https://dora.dev/research/2024/dora-report/2024-dora-accelerate-state-of-devops-report.pdf#page=13',
      ],
    });
  });
});

describe('doraTiers', () => {
  it('gives null without samples and the worst known tier overall', () => {
    expect(doraTiers.leadTime('2024', null)).toBeNull();
    expect(doraTiers.changeFailure('2024', null)).toBeNull();
    expect(doraTiers.overall([null, 'elite', 'medium', 'high'])).toBe('medium');
    expect(doraTiers.overall(['elite', 'low'])).toBe('low');
    expect(doraTiers.overall([null, null])).toBeNull();
  });
});
