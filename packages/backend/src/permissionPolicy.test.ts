import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import doraPlugin from '@paved-road/plugin-dora-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import { examplePermissionPolicyModule } from './permissionPolicy';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../..');
const GUEST = 'user:default/guest';
const CI_TOKEN = 'example-ci-token-0123456789';

/** app-config.yaml's `backend.auth.externalAccess`, with a test token. */
function exampleExternalAccess() {
  const config = YAML.parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  return config.backend.auth.externalAccess.map((entry: any) => ({
    ...entry,
    options: { ...entry.options, token: CI_TOKEN },
  }));
}

const catalogConfig = {
  rules: [
    { allow: ['Component', 'System', 'API', 'Resource', 'Group', 'User'] },
  ],
  locations: [
    { type: 'file', target: path.join(root, 'examples/entities.yaml') },
    { type: 'file', target: path.join(root, 'examples/org.yaml') },
  ],
};

/**
 * The example backend's permission, catalog, auth (guest sign-in, as in
 * app-config.yaml) and DORA plugins with the real auth services, so users
 * carry the ownership claims the guest sign-in gives them.
 */
async function start() {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      guestProvider,
      catalogPlugin,
      permissionPlugin,
      doraPlugin,
      examplePermissionPolicyModule,
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      userInfoServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          permission: { enabled: true },
          catalog: catalogConfig,
          auth: {
            providers: {
              guest: {
                userEntityRef: GUEST,
                dangerouslyAllowOutsideDevelopment: true,
              },
            },
          },
          backend: { auth: { externalAccess: exampleExternalAccess() } },
        },
      }),
    ],
  });
  const ci = `Bearer ${CI_TOKEN}`;
  // Wait until the catalog has processed the example entities.
  for (let i = 0; i < 240; i++) {
    const cart = await request(server)
      .get('/api/catalog/entities/by-name/component/default/cart-service')
      .set('Authorization', ci);
    const guest = await request(server)
      .get('/api/catalog/entities/by-name/user/default/guest')
      .set('Authorization', ci);
    if (cart.body.relations?.length && guest.body.relations?.length) break;
    await new Promise(r => setTimeout(r, 250));
  }
  const session = await request(server)
    .get('/api/auth/guest/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  expect(session.status).toBe(200);
  const guest = `Bearer ${session.body.backstageIdentity.token}`;
  return { server, guest, ci };
}

const event = (id: string, entityRef: string) => ({
  kind: 'deployment',
  source: 'ci',
  id,
  entityRef,
  environment: 'production',
  status: 'success',
  finishedAt: new Date(Date.now() - 3_600_000).toISOString(),
});

describe('the example permission policy in the example backend', () => {
  it('lets the guest push for its team and read everything, not push for another team', async () => {
    const { server, guest } = await start();
    const push = (events: unknown[]) =>
      request(server)
        .post('/api/dora/events')
        .set('Authorization', guest)
        .send({ events });

    const own = await push([event('p1', 'component:default/payments-api')]);
    const foreign = await push([
      event('p2', 'component:default/payments-api'),
      event('c1', 'component:default/cart-service'),
    ]);
    const reads = await Promise.all(
      [
        '/api/dora/metrics?entityRef=component:default/cart-service',
        '/api/dora/deployments?entityRef=component:default/payments-api',
        '/api/dora/metrics?owner=group:default/checkout',
        '/api/dora/providers',
      ].map(p => request(server).get(p).set('Authorization', guest)),
    );

    expect(own.body).toEqual({ accepted: 1, updated: 0 });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toBe(
      "events[1].entityRef: not allowed to push events for 'component:default/cart-service' (permission 'dora.event.create'); nothing was stored",
    );
    expect(reads.map(r => r.status)).toEqual([200, 200, 200, 200]);
    expect(reads[1].body.items.map((d: { id: string }) => d.id)).toEqual([
      'p1',
    ]);
  });

  it("lets app-config.yaml's CI token push for any entity and read providers, only on its plugins", async () => {
    const { server, ci } = await start();

    const pushed = await request(server)
      .post('/api/dora/events')
      .set('Authorization', ci)
      .send({ events: [event('c1', 'component:default/cart-service')] });
    const providers = await request(server)
      .get('/api/dora/providers')
      .set('Authorization', ci);
    const catalog = await request(server)
      .get('/api/catalog/entities/by-name/component/default/cart-service')
      .set('Authorization', ci);
    const permission = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', ci)
      .send({ items: [] });

    expect(pushed.status).toBe(200);
    expect(providers.status).toBe(200);
    expect(catalog.status).toBe(200);
    expect(permission.status).toBe(403);
  });
});
