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
const A = 'component:default/a';
const SECRET = 'component:default/secret';
const alice = () => mockCredentials.user.header(ALICE);
const bob = () => mockCredentials.user.header('user:default/bob');
const change = (sha: string, ms: number) => ({ sha, committedAt: at(ms) });

/** Three weeks from T0 with different figures in each. */
const events = [
  deployment('w1', DAY, { changes: [change('c1', DAY - 2 * HOUR)] }),
  deployment('w2a', 8 * DAY, { changes: [change('c2', 7 * DAY)] }),
  deployment('w2b', 9 * DAY, {
    status: 'failure',
    changes: [change('c3', 8 * DAY + HOUR)],
  }),
  deployment('w2c', 10 * DAY, { rework: true }),
  incident('i2', 9 * DAY + HOUR, 9 * DAY + 4 * HOUR, { deploymentId: 'w2a' }),
  deployment('w3', 15 * DAY, { changes: [change('c4', 14 * DAY)] }),
  incident('i3', 16 * DAY, 16 * DAY + HOUR),
  deployment('s1', 2 * DAY, { entityRef: SECRET }),
  deployment('s2', 16 * DAY, { entityRef: SECRET }),
];

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
    .send({ events });
  expect(push.status).toBe(200);
  const get = (path: string, auth = bob()) =>
    request(server).get(`/api/dora${path}`).set('Authorization', auth);
  return get;
}

describe.each(databases.eachSupportedId())(
  'GET /metrics/trend and /metrics/by-entity on %p',
  databaseId => {
    it('gives each trend bucket the figures of /metrics for its week', async () => {
      const get = await start(databaseId);

      for (const subject of [`entityRef=${A}`, 'owner=group:default/team-a']) {
        const trend = await get(
          `/metrics/trend?${subject}&bucket=week&count=3&to=${at(21 * DAY)}`,
        );

        expect(trend.status).toBe(200);
        expect(trend.body.buckets.map((b: any) => [b.from, b.to])).toEqual([
          [at(0), at(7 * DAY)],
          [at(7 * DAY), at(14 * DAY)],
          [at(14 * DAY), at(21 * DAY)],
        ]);
        for (const bucket of trend.body.buckets) {
          const metrics = await get(
            `/metrics?${subject}&from=${bucket.from}&to=${bucket.to}`,
          );
          // Builds are a /metrics figure only (README: not in trend buckets).
          const { builds, ...keys } = metrics.body;
          expect(builds).toBeDefined();
          expect(bucket).toEqual({
            from: bucket.from,
            to: bucket.to,
            ...keys,
          });
        }
      }
      const entity = await get(
        `/metrics/trend?entityRef=${A}&count=3&to=${at(21 * DAY)}`,
      );
      const [w1, w2, w3] = entity.body.buckets;
      expect(
        entity.body.buckets.map((b: any) => b.deploymentFrequency.deployments),
      ).toEqual([1, 2, 1]);
      expect(w1.leadTimeForChanges.medianSeconds).toBe(2 * 3600);
      // w2a caused i2; w2b failed to deploy and is no deployment at all.
      expect(w2.changeFailureRate.failedDeployments).toBe(1);
      expect(w2.reworkRate.reworkDeployments).toBe(1);
      expect(w2.timeToRestore).toMatchObject({
        incidents: 1,
        medianSeconds: 3 * 3600,
      });
      expect(w3.timeToRestore.incidents).toBe(1);
      expect(w3.leadTimeForChanges.medianSeconds).toBe(DAY / 1000);
    });

    it('gives 12 weeks ending now by default', async () => {
      const get = await start(databaseId);

      const trend = await get(`/metrics/trend?entityRef=${A}`);

      expect(trend.status).toBe(200);
      expect(trend.body.buckets).toHaveLength(12);
      const last = trend.body.buckets[11];
      expect(Date.parse(last.to) - Date.parse(last.from)).toBe(7 * DAY);
      expect(Math.abs(Date.parse(last.to) - Date.now())).toBeLessThan(60_000);
    });

    it('gives by-entity items equal to per-entity /metrics, visible entities only', async () => {
      const get = await start(databaseId);
      const window = `from=${at(0)}&to=${at(21 * DAY)}`;

      const forBob = await get(
        `/metrics/by-entity?owner=group:default/team-a&${window}`,
      );
      const forAlice = await get(
        `/metrics/by-entity?owner=group:default/team-a&${window}`,
        alice(),
      );

      expect(forBob.status).toBe(200);
      expect(forBob.body.items.map((i: any) => i.entityRef)).toEqual([
        A,
        SECRET,
      ]);
      for (const item of forBob.body.items) {
        const metrics = await get(
          `/metrics?entityRef=${item.entityRef}&${window}`,
        );
        expect(item).toEqual({ entityRef: item.entityRef, ...metrics.body });
      }
      expect(
        forBob.body.items.map((i: any) => i.deploymentFrequency.deployments),
      ).toEqual([4, 2]);
      expect(forAlice.body.items.map((i: any) => i.entityRef)).toEqual([A]);
    });

    it('answers 404 for an entity the caller cannot see, like an unknown one', async () => {
      const get = await start(databaseId);

      const hidden = await get(`/metrics/trend?entityRef=${SECRET}`, alice());
      const unknown = await get(
        '/metrics/trend?entityRef=component:default/nope',
        alice(),
      );
      const noOwner = await get('/metrics/by-entity?owner=group:default/nope');

      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        `No entity '${SECRET}' in the catalog`,
      );
      expect(unknown.status).toBe(404);
      expect(noOwner.status).toBe(404);
      expect((await get(`/metrics/trend?entityRef=${SECRET}`)).status).toBe(
        200,
      );
    });

    it('answers 400 naming the field for a bad count, bucket or missing owner', async () => {
      const get = await start(databaseId);

      for (const [query, message] of [
        ['count=0', "Invalid 'count': expected a whole number from 1 to 52"],
        ['count=53', "Invalid 'count': expected a whole number from 1 to 52"],
        ['count=x', "Invalid 'count': expected a whole number from 1 to 52"],
        ['bucket=day', "Invalid 'bucket': expected 'week'"],
      ]) {
        const res = await get(`/metrics/trend?entityRef=${A}&${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(message);
      }
      const noOwner = await get(`/metrics/by-entity?entityRef=${A}`);
      expect(noOwner.status).toBe(400);
      expect(noOwner.body.error.message).toMatch(/^Invalid 'owner'/);
      const tooLong = await get(
        `/metrics/by-entity?owner=group:default/team-a&from=${at(
          -800 * DAY,
        )}&to=${at(0)}`,
      );
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toMatch(/^Invalid 'from'/);
    });
  },
);
