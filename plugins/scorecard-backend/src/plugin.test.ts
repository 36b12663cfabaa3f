import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { scorecardFactProvidersExtensionPoint } from '@paved-road/plugin-scorecard-node';
import request from 'supertest';
import { scorecardPlugin } from './plugin';

const demoProviderModule = createBackendModule({
  pluginId: 'scorecard',
  moduleId: 'demo-provider',
  register(env) {
    env.registerInit({
      deps: { providers: scorecardFactProvidersExtensionPoint },
      async init({ providers }) {
        providers.addFactProvider({ id: 'demo' });
      },
    });
  },
});

describe('scorecardPlugin', () => {
  it('serves /health to callers with credentials and lists providers', async () => {
    const { server } = await startTestBackend({
      features: [scorecardPlugin, demoProviderModule],
    });

    const res = await request(server)
      .get('/api/scorecard/health')
      .set('Authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', providers: ['demo'] });
  });

  it('rejects callers without credentials with 401', async () => {
    const { server } = await startTestBackend({
      features: [
        scorecardPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    const res = await request(server).get('/api/scorecard/health');

    expect(res.status).toBe(401);
  });

  it('registers its permissions with the permissions registry', async () => {
    const { server } = await startTestBackend({ features: [scorecardPlugin] });

    const res = await request(server)
      .get('/api/scorecard/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());

    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toContain(
      'scorecard.entity.refresh',
    );
  });
});
