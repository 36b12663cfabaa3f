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
import { DAY, at, build, createDatabases } from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createDatabases();
const MIN = 60000;
const window = `from=${at(0)}&to=${at(7 * DAY)}`;
const SECRET = { entityRef: 'component:default/secret' };

/*
 * Hand-computed, window [day 0, day 7):
 * a: a1 success 10 min (finishes exactly at `from`: in), a2 success 20,
 *    a3 failure 40, a4 cancelled 100 (counted, no duration, not in the
 *    rate), a5 success finishing exactly at `to` (out).
 *    -> 4 builds, rate 2/3, durations [10, 20, 40] min: median 20 min,
 *       p90 = 20 + 0.8 * (40 - 20) = 36 min.
 * secret: s1 failure 60 min -> rate 0, median = p90 = 60 min.
 * team-a (a + secret): 5 builds, rate 2/4, durations [10, 20, 40, 60]:
 *    median 30 min, p90 = 40 + 0.7 * 20 = 54 min.
 * b: nothing -> counts 0, rate and durations null.
 */
const A = {
  builds: 4,
  succeeded: 2,
  failed: 1,
  cancelled: 1,
  successRate: 2 / 3,
  medianSeconds: 1200,
  p90Seconds: 2160,
};
const S = {
  builds: 1,
  succeeded: 0,
  failed: 1,
  cancelled: 0,
  successRate: 0,
  medianSeconds: 3600,
  p90Seconds: 3600,
};
const EMPTY = {
  builds: 0,
  succeeded: 0,
  failed: 0,
  cancelled: 0,
  successRate: null,
  medianSeconds: null,
  p90Seconds: null,
};

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
  const pushed = await request(server)
    .post('/api/dora/events')
    .set('Authorization', mockCredentials.service.header())
    .send({
      events: [
        build('a1', -10 * MIN, 10),
        build('a2', DAY, 20),
        build('a3', 2 * DAY, 40, { status: 'failure', pipeline: 'nightly' }),
        build('a4', 3 * DAY, 100, { status: 'cancelled' }),
        build('a5', 7 * DAY - 5 * MIN, 5),
        build('s1', 4 * DAY, 60, { ...SECRET, status: 'failure' }),
      ],
    });
  expect(pushed.status).toBe(200);
  const get = (path: string, auth = mockCredentials.user.header()) =>
    request(server).get(`/api/dora${path}`).set('Authorization', auth);
  return { get };
}

describe.each(databases.eachSupportedId())(
  'DORA build figures on %p',
  databaseId => {
    it('serves per-entity figures in /metrics; builds never count in the four keys', async () => {
      const { get } = await start(databaseId);
      const res = await get(`/metrics?entityRef=component:default/a&${window}`);
      expect(res.status).toBe(200);
      expect(res.body.builds).toEqual({
        ...A,
        successRate: expect.closeTo(2 / 3, 10),
      });
      expect(res.body.deploymentFrequency.deployments).toBe(0);
      expect(res.body.changeFailureRate.ratio).toBeNull();
      const b = await get(`/metrics?entityRef=component:default/b&${window}`);
      expect(b.body.builds).toEqual(EMPTY);
    });

    it('serves owner figures over all its entities, and each in /metrics/by-entity', async () => {
      const { get } = await start(databaseId);
      const owner = await get(`/metrics?owner=group:default/team-a&${window}`);
      expect(owner.body.builds).toEqual({
        builds: 5,
        succeeded: 2,
        failed: 2,
        cancelled: 1,
        successRate: 0.5,
        medianSeconds: 1800,
        p90Seconds: 3240,
      });
      const byEntity = await get(
        `/metrics/by-entity?owner=group:default/team-a&${window}`,
      );
      expect(
        byEntity.body.items.map((i: { entityRef: string; builds: object }) => [
          i.entityRef,
          i.builds,
        ]),
      ).toEqual([
        ['component:default/a', { ...A, successRate: expect.closeTo(2 / 3) }],
        ['component:default/secret', S],
      ]);
      const byRefs = await get(
        `/metrics/by-entity?entityRefs=component:default/b,component:default/secret&${window}`,
      );
      expect(
        byRefs.body.items.map((i: { builds: object }) => i.builds),
      ).toEqual([EMPTY, S]);
    });

    it('answers only for what the caller can see', async () => {
      const { get } = await start(databaseId);
      const alice = mockCredentials.user.header(ALICE);
      const hidden = await get(
        `/metrics?entityRef=component:default/secret&${window}`,
        alice,
      );
      expect(hidden.status).toBe(404);
      const owner = await get(
        `/metrics?owner=group:default/team-a&${window}`,
        alice,
      );
      expect(owner.body.builds).toEqual({
        ...A,
        successRate: expect.closeTo(2 / 3),
      });
      const byEntity = await get(
        `/metrics/by-entity?owner=group:default/team-a&${window}`,
        alice,
      );
      expect(
        byEntity.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/a']);
    });

    it('bounds the window to 2 years (credentials: see plugin.test.ts)', async () => {
      const { get } = await start(databaseId);
      const long = await get(
        `/metrics?entityRef=component:default/a&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      );
      expect(long.status).toBe(400);
      expect(long.body.error.message).toContain("'from'");
    });
  },
);
