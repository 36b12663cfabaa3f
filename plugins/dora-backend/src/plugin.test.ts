import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DoraMetrics } from '@paved-road/plugin-dora-common';
import {
  doraProvidersExtensionPoint,
  doraServiceRef,
} from '@paved-road/plugin-dora-node';
import request from 'supertest';
import { doraPlugin } from './plugin';
import { DAY, at, deployment } from './__testUtils__/fixtures';
import { ALICE, visibilityCatalog } from './__testUtils__/accessFixtures';

const demoProviderModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'demo-provider',
  register(env) {
    env.registerInit({
      deps: { providers: doraProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProvider({ id: 'demo' });
      },
    });
  },
});

const user = () => mockCredentials.user.header();
const window = `from=${at(0)}&to=${at(7 * DAY)}`;

describe('doraPlugin', () => {
  it('serves /health to callers with credentials and lists providers', async () => {
    const { server } = await startTestBackend({
      features: [doraPlugin, demoProviderModule],
    });

    const res = await request(server)
      .get('/api/dora/health')
      .set('Authorization', user());

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', providers: ['demo'] });
  });

  it('rejects callers without credentials with 401', async () => {
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    for (const call of [
      request(server).get('/api/dora/health'),
      request(server).get('/api/dora/metrics?entityRef=component:default/a'),
      request(server).post('/api/dora/events').send({ events: [] }),
    ]) {
      expect((await call).status).toBe(401);
    }
  });

  it('registers its permissions with the permissions registry', async () => {
    const { server } = await startTestBackend({ features: [doraPlugin] });

    const res = await request(server)
      .get('/api/dora/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());

    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'dora.event.create',
          resourceType: 'catalog-entity',
        }),
        expect.objectContaining({ name: 'dora.provider.read' }),
      ]),
    );
  });

  it('answers 403 when dora.event.create is denied', async () => {
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });

    const res = await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({ events: [deployment('d', 0)] });

    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
  });

  it('stores nothing from a batch with one invalid event (400)', async () => {
    const { server } = await startTestBackend({
      features: [doraPlugin, visibilityCatalog],
    });

    const res = await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({
        events: [
          deployment('ok', DAY),
          { ...deployment('bad', 0), finishedAt: 'yesterday' },
        ],
      });
    const metrics = await request(server)
      .get(`/api/dora/metrics?entityRef=component:default/a&${window}`)
      .set('Authorization', user());

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'events[1].finishedAt: expected an ISO 8601 date',
    });
    expect(metrics.body.deploymentFrequency.deployments).toBe(0);
  });

  it('names the field of nested and kind errors', async () => {
    const { server } = await startTestBackend({ features: [doraPlugin] });
    const post = (events: unknown[]) =>
      request(server)
        .post('/api/dora/events')
        .set('Authorization', user())
        .send({ events });

    const nested = await post([
      deployment('d', 0, { changes: [{ sha: 'a', committedAt: 'nope' }] }),
    ]);
    const kind = await post([{ kind: 'release' }]);
    const ref = await post([deployment('d', 0, { entityRef: 'no kind' })]);

    expect(nested.body.error.message).toBe(
      'events[0].changes[0].committedAt: expected an ISO 8601 date',
    );
    expect(kind.body.error.message).toBe(
      "events[0].kind: expected 'deployment', 'incident' or 'build'",
    );
    expect(ref.body.error.message).toMatch(/^events\[0\]\.entityRef: /);
  });

  it('answers 413 above 5,000 events', async () => {
    const { server } = await startTestBackend({ features: [doraPlugin] });
    const events = Array.from({ length: 5001 }, (_, i) =>
      deployment(`d${i}`, i),
    );

    const res = await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({ events });

    expect(res.status).toBe(413);
  });

  it('accepts events, audits the batch and serves metrics and evidence', async () => {
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn().mockResolvedValue(auditEvent),
    });
    const { server } = await startTestBackend({
      features: [doraPlugin, visibilityCatalog, auditor.factory],
    });

    const first = await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({ events: [deployment('d1', DAY), deployment('d2', 2 * DAY)] });
    const again = await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({ events: [deployment('d1', DAY)] });
    const metrics = await request(server)
      .get(`/api/dora/metrics?entityRef=component:default/a&${window}`)
      .set('Authorization', user());
    const evidence = await request(server)
      .get(
        `/api/dora/deployments?entityRef=component:default/a&${window}&limit=1`,
      )
      .set('Authorization', user());

    expect(first.body).toEqual({ accepted: 2, updated: 0 });
    expect(again.body).toEqual({ accepted: 1, updated: 1 });
    expect(metrics.status).toBe(200);
    expect(metrics.body.deploymentFrequency).toMatchObject({
      deployments: 2,
      deploymentDays: 2,
    });
    expect(evidence.body.items.map((d: { id: string }) => d.id)).toEqual([
      'd2',
    ]);
    expect(evidence.body.nextCursor).toEqual(expect.any(String));
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'events-push',
        meta: { sources: ['ci'], events: 2 },
      }),
    );
    expect(auditEvent.success).toHaveBeenCalledWith({
      meta: { accepted: 2, updated: 0 },
    });
  });

  it('rejects bad query parameters with 400', async () => {
    const { server } = await startTestBackend({ features: [doraPlugin] });
    const get = (q: string) =>
      request(server)
        .get(`/api/dora/metrics?${q}`)
        .set('Authorization', user());

    const badFrom = await get('entityRef=component:default/a&from=soon');
    const noSubject = await get('');
    const badRegex = await get('entityRef=component:default/a&environment=/(/');

    expect(badFrom.status).toBe(400);
    expect(badFrom.body.error.message).toBe(
      "Invalid 'from': expected an ISO 8601 date",
    );
    expect(noSubject.body.error.message).toBe(
      "Expected one of 'entityRef' or 'owner'",
    );
    expect(badRegex.status).toBe(400);
  });

  it('accepts an externalAccess static token from CI', async () => {
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: 'ci-token-0123456789', subject: 'ci' },
                  },
                ],
              },
            },
          },
        }),
      ],
    });

    const ok = await request(server)
      .post('/api/dora/events')
      .set('Authorization', 'Bearer ci-token-0123456789')
      .send({ events: [deployment('d1', DAY)] });
    const wrong = await request(server)
      .post('/api/dora/events')
      .set('Authorization', 'Bearer not-the-token')
      .send({ events: [deployment('d1', DAY)] });

    expect(ok.body).toEqual({ accepted: 1, updated: 0 });
    expect(wrong.status).toBe(401);
  });

  it('fails at start-up naming a malformed config key', async () => {
    await expect(
      startTestBackend({
        features: [
          doraPlugin,
          mockServices.rootConfig.factory({
            data: { dora: { productionEnvironments: ['/(/'] } },
          }),
        ],
      }),
    ).rejects.toThrow(/dora\.productionEnvironments/);
  });

  it('gives co-located plugins metrics in-process through doraServiceRef', async () => {
    let service: typeof doraServiceRef.T | undefined;
    const consumer = createBackendPlugin({
      pluginId: 'consumer',
      register(env) {
        env.registerInit({
          deps: { dora: doraServiceRef, logger: coreServices.logger },
          async init({ dora }) {
            service = dora;
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [consumer, doraPlugin, visibilityCatalog],
    });
    await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({ events: [deployment('d1', DAY)] });

    const metrics: DoraMetrics = await service!.getMetrics({
      entityRef: 'component:default/a',
      from: new Date(at(0)),
      to: new Date(at(7 * DAY)),
    });

    expect(metrics.deploymentFrequency.deployments).toBe(1);
    await expect(
      service!.getMetrics({
        entityRef: 'component:default/secret',
        credentials: mockCredentials.user(ALICE),
      }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: "No entity 'component:default/secret' in the catalog",
    });
    await expect(
      service!.getMetrics({
        entityRef: 'component:default/secret',
        credentials: mockCredentials.user('user:default/bob'),
      }),
    ).resolves.toMatchObject({ entityRefs: ['component:default/secret'] });
  });
});
