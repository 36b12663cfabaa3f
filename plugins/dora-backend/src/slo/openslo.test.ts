import { parseOpenSlo } from './openslo';
import { SloParseError } from './types';

const incidentsSlo = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: payments-availability
  displayName: Payments availability
spec:
  service: payments
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  objectives:
    - target: 0.999
  indicatorRef: incident-free
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: incident-free
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        type: paved-road-incidents
        spec:
          severities: [sev1, sev2]
    total:
      metricSource:
        type: paved-road-incidents
`;

describe('parseOpenSlo', () => {
  it('reads an SLO with a referenced SLI and default burn-rate alerts', () => {
    const [slo] = parseOpenSlo(incidentsSlo);
    expect(slo).toMatchObject({
      name: 'payments-availability',
      displayName: 'Payments availability',
      target: 0.999,
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 28 * 86_400_000, label: '28d' },
      indicator: {
        kind: 'ratio',
        source: { type: 'incidents', severities: ['sev1', 'sev2'] },
      },
    });
    expect(slo.alerts.map(a => [a.severity, a.threshold])).toEqual([
      ['page', 14.4],
      ['page', 6],
      ['ticket', 3],
      ['ticket', 1],
    ]);
  });

  it('reads inline Prometheus ratio and threshold indicators, timeslices and alert policies', () => {
    const slos = parseOpenSlo(`apiVersion: openslo/v1
kind: SLO
metadata: { name: api-errors }
spec:
  budgetingMethod: Timeslices
  timeWindow: [{ duration: 1M, isRolling: false, calendar: { startTime: '2026-01-01 00:00:00', timeZone: UTC } }]
  objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 1m }]
  indicator:
    metadata: { name: api-errors }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: prometheus, spec: { query: 'sum(increase(http_errors_total[1m]))', step: 1m } } }
        total: { metricSource: { type: prometheus, spec: { query: 'sum(increase(http_requests_total[1m]))', step: 1m } } }
  alertPolicies:
    - alertPolicyRef: fast-burn
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: fast-burn }
spec:
  conditions:
    - conditionRef: burn-2x
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: { name: burn-2x }
spec:
  severity: ticket
  condition: { kind: burnrate, op: gte, threshold: 2, lookbackWindow: 12h, alertAfter: 1h }
`);
    expect(slos[0]).toMatchObject({
      window: { kind: 'calendar', unit: 'M' },
      timeslice: { target: 0.95, windowMs: 60_000 },
      indicator: {
        kind: 'ratio',
        source: {
          type: 'prometheus',
          bad: 'sum(increase(http_errors_total[1m]))',
          total: 'sum(increase(http_requests_total[1m]))',
          stepMs: 60_000,
        },
      },
      alerts: [
        {
          name: 'burn-2x',
          severity: 'ticket',
          threshold: 2,
          longWindowMs: 43_200_000,
          shortWindowMs: 3_600_000,
        },
      ],
    });
  });

  it.each([
    [
      'target out of range',
      incidentsSlo.replace('target: 0.999', 'target: 99.9'),
      13,
      'spec.objectives[0].target: expected a number between 0 and 1',
    ],
    [
      'unknown budgeting method',
      incidentsSlo.replace('Occurrences', 'Events'),
      8,
      "spec.budgetingMethod: expected Occurrences or Timeslices, got 'Events'",
    ],
    [
      'bad duration',
      incidentsSlo.replace('28d', 'a month'),
      10,
      "spec.timeWindow[0].duration: expected a duration like 5m, 1h or 28d, got 'a month'",
    ],
    [
      'missing SLI',
      incidentsSlo.replace('indicatorRef: incident-free', 'indicatorRef: nope'),
      14,
      "spec.indicatorRef: no SLI named 'nope' in this file",
    ],
    [
      'unknown metric source',
      incidentsSlo.replace('type: paved-road-incidents', 'type: datadog'),
      25,
      "expected 'paved-road-incidents' or 'prometheus', got 'datadog'",
    ],
  ])('names the field and line: %s', (_name, text, line, message) => {
    let error: unknown;
    try {
      parseOpenSlo(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SloParseError);
    expect((error as SloParseError).line).toBe(line);
    expect((error as Error).message).toContain(message);
  });

  it('reports invalid YAML with its line', () => {
    expect(() => parseOpenSlo('apiVersion: openslo/v1\nkind: [SLO\n')).toThrow(
      /invalid YAML/,
    );
  });

  it('rejects a file of another apiVersion', () => {
    expect(() =>
      parseOpenSlo(incidentsSlo.replace(/openslo\/v1/g, 'openslo/v2alpha')),
    ).toThrow("apiVersion: expected 'openslo/v1'");
  });
});
