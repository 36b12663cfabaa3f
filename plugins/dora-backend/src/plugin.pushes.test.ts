import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import request from 'supertest';
import { doraPlugin } from './plugin';
import {
  ALICE,
  accessPolicy,
  visibilityCatalog,
} from './__testUtils__/accessFixtures';
import {
  DAY,
  at,
  createDatabases,
  deployment,
  incident,
} from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createDatabases();
const TEAM_A = 'Bearer team-a-token-0123456789';
const TEAM_B = 'Bearer team-b-token-0123456789';
const READ_ONLY = 'Bearer read-only-token-0123456789';
const window = `from=${at(0)}&to=${at(7 * DAY)}`;

const githubProvider = createBackendModule({
  pluginId: 'dora',
  moduleId: 'fake-github',
  register(env) {
    env.registerInit({
      deps: { providers: doraProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProvider({ id: 'github' });
      },
    });
  },
});

async function start(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      githubProvider,
      visibilityCatalog,
      mockServices.database.factory({ knex }),
      // The real services: static tokens are decided by their
      // accessRestrictions, never by a policy.
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          dora: {
            pushTokens: [
              { subject: 'team-a-ci', owners: ['group:default/team-a'] },
            ],
          },
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TEAM_A.slice(7), subject: 'team-a-ci' },
                },
                {
                  type: 'static',
                  options: { token: TEAM_B.slice(7), subject: 'team-b-ci' },
                },
                {
                  type: 'static',
                  options: { token: READ_ONLY.slice(7), subject: 'reader' },
                  accessRestrictions: [
                    { plugin: 'dora', permission: 'dora.provider.read' },
                  ],
                },
              ],
            },
          },
        },
      }),
    ],
  });
  const push = (auth: string, events: unknown[]) =>
    request(server)
      .post('/api/dora/events')
      .set('Authorization', auth)
      .send({ events });
  const evidence = async (entity: string) => {
    const res = await request(server)
      .get(
        `/api/dora/deployments?entityRef=component:default/${entity}&${window}`,
      )
      .set('Authorization', TEAM_B);
    expect(res.status).toBe(200);
    return res.body.items.map((d: { id: string; status: string }) => [
      d.id,
      d.status,
    ]);
  };
  return { push, evidence };
}

describe.each(databases.eachSupportedId())('DORA pushes on %p', databaseId => {
  it("lets team A's token push for A only; a batch touching B stores nothing", async () => {
    const { push, evidence } = await start(databaseId);
    expect(
      (
        await push(TEAM_B, [
          deployment('b1', DAY, { entityRef: 'component:default/b' }),
        ])
      ).status,
    ).toBe(200);

    const forA = await push(TEAM_A, [deployment('a1', DAY)]);
    const mixed = await push(TEAM_A, [
      deployment('a2', 2 * DAY),
      incident('i1', 2 * DAY, null),
      deployment('b1', 3 * DAY, {
        entityRef: 'component:default/b',
        status: 'failure',
      }),
    ]);

    expect(forA.body).toEqual({ accepted: 1, updated: 0 });
    expect(mixed.status).toBe(403);
    expect(mixed.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        "events[2].entityRef: this token may push only for entities owned by group:default/team-a (dora.pushTokens), not for 'component:default/b'; nothing was stored",
    });
    expect(await evidence('a')).toEqual([['a1', 'success']]);
    expect(await evidence('b')).toEqual([['b1', 'success']]);
  });

  it('refuses a token whose accessRestrictions leave out dora.event.create', async () => {
    const { push, evidence } = await start(databaseId);

    const res = await push(READ_ONLY, [deployment('r1', DAY)]);

    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /^events\[0\]\.entityRef: not allowed to push events for 'component:default\/a' \(permission 'dora\.event\.create'\)/,
    );
    expect(await evidence('a')).toEqual([]);
  });

  it('refuses the sources of installed providers and demo with 400', async () => {
    const { push, evidence } = await start(databaseId);

    const github = await push(TEAM_A, [
      deployment('a1', DAY),
      deployment('gh', DAY, { source: 'github' }),
    ]);
    const demo = await push(TEAM_A, [deployment('d', DAY, { source: 'Demo' })]);

    expect(github.status).toBe(400);
    expect(github.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^events\[1\]\.source: 'github' is reserved/,
      ),
    });
    expect(demo.status).toBe(400);
    expect(demo.body.error.message).toMatch(/^events\[0\]\.source: 'Demo'/);
    expect(await evidence('a')).toEqual([]);
  });

  it('refuses with 409 a resend that moves an event to another entity', async () => {
    const { push, evidence } = await start(databaseId);
    await push(TEAM_A, [
      deployment('d1', DAY),
      deployment('x', DAY, { entityRef: 'component:default/secret' }),
    ]);

    const moved = await push(TEAM_A, [
      deployment('d2', 2 * DAY),
      deployment('d1', 3 * DAY, { entityRef: 'component:default/secret' }),
    ]);
    const resent = await push(TEAM_A, [
      deployment('d1', DAY, { status: 'failure' }),
    ]);

    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^events\[1\]\.entityRef: deployment 'd1' of source 'ci' is stored for another entity/,
      ),
    });
    expect(moved.body.error.message).not.toContain('component:default/a');
    expect(resent.body).toEqual({ accepted: 1, updated: 1 });
    expect(await evidence('a')).toEqual([['d1', 'failure']]);
    expect(await evidence('secret')).toEqual([['x', 'success']]);
  });

  it('keeps the limit of 5,000 events (413)', async () => {
    const { push } = await start(databaseId);
    const events = Array.from({ length: 5001 }, (_, i) =>
      deployment(`d${i}`, i),
    );

    expect((await push(TEAM_A, events)).status).toBe(413);
  });
});

describe.each(databases.eachSupportedId())(
  'DORA pushes by users on %p',
  databaseId => {
    it('asks the policy for each entity: a denied one refuses the batch', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          doraPlugin,
          visibilityCatalog,
          accessPolicy().factory,
          mockServices.database.factory({ knex }),
        ],
      });
      const push = (events: unknown[]) =>
        request(server)
          .post('/api/dora/events')
          .set('Authorization', mockCredentials.user.header(ALICE))
          .send({ events });

      const own = await push([deployment('a1', DAY)]);
      const foreign = await push([
        deployment('a2', DAY),
        incident('i1', DAY, null, { entityRef: 'component:default/b' }),
      ]);
      const stored = await request(server)
        .get(`/api/dora/deployments?entityRef=component:default/a&${window}`)
        .set('Authorization', mockCredentials.user.header(ALICE));

      expect(own.body).toEqual({ accepted: 1, updated: 0 });
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.message).toBe(
        "events[1].entityRef: not allowed to push events for 'component:default/b' (permission 'dora.event.create'); nothing was stored",
      );
      expect(stored.body.items.map((d: { id: string }) => d.id)).toEqual([
        'a1',
      ]);
    });
  },
);
