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
import {
  DAY,
  HOUR,
  at,
  createDatabases,
  deployment,
  incident,
} from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createDatabases();
const window = `from=${at(0)}&to=${at(7 * DAY)}`;
const alice = () => mockCredentials.user.header(ALICE);
const bob = () => mockCredentials.user.header('user:default/bob');
const B = { entityRef: 'component:default/b' };

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
        deployment('a1', DAY, {
          changes: [{ sha: 's1', committedAt: at(DAY - HOUR) }],
        }),
        deployment('a2', 2 * DAY, {
          changes: [{ sha: 's2', committedAt: at(2 * DAY - 2 * HOUR) }],
        }),
        deployment('a3', 3 * DAY, { source: 'other' }),
        // Linked latest-before to a2.
        incident('i1', 2 * DAY + HOUR, 2 * DAY + 3 * HOUR),
        deployment('b1', DAY, B),
      ],
    });
  expect(push.status).toBe(200);
  const pushSecret = async () =>
    request(server)
      .post('/api/dora/events')
      .set('Authorization', mockCredentials.service.header())
      .send({
        events: [
          deployment('s1', DAY, { entityRef: 'component:default/secret' }),
        ],
      });
  const del = (auth: string, query = '', body?: object) => {
    const req = request(server)
      .delete(`/api/dora/events${query}`)
      .set('Authorization', auth);
    return body ? req.send(body) : req;
  };
  const get = async (path: string) => {
    const res = await request(server)
      .get(`/api/dora${path}`)
      .set('Authorization', bob());
    expect(res.status).toBe(200);
    return res.body;
  };
  // Team A owns a and secret: two entities, so the owner figures come
  // from the rollups and the entity figures from the event tables.
  const figures = async () => {
    const {
      window: _w,
      entityRefs: _e,
      ...entity
    } = await get(`/metrics?entityRef=component:default/a&${window}`);
    const {
      window: _w2,
      entityRefs: _e2,
      ...owner
    } = await get(`/metrics?owner=group:default/team-a&${window}`);
    const secret = await get(
      `/metrics?entityRef=component:default/secret&${window}`,
    );
    return { entity, owner, secretDeployments: secret.deploymentFrequency };
  };
  const evidence = async (ref: string) =>
    (await get(`/deployments?entityRef=${ref}&${window}`)).items.map(
      (d: { id: string; incidents: Array<{ id: string; rule: string }> }) => [
        d.id,
        d.incidents.map(i => `${i.id}:${i.rule}`),
      ],
    );
  return { del, figures, evidence, pushSecret };
}

describe.each(databases.eachSupportedId())('DORA deletes on %p', databaseId => {
  it('deletes by identity; the incident relinks to the earlier deployment', async () => {
    const { del, figures, evidence } = await start(databaseId);
    const before = await figures();
    expect(before.entity.deploymentFrequency.deployments).toBe(3);
    expect(before.entity.leadTimeForChanges.changes).toBe(2);
    expect(before.entity.changeFailureRate.failedDeployments).toBe(1);
    expect(await evidence('component:default/a')).toEqual([
      ['a3', []],
      ['a2', ['i1:latest-before']],
      ['a1', []],
    ]);

    const res = await del(bob(), '', {
      events: [
        { kind: 'deployment', source: 'ci', id: 'a2' },
        { kind: 'incident', source: 'pager', id: 'unknown' },
      ],
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: 1 });
    const after = await figures();
    expect(after.entity.deploymentFrequency.deployments).toBe(2);
    expect(after.entity.leadTimeForChanges.changes).toBe(1);
    expect(after.entity.changeFailureRate).toMatchObject({
      deployments: 2,
      failedDeployments: 1,
    });
    expect(after.owner).toEqual(after.entity);
    expect(await evidence('component:default/a')).toEqual([
      ['a3', []],
      ['a1', ['i1:latest-before']],
    ]);
  });

  it('deleting an incident no longer fails its deployment', async () => {
    const { del, figures, evidence } = await start(databaseId);
    await figures();

    const res = await del(bob(), '', {
      events: [{ kind: 'incident', source: 'pager', id: 'i1' }],
    });

    expect(res.body).toEqual({ deleted: 1 });
    const after = await figures();
    expect(after.entity.changeFailureRate.failedDeployments).toBe(0);
    expect(after.entity.timeToRestore.incidents).toBe(0);
    expect(after.owner).toEqual(after.entity);
    expect(await evidence('component:default/a')).toEqual([
      ['a3', []],
      ['a2', []],
      ['a1', []],
    ]);
  });

  it('deletes every event of one source for one entity', async () => {
    const { del, figures, evidence } = await start(databaseId);
    await figures();

    const res = await del(bob(), '?source=ci&entityRef=component:default/a');

    expect(res.body).toEqual({ deleted: 2 });
    const after = await figures();
    expect(after.entity.deploymentFrequency.deployments).toBe(1);
    expect(after.entity.changeFailureRate.failedDeployments).toBe(0);
    // The incident stays, now opened after no qualifying deployment.
    expect(after.entity.timeToRestore.incidents).toBe(1);
    expect(after.owner).toEqual(after.entity);
    expect(await evidence('component:default/a')).toEqual([['a3', []]]);
    expect(await evidence('component:default/b')).toEqual([['b1', []]]);
  });

  it('refuses with 403 naming the denied entity and deletes nothing', async () => {
    const { del, evidence } = await start(databaseId);

    const res = await del(alice(), '', {
      events: [
        { kind: 'deployment', source: 'ci', id: 'a1' },
        { kind: 'deployment', source: 'ci', id: 'b1' },
      ],
    });

    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        "Not allowed to delete events of 'component:default/b' (permission 'dora.event.delete'); nothing was deleted",
    });
    expect(await evidence('component:default/a')).toHaveLength(3);
    expect(await evidence('component:default/b')).toEqual([['b1', []]]);
    const own = await del(alice(), '?source=ci&entityRef=component:default/a');
    expect(own.body).toEqual({ deleted: 2 });
  });

  it('answers 404 for an entity the caller cannot see', async () => {
    const { del, figures, pushSecret } = await start(databaseId);
    expect((await pushSecret()).status).toBe(200);

    const res = await del(
      alice(),
      '?source=ci&entityRef=component:default/secret',
    );

    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
    expect((await figures()).secretDeployments.deployments).toBe(1);
  });

  it('answers 400 naming the field, and 413 above 5,000 identities', async () => {
    const { del } = await start(databaseId);
    const bad = await del(bob(), '', {
      events: [
        { kind: 'deployment', source: 'ci', id: 'a1' },
        { kind: 'release', source: 'ci', id: 'x' },
      ],
    });
    const noId = await del(bob(), '', {
      events: [{ kind: 'incident', source: 'pager' }],
    });
    const half = await del(bob(), '?source=ci');
    const none = await del(bob());
    const many = await del(bob(), '', {
      events: Array.from({ length: 5001 }, (_, i) => ({
        kind: 'deployment',
        source: 'ci',
        id: `d${i}`,
      })),
    });

    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      "events[1].kind: expected 'deployment', 'incident' or 'build'",
    );
    expect(noId.body.error.message).toBe(
      'events[0].id: expected a non-empty string',
    );
    expect(half.status).toBe(400);
    expect(half.body.error.message).toBe(
      "Invalid 'entityRef': expected a non-empty string",
    );
    expect(none.status).toBe(400);
    expect(many.status).toBe(413);
  });
});
