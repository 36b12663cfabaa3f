// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { startDoraTestBackend } from '@paved-road/plugin-dora-node/testUtils';
import { doraModuleDemo } from './module';

const entityRef = 'component:default/payments-api';
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/payments' },
  },
];

/** The DORA backend with this module; every task runs once at start-up. */
function start(demo: object) {
  return startDoraTestBackend({
    features: [doraPlugin, doraModuleDemo],
    config: { dora: { demo } },
    entities,
    runTasksOnStartup: true,
  });
}

describe('doraModuleDemo in the DORA backend', () => {
  it('fills the store with its generated days once its first sync ran', async () => {
    const dora = await start({
      enabled: true,
      entities: [entityRef],
      days: 30,
    });

    const demo = await dora.waitForRun('demo');
    expect(demo).toMatchObject({ lastError: null });
    expect(demo.lastRun.accepted).toBeGreaterThan(0);
    expect(demo.cursors).toEqual([
      expect.objectContaining({ scope: entityRef }),
    ]);

    const query = `entityRef=${encodeURIComponent(entityRef)}`;
    const metrics = await dora.get(`/metrics?${query}`);
    expect(metrics.deploymentFrequency.deployments).toBeGreaterThan(0);

    const evidence = await dora.get(`/deployments?${query}`);
    expect(evidence.items[0].source).toBe('demo');
  }, 60_000);

  it('adds no provider unless enabled', async () => {
    const dora = await start({ enabled: false });
    expect(await dora.providerStatus('demo')).toBeUndefined();
  });

  it('fails at start-up naming the malformed key', async () => {
    await expect(start({ enabled: true, days: 0 })).rejects.toThrow(
      "Invalid config 'dora.demo.days': expected a whole number from 1 to 3650, got 0",
    );
  });
});
