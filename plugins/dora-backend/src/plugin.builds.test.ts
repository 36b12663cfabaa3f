import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { doraPlugin } from './plugin';
import { DatabaseEventDeleter } from './database/DatabaseEventDeleter';
import {
  ALICE,
  accessPolicy,
  visibilityCatalog,
} from './__testUtils__/accessFixtures';
import {
  DAY,
  HOUR,
  at,
  build,
  createDatabases,
  deployment,
} from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createDatabases();
const service = () => mockCredentials.service.header();
const alice = () => mockCredentials.user.header(ALICE);

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
  const push = (events: unknown[], auth = service()) =>
    request(server)
      .post('/api/dora/events')
      .set('Authorization', auth)
      .send({ events });
  const del = (query: string, body?: object) => {
    const req = request(server)
      .delete(`/api/dora/events${query}`)
      .set('Authorization', service());
    return body ? req.send(body) : req;
  };
  const stored = async () =>
    (
      await knex('dora_builds')
        .orderBy(['source', 'external_id'])
        .select('source', 'external_id', 'entity_ref', 'pipeline', 'status')
    ).map(r => `${r.source}/${r.external_id}:${r.entity_ref}:${r.status}`);
  const deployments = async () =>
    Number((await knex('dora_deployments').count({ n: '*' }))[0].n);
  return { push, del, stored, deployments, knex };
}

describe.each(databases.eachSupportedId())('DORA builds on %p', databaseId => {
  it.each([
    [
      'finishedAt before startedAt',
      build('x', DAY, 10, { finishedAt: at(DAY - HOUR) }),
      'events[1].finishedAt: expected a date at or after startedAt',
    ],
    [
      'an unknown entity',
      build('x', DAY, 10, { entityRef: 'component:default/nope' }),
      "events[1].entityRef: no entity 'component:default/nope' in the catalog",
    ],
    [
      'a 10 kB pipeline name',
      build('x', DAY, 10, { pipeline: 'p'.repeat(10240) }),
      'events[1].pipeline: expected at most 200 characters',
    ],
    [
      'a 201-character pipeline name',
      build('x', DAY, 10, { pipeline: 'p'.repeat(201) }),
      'events[1].pipeline: expected at most 200 characters',
    ],
    [
      'a bad status',
      build('x', DAY, 10, { status: 'skipped' }),
      "events[1].status: expected 'success', 'failure' or 'cancelled'",
    ],
    [
      'a missing startedAt',
      build('x', DAY, 10, { startedAt: undefined }),
      'events[1].startedAt: expected an ISO 8601 date',
    ],
  ])(
    'refuses %s naming index and field; nothing of the batch is stored',
    async (_, bad, message) => {
      const { push, stored, deployments } = await start(databaseId);
      const res = await push([deployment('d1', DAY), bad, build('ok', DAY, 5)]);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
      expect(await stored()).toEqual([]);
      expect(await deployments()).toBe(0);
    },
  );

  it('accepts a 200-character pipeline name', async () => {
    const { push, stored } = await start(databaseId);
    const res = await push([
      build('x', DAY, 10, { pipeline: 'p'.repeat(200) }),
    ]);
    expect(res.status).toBe(200);
    expect(await stored()).toEqual(['ci/x:component:default/a:success']);
  });

  it('is idempotent: a resend replaces the build, also within a batch', async () => {
    const { push, stored, knex } = await start(databaseId);
    const first = await push([build('b1', DAY, 10, { status: 'failure' })]);
    expect(first.body).toEqual({ accepted: 1, updated: 0 });
    const again = await push([
      build('b1', DAY, 12, { status: 'failure' }),
      build('b1', DAY, 20),
      build('b2', DAY, 5, { source: 'other' }),
    ]);
    expect(again.body).toEqual({ accepted: 3, updated: 2 });
    expect(await stored()).toEqual([
      'ci/b1:component:default/a:success',
      'other/b2:component:default/a:success',
    ]);
    const row = await knex('dora_builds').where('external_id', 'b1').first();
    expect(Number(row.finished_at) - Number(row.started_at)).toBe(20 * 60000);
  });

  it('answers 403 when dora.event.create is denied for a build, storing nothing', async () => {
    const { push, stored } = await start(databaseId);
    const res = await push(
      [
        build('a1', DAY, 10),
        build('b1', DAY, 10, { entityRef: 'component:default/b' }),
      ],
      alice(),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      "events[1].entityRef: not allowed to push events for 'component:default/b'",
    );
    expect(await stored()).toEqual([]);
  });

  it('refuses moving a stored build to another entity (409)', async () => {
    const { push, stored } = await start(databaseId);
    expect((await push([build('b1', DAY, 10)])).status).toBe(200);
    const res = await push([
      build('b1', DAY, 10, { entityRef: 'component:default/b' }),
    ]);
    expect(res.status).toBe(409);
    expect(await stored()).toEqual(['ci/b1:component:default/a:success']);
  });

  it('deletes builds by identity and by source and entity', async () => {
    const { push, del, stored } = await start(databaseId);
    await push([
      build('b1', DAY, 10),
      build('b2', DAY, 10),
      build('b3', DAY, 10, { source: 'other' }),
      deployment('d1', DAY),
    ]);
    const byKey = await del('', {
      events: [
        { kind: 'build', source: 'ci', id: 'b1' },
        { kind: 'build', source: 'ci', id: 'missing' },
      ],
    });
    expect(byKey.body).toEqual({ deleted: 1 });
    expect(await stored()).toEqual([
      'ci/b2:component:default/a:success',
      'other/b3:component:default/a:success',
    ]);
    const bySource = await del('?source=ci&entityRef=component:default/a');
    // b2 and the deployment d1 of source ci.
    expect(bySource.body).toEqual({ deleted: 2 });
    expect(await stored()).toEqual(['other/b3:component:default/a:success']);
  });

  it('retention deletes builds finished before the cutoff', async () => {
    const { push, stored, knex } = await start(databaseId);
    await push([build('old', DAY, 10), build('new', 3 * DAY, 10)]);
    const deleter = await DatabaseEventDeleter.create({
      database: { getClient: async () => knex } as any,
    });
    expect(await deleter.deleteOlderThan(Date.parse(at(2 * DAY)))).toBe(1);
    expect(await stored()).toEqual(['ci/new:component:default/a:success']);
  });
});
