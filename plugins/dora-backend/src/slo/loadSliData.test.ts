import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { computeSloStatus } from './computeSloStatus';
import { loadSliData } from './loadSliData';
import { IncidentSliData } from './sliData';
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

  it("summarises Prometheus' error for a bad query without the query text", async () => {
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
      new Error(
        "Prometheus rejected the 'good' query (HTTP 400, bad_data); run it in Prometheus to see why",
      ),
    );
  });

  it('times out a Prometheus that never answers, without the query or token in the error', async () => {
    let asked = 0;
    server.use(
      http.get(`${base}/api/v1/query_range`, async () => {
        asked += 1;
        await new Promise(() => {}); // never answers
        return HttpResponse.json(matrix([]));
      }),
    );
    const prometheus = new PrometheusClient({
      baseUrl: base,
      token: 'prom-secret',
      timeoutMs: 300,
    });
    const started = Date.now();

    const error = await loadSliData({
      slo,
      entityRef: 'component:default/api',
      from,
      to: now,
      sources: { incidents: async () => [], prometheus },
    }).then(
      () => new Error('expected a timeout'),
      (e: Error) => e,
    );

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(asked).toBe(2);
    expect(error.message).toMatch(
      /^Prometheus did not answer the '(good|total)' query within 0.3 s; raise 'dora.slo.prometheus.timeout'/,
    );
    expect(error.message).not.toMatch(
      /GOOD|TOTAL|prom-secret|prometheus\.test/,
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

  it("reads only the SLO's own entity, even when the file names another", async () => {
    const requested: string[] = [];
    const load = (entityRef: string) =>
      loadSliData({
        slo: {
          ...slo,
          indicator: {
            kind: 'ratio',
            source: { type: 'incidents', entityRef },
          },
        },
        entityRef: 'component:default/api',
        from,
        to: now,
        sources: {
          incidents: async request => {
            requested.push(request.entityRef);
            return [];
          },
        },
      });

    await expect(load('component:default/ledger')).rejects.toThrow(
      "Invalid 'metricSource.spec.entityRef' 'component:default/ledger': a paved-road-incidents SLI reads only the incidents of the SLO's own entity 'component:default/api'; remove 'entityRef'",
    );
    expect(requested).toEqual([]);
    // The own entity may still be named, in any spelling of its ref.
    await load('Component:default/api');
    await load('api');
    expect(requested).toEqual([
      'component:default/api',
      'component:default/api',
    ]);
  });
});

describe('IncidentSliData', () => {
  it('counts the same downtime as summing every interval, for any range', () => {
    // Deterministic pseudo-random incidents, overlapping and adjacent ones included.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const incidents = Array.from({ length: 200 }, () => {
      const openedAt = rand(100_000);
      return {
        openedAt,
        resolvedAt: rand(5) === 0 ? null : openedAt + rand(2_000),
      };
    });
    const end = 101_000;
    const data = new IncidentSliData(incidents, end);
    // Every millisecond marked down by any incident, then counted per range.
    const down = new Uint8Array(end);
    for (const i of incidents) {
      down.fill(1, i.openedAt, i.resolvedAt ?? end);
    }
    const naive = (a: number, b: number) =>
      down.subarray(a, Math.min(b, end)).reduce((x, y) => x + y, 0);

    for (let k = 0; k < 300; k++) {
      const a = rand(end);
      const b = a + rand(20_000);
      const c = data.counts(a, b);
      expect(c.total).toBe((b - a) / 1000);
      expect(Math.round((c.total - c.good) * 1000)).toBe(naive(a, b));
    }
  });
});
