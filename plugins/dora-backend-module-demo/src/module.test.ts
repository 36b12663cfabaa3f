import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import request from 'supertest';
import { doraModuleDemo } from './module';

const entityRef = 'component:default/payments-api';
const catalog = catalogServiceMock.factory({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments-api', namespace: 'default' },
      spec: { type: 'service', owner: 'group:default/payments' },
    },
  ],
});

async function start(demo: object) {
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      doraModuleDemo,
      catalog,
      mockServices.rootConfig.factory({ data: { dora: { demo } } }),
      // Runs scheduled tasks, initial delay or not, once at start-up.
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  return server;
}

const auth = () => mockCredentials.service.header();

describe('doraModuleDemo in the DORA backend', () => {
  it('fills the store with its generated days once its first sync ran', async () => {
    const server = await start({
      enabled: true,
      entities: [entityRef],
      days: 30,
    });

    const res = await request(server)
      .get('/api/dora/providers')
      .set('Authorization', auth());
    const demo = res.body.items.find((p: { id: string }) => p.id === 'demo');
    expect(demo).toMatchObject({ lastError: null });
    expect(demo.lastFinishedAt).not.toBeNull();
    expect(demo.lastRun.accepted).toBeGreaterThan(0);
    expect(demo.cursors).toEqual([
      expect.objectContaining({ scope: entityRef }),
    ]);

    const metrics = await request(server)
      .get(`/api/dora/metrics?entityRef=${encodeURIComponent(entityRef)}`)
      .set('Authorization', auth());
    expect(metrics.status).toBe(200);
    expect(metrics.body.deploymentFrequency.deployments).toBeGreaterThan(0);

    const evidence = await request(server)
      .get(`/api/dora/deployments?entityRef=${encodeURIComponent(entityRef)}`)
      .set('Authorization', auth());
    expect(evidence.body.items[0].source).toBe('demo');
  }, 60_000);

  it('adds no provider unless enabled', async () => {
    const server = await start({ enabled: false });
    const res = await request(server)
      .get('/api/dora/providers')
      .set('Authorization', auth());
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).not.toContain(
      'demo',
    );
  });

  it('fails at start-up naming the malformed key', async () => {
    await expect(start({ enabled: true, days: 0 })).rejects.toThrow(
      "Invalid config 'dora.demo.days': expected a whole number from 1 to 3650, got 0",
    );
  });
});
