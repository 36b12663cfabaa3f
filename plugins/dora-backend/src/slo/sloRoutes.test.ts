import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { doraPlugin } from '../plugin';

const msw = setupServer(
  // supertest talks to the test backend on this machine
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/, () =>
    passthrough(),
  ),
);
registerMswTestHooks(msw);
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const openslo = `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.999 }]
  indicator:
    metadata: { name: incident-free }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: paved-road-incidents } }
        total: { metricSource: { type: paved-road-incidents } }
`;

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

async function start(slo: object = {}, knex?: Knex) {
  return startTestBackend({
    features: [
      doraPlugin,
      ...(knex ? [mockServices.database.factory({ knex })] : []),
      catalogServiceMock.factory({ entities: [entity] }),
      mockServices.rootConfig.factory({
        data: {
          dora: {
            slo: {
              definitions: [{ entityRef: 'component:default/cart', openslo }],
              ...slo,
            },
          },
        },
      }),
    ],
  });
}

describe('GET /api/dora/slos', () => {
  it('computes the SLO from pushed incidents', async () => {
    const { server } = await start();
    const now = Date.now();
    const pushed = await request(server)
      .post('/api/dora/events')
      .set('Authorization', mockCredentials.user.header())
      .send({
        events: [
          {
            kind: 'incident',
            source: 'pager',
            id: 'i1',
            entityRef: 'component:default/cart',
            openedAt: new Date(now - 10 * 86_400_000).toISOString(),
            resolvedAt: new Date(
              now - 10 * 86_400_000 + 1_296_000,
            ).toISOString(),
          },
        ],
      });
    expect(pushed.status).toBe(200);

    const res = await request(server)
      .get('/api/dora/slos?entityRef=component:default/cart')
      .set('Authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    expect(res.body.definitions).toEqual({
      type: 'config',
      location: 'app-config: dora.slo.definitions',
    });
    // 1,296 s of downtime in 30 days: half of the 2,592 s budget of 99.9%
    expect(res.body.slos[0].attainment).toBeCloseTo(1 - 1_296 / 2_592_000, 6);
    expect(res.body.slos[0].errorBudget.consumed).toBeCloseTo(1_296, 0);
    expect(res.body.slos[0].errorBudget.remainingRatio).toBeCloseTo(0.5, 3);
    expect(res.body.slos[0].status).toBe('ok');
  });

  it('needs credentials, an entityRef and a known entity', async () => {
    const { server } = await start();
    const noAuth = await startTestBackend({
      features: [
        doraPlugin,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    expect(
      (
        await request(noAuth.server).get(
          '/api/dora/slos?entityRef=component:default/cart',
        )
      ).status,
    ).toBe(401);
    const missing = await request(server)
      .get('/api/dora/slos')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("Invalid 'entityRef'");
    const unknown = await request(server)
      .get('/api/dora/slos?entityRef=component:default/nope')
      .set('Authorization', mockCredentials.user.header());
    expect(unknown.status).toBe(404);
  });

  it('fails at start-up on a malformed Prometheus URL, naming the key', async () => {
    await expect(
      start({ prometheus: { baseUrl: 'prometheus:9090' } }),
    ).rejects.toThrow("Invalid config 'dora.slo.prometheus.baseUrl'");
  });
});

function file(slos: string[]) {
  return slos.join('---\n');
}

const timeslices = (
  name: string,
  window: string,
  slice: string,
) => `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  budgetingMethod: Timeslices
  timeWindow: [{ duration: ${window}, isRolling: true }]
  objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: ${slice} }]
  indicator:
    metadata: { name: incident-free }
    spec:
      ratioMetric:
        good: { metricSource: { type: paved-road-incidents } }
        total: { metricSource: { type: paved-road-incidents } }
`;

async function getSlos(server: Parameters<typeof request>[0]) {
  const started = Date.now();
  const res = await request(server)
    .get('/api/dora/slos?entityRef=component:default/cart')
    .set('Authorization', mockCredentials.user.header());
  return { res, ms: Date.now() - started };
}

describe('GET /api/dora/slos bounds', () => {
  it('answers a 1 s timeslice over 10 years at once, with an error naming the field and the bound', async () => {
    const { server } = await start({
      definitions: [
        {
          entityRef: 'component:default/cart',
          openslo: timeslices('decade', '3650d', '1s'),
        },
      ],
    });

    const { res, ms } = await getSlos(server);

    expect(ms).toBeLessThan(1_000);
    expect(res.status).toBe(200);
    expect(res.body.slos).toEqual([]);
    expect(res.body.error).toEqual({
      message:
        "line 6: spec.timeWindow[0].duration: expected at most 1 year (366d), got '3650d'",
      field: 'spec.timeWindow[0].duration',
      line: 6,
    });

    const { server: oneYear } = await start({
      definitions: [
        {
          entityRef: 'component:default/cart',
          openslo: timeslices('year', '365d', '1s'),
        },
      ],
    });
    const second = await getSlos(oneYear);
    expect(second.ms).toBeLessThan(1_000);
    expect(second.res.body.error).toMatchObject({
      field: 'spec.objectives[0].timeSliceWindow',
      message: expect.stringContaining("expected at least 1m, got '1s'"),
    });
  });

  it('refuses a file of 21 SLOs', async () => {
    const { server } = await start({
      definitions: [
        {
          entityRef: 'component:default/cart',
          openslo: file(
            Array.from({ length: 21 }, (_, i) =>
              timeslices(`slo-${i}`, '30d', '5m'),
            ),
          ),
        },
      ],
    });

    const { res } = await getSlos(server);

    expect(res.body.slos).toEqual([]);
    expect(res.body.error).toMatchObject({
      field: '[20].kind',
      message: expect.stringContaining(
        'expected at most 20 SLOs per file, got 21',
      ),
    });
  });

  it('gives up on a Prometheus that never answers after the configured timeout, without the query', async () => {
    msw.use(
      http.get('http://prometheus.test:9090/api/v1/query_range', async () => {
        await new Promise(() => {}); // never answers
        return HttpResponse.json({});
      }),
    );
    const latency = `apiVersion: openslo/v1
kind: SLO
metadata: { name: latency }
spec:
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 1d, isRolling: true }]
  objectives: [{ target: 0.99, op: lte, value: 0.3 }]
  indicator:
    metadata: { name: p99 }
    spec:
      thresholdMetric:
        metricSource:
          type: prometheus
          spec: { query: 'histogram_quantile(0.99, secret_team_metric)' }
`;
    const { server } = await start({
      prometheus: {
        baseUrl: 'http://prometheus.test:9090',
        token: 'prom-secret',
        timeout: '1s',
      },
      definitions: [
        {
          entityRef: 'component:default/cart',
          openslo: file([openslo, latency]),
        },
      ],
    });

    const { res, ms } = await getSlos(server);

    expect(ms).toBeGreaterThanOrEqual(1_000);
    expect(ms).toBeLessThan(3_000);
    // The incident SLO is computed regardless (no incident: all good).
    expect(res.body.slos.map((s: { status: string }) => s.status)).toEqual([
      'ok',
      'error',
    ]);
    expect(res.body.slos[1].reason).toBe(
      "Prometheus did not answer the 'query' within 1 s; raise 'dora.slo.prometheus.timeout' or make the query cheaper",
    );
    expect(JSON.stringify(res.body)).not.toMatch(
      /secret_team_metric|prom-secret/,
    );
  });

  it('fails at start-up on a malformed Prometheus timeout, naming the key', async () => {
    await expect(
      start({
        prometheus: {
          baseUrl: 'http://prometheus:9090',
          timeout: '10 seconds',
        },
      }),
    ).rejects.toThrow(
      "Invalid config 'dora.slo.prometheus.timeout': expected a duration like 10s or 1m, got '10 seconds'",
    );
  });

  it.each(databases.eachSupportedId())(
    "never reads another entity's incidents through an SLI's entityRef, on %p",
    async id => {
      const knex = await databases.init(id);
      const nosy = openslo.replace(
        /type: paved-road-incidents/g,
        'type: paved-road-incidents, spec: { entityRef: component:default/ledger }',
      );
      const { server } = await start(
        {
          definitions: [{ entityRef: 'component:default/cart', openslo: nosy }],
        },
        knex,
      );
      const now = Date.now();
      const pushed = await request(server)
        .post('/api/dora/events')
        .set('Authorization', mockCredentials.user.header())
        .send({
          events: [
            {
              kind: 'incident',
              source: 'pager',
              id: 'ledger-1',
              entityRef: 'component:default/ledger',
              openedAt: new Date(now - 86_400_000).toISOString(),
              resolvedAt: new Date(now - 82_800_000).toISOString(),
            },
          ],
        });
      expect(pushed.status).toBe(200);

      const { res } = await getSlos(server);

      expect(res.body.slos).toEqual([
        expect.objectContaining({
          name: 'availability',
          status: 'error',
          reason: expect.stringContaining(
            "a paved-road-incidents SLI reads only the incidents of the SLO's own entity 'component:default/cart'",
          ),
        }),
      ]);
      expect(res.body.slos[0]).not.toHaveProperty('attainment');
    },
  );
});
