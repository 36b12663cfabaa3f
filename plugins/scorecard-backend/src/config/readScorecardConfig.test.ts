import { ConfigReader } from '@backstage/config';
import { readScorecardConfig } from './readScorecardConfig';

const check = (extra: Record<string, unknown> = {}) => ({
  id: 'has-owner',
  title: 'Has an owner',
  fact: 'catalog:field:spec.owner',
  operator: 'exists',
  ...extra,
});

const read = (scorecard: unknown, providerIds?: string[]) =>
  readScorecardConfig(new ConfigReader({ scorecard } as any), { providerIds });

describe('readScorecardConfig', () => {
  it('reads levels, checks with defaults, retention and schedule', () => {
    const config = read({
      levels: [{ id: 'bronze', title: 'Bronze' }],
      checks: [check({ level: 'bronze', filter: { kind: ['Component'] } })],
      history: { retentionDays: 30 },
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
    });
    expect(config.levels).toEqual([{ id: 'bronze', title: 'Bronze' }]);
    expect(config.checks[0]).toMatchObject({
      id: 'has-owner',
      category: 'General',
      weight: 1,
      provider: 'catalog',
      factName: 'field:spec.owner',
      level: 'bronze',
    });
    expect(config.retentionDays).toBe(30);
    expect(config.schedule.frequency).toEqual({ minutes: 5 });
  });

  it('defaults to no checks, 90 days of history and a 30 minute pass', () => {
    const config = readScorecardConfig(new ConfigReader({}));
    expect(config.checks).toEqual([]);
    expect(config.retentionDays).toBe(90);
    expect(config.schedule.frequency).toEqual({ minutes: 30 });
  });

  it('names the key path of an unknown operator', () => {
    const checks = [
      check(),
      check({ id: 'b' }),
      check({ id: 'c' }),
      check({ id: 'd', operator: 'like' }),
    ];
    expect(() => read({ checks })).toThrow(
      'scorecard.checks[3].operator: expected one of exists, eq, neq, gt, gte, lt, lte, in, matches, withinDays',
    );
  });

  it.each([
    [check({ fact: 'spec.owner' }), 'scorecard.checks[0].fact: expected'],
    [
      check({ operator: 'gte', value: 'high' }),
      "scorecard.checks[0].value: expected a number for 'gte'",
    ],
    [
      check({ operator: 'in', value: [] }),
      "scorecard.checks[0].value: expected a non-empty list for 'in'",
    ],
    [
      check({ operator: 'matches', value: '(' }),
      'scorecard.checks[0].value: invalid regular expression',
    ],
    [check({ operator: 'eq' }), "scorecard.checks[0].value: required for 'eq'"],
    [
      check({ level: 'gold' }),
      "scorecard.checks[0].level: unknown level 'gold'",
    ],
    [check({ filter: { team: ['a'] } }), 'scorecard.checks[0].filter'],
    [
      check({ remediation: { url: 'not a url' } }),
      'scorecard.checks[0].remediation.url',
    ],
    [check({ weight: 0 }), 'scorecard.checks[0].weight'],
  ])('rejects %j naming the key', (bad, message) => {
    expect(() => read({ checks: [bad] })).toThrow(message);
  });

  it('rejects duplicate check ids', () => {
    expect(() => read({ checks: [check(), check()] })).toThrow(
      "scorecard.checks[1].id: duplicate check id 'has-owner'",
    );
  });

  it('rejects a fact of a provider that is not installed', () => {
    expect(() =>
      read({ checks: [check({ fact: 'sonar:coverage' })] }, ['catalog']),
    ).toThrow(
      "scorecard.checks[0].fact: no fact provider 'sonar' is installed, expected one of catalog",
    );
  });

  it('rejects a malformed schedule naming the key', () => {
    expect(() => read({ schedule: { frequency: 'often' } })).toThrow(
      'scorecard.schedule',
    );
  });
});

describe('readScorecardConfig exemptions', () => {
  it('defaults to 90 days and no auto-approval', () => {
    expect(read({}).exemptions).toEqual({
      maxDurationMs: 90 * 86_400_000,
      autoApprove: false,
    });
  });

  it.each([
    ['30d', 30 * 86_400_000],
    ['P2W', 14 * 86_400_000],
    [{ days: 1, hours: 12 }, 36 * 3_600_000],
  ])('reads maxDuration %p', (maxDuration, ms) => {
    expect(
      read({ exemptions: { maxDuration, autoApprove: true } }).exemptions,
    ).toEqual({ maxDurationMs: ms, autoApprove: true });
  });

  it.each([
    [{ maxDuration: 'forever' }, 'scorecard.exemptions.maxDuration'],
    [
      { maxDuration: { days: 0 } },
      'scorecard.exemptions.maxDuration: expected a positive duration',
    ],
    [{ maxDuration: { fortnights: 2 } }, 'scorecard.exemptions.maxDuration'],
    [
      { autoApprove: 'sometimes' },
      'scorecard.exemptions.autoApprove: expected true or false',
    ],
  ])('rejects %p naming the key', (exemptions, message) => {
    expect(() => read({ exemptions })).toThrow(
      `Invalid scorecard configuration: ${message}`,
    );
  });
});
