import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { computeSloStatus } from './computeSloStatus';
import { loadSliData } from './loadSliData';
import { DEFAULT_BURN_RATE_CONDITIONS } from './opensloAlerts';
import { PrometheusClient } from './PrometheusClient';
import { SloDefinition } from './types';

const server = setupServer();
registerMswTestHooks(server);

const now = new Date('2026-11-30T00:00:00Z');
const from = new Date(now.getTime() - 3 * 60_000);
const base = 'http://prometheus.test:9090';

// Documented shape of a range query answer:
// https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
function matrix(series: Array<Array<[number, string]>>) {
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: series.map((values, i) => ({
        metric: { __name__: 'http_requests_total', instance: `web-${i}` },
        values,
      })),
    },
  };
}

const ts = (i: number) => from.getTime() / 1000 + i * 60;

const slo: SloDefinition = {
  name: 'api-availability',
  displayName: 'API availability',
  target: 0.99,
  window: { kind: 'rolling', durationMs: 3 * 60_000, label: '3m' },
  budgetingMethod: 'Occurrences',
  indicator: {
    kind: 'ratio',
    source: {
      type: 'prometheus',
      good: 'GOOD',
      total: 'TOTAL',
      stepMs: 60_000,
    },
  },
  alerts: DEFAULT_BURN_RATE_CONDITIONS,
};

describe('loadSliData from Prometheus', () => {
  it('sums the series of good and total range queries per step', async () => {
    const seen: URL[] = [];
    server.use(
      http.get(`${base}/api/v1/query_range`, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url);
        expect(request.headers.get('authorization')).toBe('Bearer prom-token');
        return HttpResponse.json(
          url.searchParams.get('query') === 'TOTAL'
            ? matrix([
                [
                  [ts(0), '60'],
                  [ts(1), '60'],
                  [ts(2), '60'],
                ],
                [
                  [ts(0), '40'],
                  [ts(1), '40'],
                  [ts(2), '40'],
                ],
              ])
            : matrix([
                [
                  [ts(0), '100'],
                  [ts(1), '90'],
                  [ts(2), '100'],
                ],
              ]),
        );
      }),
    );
    const prometheus = new PrometheusClient({
      baseUrl: `${base}/`,
      token: 'prom-token',
    });

    const data = await loadSliData({
      slo,
      entityRef: 'component:default/api',
      from,
      to: now,
      sources: { incidents: async () => [], prometheus },
    });

    expect(seen.map(u => u.searchParams.get('query')).sort()).toEqual([
      'GOOD',
      'TOTAL',
    ]);
    expect(seen[0].searchParams.get('start')).toBe(
      String(from.getTime() / 1000),
    );
    expect(seen[0].searchParams.get('end')).toBe(String(now.getTime() / 1000));
    expect(seen[0].searchParams.get('step')).toBe('60s');
    const status = computeSloStatus(slo, data, now);
    expect(status.attainment).toBeCloseTo(290 / 300, 12);
    expect(status.errorBudget?.consumed).toBe(10);
  });

  it('fails with the reason when Prometheus is down', async () => {
    server.use(
      http.get(
        `${base}/api/v1/query_range`,
        () => new HttpResponse('upstream down', { status: 503 }),
      ),
    );
    const prometheus = new PrometheusClient({ baseUrl: base });

    await expect(
      loadSliData({
        slo,
        entityRef: 'component:default/api',
        from,
        to: now,
        sources: { incidents: async () => [], prometheus },
      }),
    ).rejects.toThrow(/503/);
  });

  it("reports Prometheus' own error for a bad query", async () => {
    server.use(
      http.get(`${base}/api/v1/query_range`, () =>
        HttpResponse.json(
          {
            status: 'error',
            errorType: 'bad_data',
            error: 'parse error at char 5',
          },
          { status: 400 },
        ),
      ),
    );
    const prometheus = new PrometheusClient({ baseUrl: base });

    await expect(
      loadSliData({
        slo,
        entityRef: 'component:default/api',
        from,
        to: now,
        sources: { incidents: async () => [], prometheus },
      }),
    ).rejects.toThrow(
      "Prometheus rejected the query 'GOOD': bad_data: parse error at char 5",
    );
  });

  it('counts threshold samples as good when they meet the objective', async () => {
    server.use(
      http.get(`${base}/api/v1/query_range`, () =>
        HttpResponse.json(
          matrix([
            [
              [ts(0), '0.120'],
              [ts(1), '0.450'],
              [ts(2), '0.200'],
            ],
          ]),
        ),
      ),
    );
    const latency: SloDefinition = {
      ...slo,
      indicator: {
        kind: 'threshold',
        source: { type: 'prometheus', query: 'p99_latency', stepMs: 60_000 },
        objective: { op: 'lte', value: 0.2 },
      },
    };
    const data = await loadSliData({
      slo: latency,
      entityRef: 'component:default/api',
      from,
      to: now,
      sources: {
        incidents: async () => [],
        prometheus: new PrometheusClient({ baseUrl: base }),
      },
    });

    expect(computeSloStatus(latency, data, now).attainment).toBeCloseTo(
      2 / 3,
      12,
    );
  });
});

describe('loadSliData from incidents', () => {
  it('counts only the configured severities as downtime', async () => {
    const incidentsSlo: SloDefinition = {
      ...slo,
      window: { kind: 'rolling', durationMs: 86_400_000, label: '1d' },
      indicator: { kind: 'ratio', source: { type: 'incidents' } },
    };
    const requested: string[] = [];
    const data = await loadSliData({
      slo: incidentsSlo,
      entityRef: 'component:default/api',
      from: new Date(now.getTime() - 86_400_000),
      to: now,
      defaultSeverities: ['sev1'],
      sources: {
        incidents: async ({ entityRef }) => {
          requested.push(entityRef);
          return [
            {
              openedAt: now.getTime() - 7_200_000,
              resolvedAt: now.getTime() - 3_600_000,
              severity: 'sev1',
            },
            {
              openedAt: now.getTime() - 3_600_000,
              resolvedAt: null,
              severity: 'sev3',
            },
          ];
        },
      },
    });

    expect(requested).toEqual(['component:default/api']);
    expect(
      computeSloStatus(incidentsSlo, data, now).errorBudget?.consumed,
    ).toBe(3_600);
  });
});
