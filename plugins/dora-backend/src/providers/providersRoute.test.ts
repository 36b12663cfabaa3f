import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import request from 'supertest';
import { doraPlugin } from '../plugin';

const now = Date.now();

const ciModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'test-ci',
  register(env) {
    env.registerInit({
      deps: { providers: doraProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProvider({
          id: 'test-ci',
          schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
          async sync({ ingest, cursors, countUnmatched }) {
            await ingest([
              {
                kind: 'deployment',
                source: 'test-ci',
                id: 'run-1',
                entityRef: 'component:default/a',
                environment: 'production',
                status: 'success',
                finishedAt: new Date(now - 3_600_000).toISOString(),
              },
            ]);
            await cursors.set('org/a', 'run-1');
            countUnmatched(1);
          },
        });
      },
    });
  },
});

describe('provider runtime in the plugin', () => {
  it('runs a provider on the scheduler and serves its status to callers with credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        ciModule,
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });

    let status: any;
    for (let i = 0; i < 50; i++) {
      const res = await request(server)
        .get('/api/dora/providers')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      status = res.body.items[0];
      if (status.lastFinishedAt) break;
      await new Promise(r => setTimeout(r, 100));
    }

    expect(status).toMatchObject({
      id: 'test-ci',
      lastError: null,
      lastRun: { accepted: 1, updated: 0, unmatched: 1 },
      runs: 1,
      cursors: [{ scope: 'org/a', cursor: 'run-1' }],
    });
    const metrics = await request(server)
      .get('/api/dora/metrics?entityRef=component:default/a')
      .set('Authorization', mockCredentials.user.header());
    expect(metrics.body.deploymentFrequency.deployments).toBe(1);
  });

  it('needs credentials for the status', async () => {
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    expect((await request(server).get('/api/dora/providers')).status).toBe(401);
  });
});
