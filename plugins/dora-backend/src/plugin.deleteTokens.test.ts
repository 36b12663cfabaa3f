import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { doraPlugin } from './plugin';
import { visibilityCatalog } from './__testUtils__/accessFixtures';
import { DAY, createDatabases, deployment } from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createDatabases();
const TEAM_A = 'Bearer team-a-token-0123456789';
const PUSH_ONLY = 'Bearer push-only-token-0123456789';
const B = { entityRef: 'component:default/b' };

/** Static tokens: decided by accessRestrictions and dora.pushTokens only. */
async function start(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      visibilityCatalog,
      mockServices.database.factory({ knex }),
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
                  options: { token: PUSH_ONLY.slice(7), subject: 'pusher' },
                  accessRestrictions: [
                    { plugin: 'dora', permission: 'dora.event.create' },
                  ],
                },
              ],
            },
          },
        },
      }),
    ],
  });
  const pushed = await request(server)
    .post('/api/dora/events')
    .set('Authorization', PUSH_ONLY)
    .send({ events: [deployment('a1', DAY), deployment('b1', DAY, B)] });
  expect(pushed.status).toBe(200);
  return (auth: string, id: string) =>
    request(server)
      .delete('/api/dora/events')
      .set('Authorization', auth)
      .send({ events: [{ kind: 'deployment', source: 'ci', id }] });
}

describe.each(databases.eachSupportedId())(
  'DORA deletes by static tokens on %p',
  databaseId => {
    it('refuses a token whose accessRestrictions leave out dora.event.delete', async () => {
      const del = await start(databaseId);

      const res = await del(PUSH_ONLY, 'a1');

      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        "Not allowed to delete events of 'component:default/a' (permission 'dora.event.delete'); nothing was deleted",
      );
    });

    it("keeps a dora.pushTokens token to its owners' entities", async () => {
      const del = await start(databaseId);

      const foreign = await del(TEAM_A, 'b1');
      const own = await del(TEAM_A, 'a1');

      expect(foreign.status).toBe(403);
      expect(foreign.body.error.message).toBe(
        "This token may delete only events of entities owned by group:default/team-a (dora.pushTokens), not of 'component:default/b'; nothing was deleted",
      );
      expect(own.body).toEqual({ deleted: 1 });
      expect((await del(TEAM_A, 'a1')).body).toEqual({ deleted: 0 });
    });
  },
);
