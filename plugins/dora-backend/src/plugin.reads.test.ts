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
      `/incidents?entityRef=component:default/secret&${window}`,
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

  it('lists incidents with their attribution, only of entities the caller can see', async () => {
    const server = await start(databaseId);
    await request(server)
      .post('/api/dora/events')
      .set('Authorization', mockCredentials.service.header())
      .send({
        events: [
          {
            kind: 'incident',
            source: 'pager',
            id: 'i1',
            entityRef: 'component:default/a',
            openedAt: at(DAY + 1000),
            resolvedAt: at(DAY + 5000),
            changeCaused: false,
          },
          {
            kind: 'incident',
            source: 'pager',
            id: 'i2',
            entityRef: 'component:default/a',
            openedAt: at(2 * DAY),
          },
          {
            kind: 'incident',
            source: 'pager',
            id: 's1',
            entityRef: 'component:default/secret',
            openedAt: at(2 * DAY),
          },
        ],
      });
    const res = await request(server)
      .get(`/api/dora/incidents?owner=group:default/team-a&${window}`)
      .set('Authorization', alice());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          source: 'pager',
          id: 'i2',
          entityRef: 'component:default/a',
          openedAt: at(2 * DAY),
          resolvedAt: null,
          severity: null,
          link: {
            rule: 'latest-before',
            deployment: { source: 'ci', id: 'a1' },
          },
          unlinkedReason: null,
        },
        {
          source: 'pager',
          id: 'i1',
          entityRef: 'component:default/a',
          openedAt: at(DAY + 1000),
          resolvedAt: at(DAY + 5000),
          severity: null,
          link: null,
          unlinkedReason: 'excluded',
        },
      ],
      nextCursor: null,
    });
  });

  it('reads many entities by ref in one call, listing the unknown and hidden ones as not found', async () => {
    const server = await start(databaseId);
    const byRefs = (refs: string, auth: string) =>
      request(server)
        .get(`/api/dora/metrics/by-entity?entityRefs=${refs}&${window}`)
        .set('Authorization', auth);
    const refs =
      'component:default/a,component:default/secret,component:default/nope';

    const forAlice = await byRefs(refs, alice());
    expect(forAlice.status).toBe(200);
    expect(
      forAlice.body.items.map((i: { entityRef: string }) => i.entityRef),
    ).toEqual(['component:default/a']);
    expect(forAlice.body.notFound).toEqual([
      'component:default/secret',
      'component:default/nope',
    ]);
    const forBob = await byRefs(refs, bob());
    expect(
      forBob.body.items.map(
        (i: {
          entityRef: string;
          deploymentFrequency: { deployments: number };
        }) => [i.entityRef, i.deploymentFrequency.deployments],
      ),
    ).toEqual([
      ['component:default/a', 1],
      ['component:default/secret', 2],
    ]);

    const tooMany = await byRefs(
      Array.from({ length: 501 }, (_, i) => `component:default/s${i}`).join(
        ',',
      ),
      bob(),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe(
      "Invalid 'entityRefs': expected 1 to 500 entity refs, comma-separated or repeated",
    );
    const both = await request(server)
      .get(
        `/api/dora/metrics/by-entity?entityRefs=component:default/a&owner=group:default/team-a`,
      )
      .set('Authorization', bob());
    expect(both.status).toBe(400);
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
