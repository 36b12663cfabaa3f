import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import path from 'node:path';
import request from 'supertest';
import { e2eSignInModule } from './e2eSignIn';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../..');
const ADA = 'user:default/ada';

/** The auth and catalog plugins with the example org and the module. */
async function start(e2e?: { users: string[] }) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      catalogPlugin,
      e2eSignInModule,
      authServiceFactory,
      httpAuthServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          catalog: {
            rules: [{ allow: ['Group', 'User'] }],
            locations: [
              { type: 'file', target: path.join(root, 'examples/org.yaml') },
            ],
          },
          auth: { providers: e2e ? { e2e } : {} },
        },
      }),
    ],
  });
  return server;
}

const refresh = (server: Awaited<ReturnType<typeof start>>, query: string) =>
  request(server)
    .get(`/api/auth/e2e/refresh${query}`)
    .set('X-Requested-With', 'XMLHttpRequest');

describe('the e2e-only sign-in provider', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('signs in a listed catalog user with its memberships, in development only', async () => {
    process.env.NODE_ENV = 'development';
    const server = await start({ users: [ADA, 'user:default/guest'] });

    // The catalog processes org.yaml in the background.
    let session = await refresh(server, '?as=ada');
    for (let i = 0; i < 240 && session.status !== 200; i++) {
      await new Promise(r => setTimeout(r, 250));
      session = await refresh(server, '?as=ada');
    }
    const unlisted = await refresh(server, '?as=grace');
    const unnamed = await refresh(server, '');
    process.env.NODE_ENV = 'production';
    const outsideDevelopment = await refresh(server, '?as=ada');

    expect(session.status).toBe(200);
    expect(session.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: ADA,
      ownershipEntityRefs: expect.arrayContaining([
        ADA,
        'group:default/platform',
      ]),
    });
    expect(unlisted.status).toBe(403);
    expect(unlisted.body.error.message).toContain(
      "Invalid 'as': expected one of user:default/ada, user:default/guest",
    );
    expect(unnamed.status).toBe(403);
    expect(outsideDevelopment.status).toBe(403);
    expect(outsideDevelopment.body.error.message).toContain(
      'only works with NODE_ENV=development',
    );
  });

  it('is not mounted unless auth.providers.e2e is configured', async () => {
    process.env.NODE_ENV = 'development';
    const server = await start();

    const response = await refresh(server, '?as=ada');

    expect(response.status).toBe(404);
  });
});
