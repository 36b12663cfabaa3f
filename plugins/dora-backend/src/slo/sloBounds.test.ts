import { parseOpenSlo } from './openslo';
import { SloParseError } from './types';

/** One Timeslices SLO over incidents; `extra` is appended to its spec. */
function timeslicesSlo(options: {
  name?: string;
  window: string;
  rolling?: boolean;
  slice: string;
  extra?: string;
}) {
  return `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${options.name ?? 'availability'} }
spec:
  budgetingMethod: Timeslices
  timeWindow: [{ duration: ${options.window}, isRolling: ${
    options.rolling ?? true
  } }]
  objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: ${
    options.slice
  } }]
  indicator:
    metadata: { name: incident-free }
    spec:
      ratioMetric:
        good: { metricSource: { type: paved-road-incidents } }
        total: { metricSource: { type: paved-road-incidents } }
${options.extra ?? ''}`;
}

function parseError(text: string): SloParseError {
  try {
    parseOpenSlo(text);
  } catch (e) {
    if (e instanceof SloParseError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('parseOpenSlo bounds', () => {
  it('rejects a window longer than a year, naming the field and the bound', () => {
    const error = parseError(timeslicesSlo({ window: '3650d', slice: '1s' }));

    expect(error.field).toBe('spec.timeWindow[0].duration');
    expect(error.message).toContain(
      "expected at most 1 year (366d), got '3650d'",
    );
    expect(() =>
      parseOpenSlo(timeslicesSlo({ window: '366d', slice: '10m' })),
    ).not.toThrow();
  });

  it('rejects a timeslice shorter than a minute', () => {
    const error = parseError(timeslicesSlo({ window: '30d', slice: '1s' }));

    expect(error.field).toBe('spec.objectives[0].timeSliceWindow');
    expect(error.message).toContain("expected at least 1m, got '1s'");
  });

  it('rejects more than 100,000 timeslices in a window, calendar windows at their longest', () => {
    const error = parseError(
      timeslicesSlo({ window: '1Y', rolling: false, slice: '5m' }),
    );

    expect(error.field).toBe('spec.objectives[0].timeSliceWindow');
    // A leap year: 366 days of 5-minute slices.
    expect(error.message).toContain(
      'expected at most 100,000 timeslices per window, got 105,408',
    );
    expect(
      parseOpenSlo(
        timeslicesSlo({ window: '1Y', rolling: false, slice: '6m' }),
      )[0].timeslice,
    ).toEqual({ target: 0.95, windowMs: 360_000 });
    // 69 days of 1-minute slices: 99,360.
    expect(() =>
      parseOpenSlo(timeslicesSlo({ window: '69d', slice: '1m' })),
    ).not.toThrow();
    expect(
      parseError(timeslicesSlo({ window: '70d', slice: '1m' })).field,
    ).toBe('spec.objectives[0].timeSliceWindow');
  });

  it('rejects more than 20 SLOs in one file', () => {
    const slo = (i: number) =>
      timeslicesSlo({ name: `slo-${i}`, window: '30d', slice: '5m' });
    const twenty = Array.from({ length: 20 }, (_, i) => slo(i));

    expect(parseOpenSlo(twenty.join('---\n'))).toHaveLength(20);
    const error = parseError([...twenty, slo(20)].join('---\n'));
    expect(error.field).toBe('[20].kind');
    expect(error.message).toContain(
      'expected at most 20 SLOs per file, got 21',
    );
  });

  it('bounds alert lookback windows and the number of alert conditions', () => {
    const policy = (lookback: string, count = 1) => `  alertPolicies:
    - kind: AlertPolicy
      metadata: { name: burn }
      spec:
        conditions:
${Array.from(
  { length: count },
  (_, i) => `          - kind: AlertCondition
            metadata: { name: c${i} }
            spec:
              severity: page
              condition: { kind: burnrate, threshold: 2, lookbackWindow: ${lookback} }
`,
).join('')}`;
    const long = parseError(
      timeslicesSlo({ window: '30d', slice: '5m', extra: policy('1000d') }),
    );
    expect(long.field).toBe(
      'spec.alertPolicies[0].spec.conditions[0].spec.condition.lookbackWindow',
    );
    expect(long.message).toContain(
      "expected at most 1 year (366d), got '1000d'",
    );

    const slices = parseError(
      timeslicesSlo({ window: '30d', slice: '1m', extra: policy('100d') }),
    );
    expect(slices.message).toContain(
      "expected at most 100,000 timeslices, got 144,000 ('100d')",
    );

    const many = parseError(
      timeslicesSlo({ window: '30d', slice: '5m', extra: policy('1h', 11) }),
    );
    expect(many.field).toBe('spec.alertPolicies');
    expect(many.message).toContain(
      'expected at most 10 alert conditions per SLO, got 11',
    );
  });

  it('rejects a file of more than a million characters', () => {
    const text = `${timeslicesSlo({ window: '30d', slice: '5m' })}#${'x'.repeat(
      1_000_000,
    )}\n`;

    expect(parseError(text).message).toMatch(
      /^slo\.yaml: expected at most 1,000,000 characters, got 1,00\d,\d{3}$/,
    );
  });
});
