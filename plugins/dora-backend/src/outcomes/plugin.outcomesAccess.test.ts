import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { DAY, at, createDatabases } from '../__testUtils__/fixtures';
import {
  PAVED_BUILDS,
  payments,
  startOutcomes,
  tooFew,
  user,
  window,
} from './__testUtils__/outcomesBackend';
import { MALLORY } from './__testUtils__/outcomesFixtures';

jest.setTimeout(120_000);

const databases = createDatabases();
const start = (id: Parameters<typeof databases.init>[0]) =>
  startOutcomes(databases, id);

describe.each(databases.eachSupportedId())(
  'GET /outcomes access on %p',
  databaseId => {
    it('counts the entities only those who see them', async () => {
      const { get } = await start(databaseId);
      const bob = await get(window, user('user:default/bob'));
      expect(bob.status).toBe(200);
      // `secret`: scaffolded on day 5, deployed on day 6 (a day that p2 also
      // deployed on).
      expect(bob.body.timeToFirstDeploy.byArchetype[0]).toEqual({
        archetype: 'node-service',
        services: 4,
        deployed: 4,
        medianMs: 2 * DAY,
        p90Ms: 3.4 * DAY,
      });
      expect(bob.body.pavedRoad.byTeam[1]).toMatchObject({
        team: 'group:default/payments',
        // `secret`'s build: 1200 s.
        paved: payments(5, 6, {
          ...PAVED_BUILDS,
          builds: 5,
          succeeded: 3,
          successRate: 0.75,
          medianSeconds: 750,
          p90Seconds: 1110,
        }),
      });
      expect(bob.body.pavedRoad.overall.paved).toMatchObject({
        services: 6,
        deploymentFrequency: { deployments: 7, deploymentDays: 6 },
      });
    });

    it('answers a caller denied the catalog with nothing to count, and 404 for an owner', async () => {
      const { get } = await start(databaseId);
      const denied = await get(window, user(MALLORY));
      expect(denied.status).toBe(200);
      expect(denied.body.timeToFirstDeploy).toEqual({
        byArchetype: [],
        byMonth: [],
        waiting: [],
      });
      expect(denied.body.pavedRoad).toEqual({
        overall: { paved: tooFew(0), offRoad: tooFew(0) },
        byTeam: [],
      });
      const owner = await get(`${window}&owner=payments`, user(MALLORY));
      expect(owner.status).toBe(404);
      expect(owner.body.error.name).toBe('NotFoundError');
    });

    it('needs credentials and bounds the query, naming the parameter', async () => {
      const { server, get } = await start(databaseId);
      const anonymous = await request(server).get(
        `/api/dora/outcomes?${window}`,
      );
      expect(anonymous.status).toBe(401);

      const service = await get(window, mockCredentials.service.header());
      expect(service.status).toBe(200);

      for (const [query, message] of [
        ['from=yesterday', "Invalid 'from': expected an ISO 8601 date"],
        [`to=${at(0)}&from=${at(DAY)}`, "Invalid 'from'"],
        [
          `from=2024-01-01T00:00:00Z&to=${at(0)}`,
          "Invalid 'from': expected a window of at most 2 years",
        ],
        ['owner=a&owner=b', "Invalid 'owner'"],
        ['owner=group:default/', "Invalid 'owner': expected a group ref"],
      ]) {
        const res = await get(query);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toContain(message);
      }

      const defaults = await get('');
      expect(defaults.status).toBe(200);
      const { from, to } = defaults.body.window;
      expect(Date.parse(to) - Date.parse(from)).toBe(90 * DAY);
    });
  },
);
