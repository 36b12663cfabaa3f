import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import { AuthenticationError, InputError } from '@backstage/errors';
import { createHmac, timingSafeEqual } from 'node:crypto';
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
        // Reads answer only for entities in the catalog.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'a', namespace: 'default' },
              spec: { type: 'service', owner: 'group:default/team' },
            },
          ],
        }),
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

describe('provider webhooks', () => {
  const secret = 'shh';
  const signedModule = createBackendModule({
    pluginId: 'dora',
    moduleId: 'signed',
    register(env) {
      env.registerInit({
        deps: { providers: doraProvidersExtensionPoint },
        async init({ providers }) {
          providers.addProvider({
            id: 'signed',
            webhook: {
              async handle({ headers, rawBody }, { ingest, countUnmatched }) {
                const expected = createHmac('sha256', secret)
                  .update(rawBody)
                  .digest('hex');
                const given = String(headers['x-signature'] ?? '');
                if (
                  given.length !== expected.length ||
                  !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
                ) {
                  throw new AuthenticationError('Invalid signature');
                }
                const body = JSON.parse(rawBody.toString('utf8'));
                if (typeof body.run !== 'string') {
                  throw new InputError("Invalid 'run': expected a string");
                }
                if (body.entity === 'unknown') {
                  countUnmatched(2);
                  return;
                }
                await ingest([
                  {
                    kind: 'deployment',
                    source: 'signed',
                    id: body.run,
                    entityRef: 'component:default/a',
                    environment: 'production',
                    status: 'success',
                    finishedAt: new Date(now - 60_000).toISOString(),
                  },
                ]);
              },
            },
          });
        },
      });
    },
  });

  it('takes signed deliveries without Backstage credentials and rejects bad ones', async () => {
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        signedModule,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    // Signed over the exact bytes, with spacing a JSON re-encode would lose.
    const raw = '{ "run":  "r-1" }';
    const sign = (body: string) =>
      createHmac('sha256', secret).update(body).digest('hex');

    const ok = await request(server)
      .post('/api/dora/webhooks/signed')
      .set('Content-Type', 'application/json')
      .set('X-Signature', sign(raw))
      .send(raw);
    const forged = await request(server)
      .post('/api/dora/webhooks/signed')
      .set('Content-Type', 'application/json')
      .set('X-Signature', sign('{"run":"r-2"}'))
      .send('{"run":"r-3"}');
    const malformed = await request(server)
      .post('/api/dora/webhooks/signed')
      .set('Content-Type', 'application/json')
      .set('X-Signature', sign('{"run":7}'))
      .send('{"run":7}');
    const unknown = await request(server)
      .post('/api/dora/webhooks/nobody')
      .send('{}');

    expect(ok.status).toBe(202);
    expect(forged.status).toBe(401);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe(
      "Invalid 'run': expected a string",
    );
    expect(unknown.status).toBe(404);
    // the other routes still need credentials
    expect((await request(server).get('/api/dora/providers')).status).toBe(401);
  });

  it('counts what deliveries matched no entity, shown with the provider status', async () => {
    const { server } = await startTestBackend({
      features: [doraPlugin, signedModule],
    });
    const deliver = (raw: string) =>
      request(server)
        .post('/api/dora/webhooks/signed')
        .set('Content-Type', 'application/json')
        .set(
          'X-Signature',
          createHmac('sha256', secret).update(raw).digest('hex'),
        )
        .send(raw);
    const status = async () =>
      (
        await request(server)
          .get('/api/dora/providers')
          .set('Authorization', mockCredentials.user.header())
      ).body.items[0];

    expect((await status()).webhook).toEqual({
      unmatched: 0,
      lastUnmatchedAt: null,
    });
    expect((await deliver('{"run":"r-1","entity":"unknown"}')).status).toBe(
      202,
    );
    expect((await deliver('{"run":"r-2","entity":"unknown"}')).status).toBe(
      202,
    );
    expect((await deliver('{"run":"r-3"}')).status).toBe(202);

    expect(await status()).toMatchObject({
      id: 'signed',
      runs: 0,
      lastRun: { accepted: 0, updated: 0, unmatched: 0 },
      webhook: { unmatched: 4, lastUnmatchedAt: expect.any(String) },
      cursors: [],
    });
  });
});
