import { ConfigReader } from '@backstage/config';
import { DEFAULT_LINKING } from '../database/linking';
import { readLinkingPolicy } from './linkingConfig';

const read = (dora: object) => readLinkingPolicy(new ConfigReader({ dora }));

describe('readLinkingPolicy', () => {
  it('keeps the round-1 rules without config', () => {
    expect(readLinkingPolicy(new ConfigReader({}))).toEqual(DEFAULT_LINKING);
    expect(read({})).toEqual(DEFAULT_LINKING);
  });

  it('reads rules, lookback and filters', () => {
    expect(
      read({
        linking: {
          rules: ['explicit', 'rollback', 'latest-before'],
          lookback: { days: 7 },
        },
        incidents: {
          exclude: [
            { severity: ['sev4', 'sev5'] },
            { source: 'pagerduty', attribute: 'urgency', values: ['low'] },
          ],
        },
      }),
    ).toEqual({
      rules: ['explicit', 'rollback', 'latest-before'],
      lookbackMs: 7 * 86400000,
      exclude: [
        {
          severity: ['sev4', 'sev5'],
          source: undefined,
          attribute: undefined,
          values: undefined,
        },
        {
          source: 'pagerduty',
          attribute: 'urgency',
          values: ['low'],
          severity: undefined,
        },
      ],
    });
    expect(read({ linking: { lookback: '36h' } }).lookbackMs).toBe(
      36 * 3600000,
    );
  });

  it.each([
    [
      { linking: { rules: ['latest'] } },
      "'dora.linking.rules': unknown rule 'latest'",
    ],
    [
      { linking: { rules: [] } },
      "'dora.linking.rules': expected 1 to 100 values",
    ],
    [
      { linking: { rules: ['explicit', 'explicit'] } },
      "'dora.linking.rules': expected each rule at most once",
    ],
    [
      { linking: { lookback: '10m' } },
      "'dora.linking.lookback': expected a duration of at least one hour",
    ],
    [{ linking: { lookback: 'soon' } }, "'dora.linking.lookback'"],
    [
      { incidents: { exclude: [{}] } },
      "'dora.incidents.exclude[0]': expected at least one of",
    ],
    [
      { incidents: { exclude: [{ severity: ['sev4'] }, { priority: 'P5' }] } },
      "'dora.incidents.exclude[1].priority': unknown key",
    ],
    [
      { incidents: { exclude: [{ values: ['low'], source: 'x' }] } },
      "'dora.incidents.exclude[0].values': expected together with 'attribute'",
    ],
    [
      { incidents: { exclude: [{ severity: 'sev4' }] } },
      "'dora.incidents.exclude[0].severity': expected a list of strings",
    ],
  ])('fails at start-up on %j naming the key', (dora, message) => {
    expect(() => read(dora)).toThrow(message);
  });
});
