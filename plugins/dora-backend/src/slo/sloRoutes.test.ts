import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { doraPlugin } from '../plugin';

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

async function start(slo: object = {}) {
  return startTestBackend({
    features: [
      doraPlugin,
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
