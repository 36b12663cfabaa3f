import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import request from 'supertest';
import { doraPlugin } from './plugin';

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

describe('doraPlugin', () => {
  it('serves /health to callers with credentials and lists providers', async () => {
    const { server } = await startTestBackend({
      features: [doraPlugin, demoProviderModule],
    });

    const res = await request(server)
      .get('/api/dora/health')
      .set('Authorization', mockCredentials.user.header());

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

    const res = await request(server).get('/api/dora/health');

    expect(res.status).toBe(401);
  });

  it('registers its permissions with the permissions registry', async () => {
    const { server } = await startTestBackend({ features: [doraPlugin] });

    const res = await request(server)
      .get('/api/dora/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());

    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toContain(
      'dora.event.create',
    );
  });
});
