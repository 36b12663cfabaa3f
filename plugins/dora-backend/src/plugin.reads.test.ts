import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { doraPlugin } from './plugin';
import {
  ALICE,
  accessPolicy,
  visibilityCatalog,
} from './__testUtils__/accessFixtures';
import { DAY, at, createDatabases, deployment } from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createDatabases();
const window = `from=${at(0)}&to=${at(7 * DAY)}`;
const alice = () => mockCredentials.user.header(ALICE);
const bob = () => mockCredentials.user.header('user:default/bob');

async function start(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      visibilityCatalog,
      accessPolicy().factory,
      mockServices.database.factory({ knex }),
    ],
  });
  const push = await request(server)
    .post('/api/dora/events')
    .set('Authorization', mockCredentials.service.header())
    .send({
      events: [
        deployment('a1', DAY, { entityRef: 'component:default/a' }),
        deployment('s1', DAY, { entityRef: 'component:default/secret' }),
        deployment('s2', 2 * DAY, { entityRef: 'component:default/secret' }),
      ],
    });
  expect(push.status).toBe(200);
  return server;
}

describe.each(databases.eachSupportedId())('DORA reads on %p', databaseId => {
  it('answers 404 to a user who cannot see the entity, like an unknown one', async () => {
    const server = await start(databaseId);
    const get = (path: string, auth: string) =>
      request(server).get(`/api/dora${path}`).set('Authorization', auth);

    for (const path of [
      `/metrics?entityRef=component:default/secret&${window}`,
      `/deployments?entityRef=component:default/secret&${window}`,
      '/slos?entityRef=component:default/secret',
    ]) {
      const hidden = await get(path, alice());
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.name).toBe('NotFoundError');
      const unknown = await get(path.replace('secret', 'nope'), alice());
      expect(unknown.status).toBe(404);
      expect(hidden.body.error.message.replace('secret', 'nope')).toBe(
        unknown.body.error.message,
      );
      expect((await get(path, bob())).status).toBe(200);
    }
  });

  it('answers 404 for an entity missing from the catalog even with events', async () => {
    const server = await start(databaseId);
    await request(server)
      .post('/api/dora/events')
      .set('Authorization', mockCredentials.service.header())
      .send({
        events: [
          deployment('g1', DAY, { entityRef: 'component:default/ghost' }),
        ],
      });

    const res = await request(server)
      .get(`/api/dora/metrics?entityRef=component:default/ghost&${window}`)
      .set('Authorization', bob());

    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "No entity 'component:default/ghost' in the catalog",
    );
  });

  it('counts only the entities the caller can see in an owner query', async () => {
    const server = await start(databaseId);
    const owner = (auth: string) =>
      request(server)
        .get(`/api/dora/metrics?owner=group:default/team-a&${window}`)
        .set('Authorization', auth);

    const forAlice = await owner(alice());
    const forBob = await owner(bob());

    expect(forAlice.status).toBe(200);
    expect(forAlice.body.entityRefs).toEqual(['component:default/a']);
    expect(forAlice.body.deploymentFrequency.deployments).toBe(1);
    expect(forBob.body.deploymentFrequency.deployments).toBe(3);
  });

  it('answers 403 on /providers without dora.provider.read', async () => {
    const server = await start(databaseId);

    const denied = await request(server)
      .get('/api/dora/providers')
      .set('Authorization', alice());
    const allowed = await request(server)
      .get('/api/dora/providers')
      .set('Authorization', bob());

    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: "Missing permission 'dora.provider.read'",
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ items: [] });
  });
});
