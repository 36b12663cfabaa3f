import { DAY, at, createDatabases } from '../__testUtils__/fixtures';
import {
  LEAD,
  PAVED_BUILDS,
  figures,
  payments,
  startOutcomes,
  tooFew,
  window,
} from './__testUtils__/outcomesBackend';

jest.setTimeout(120_000);

const databases = createDatabases();
const start = (id: Parameters<typeof databases.init>[0]) =>
  startOutcomes(databases, id);

describe.each(databases.eachSupportedId())(
  'GET /outcomes on %p',
  databaseId => {
    it('pins time to first deploy and paved road vs off road for what Alice sees', async () => {
      const { get } = await start(databaseId);
      const res = await get(window);
      expect(res.status).toBe(200);
      expect(res.body.window).toEqual({ from: at(0), to: at(45 * DAY) });
      expect(res.body.owner).toBeNull();

      // p1 2 days, p2 4 days (staging and a failed deployment don't count),
      // p4 2 days (a deployment before it was scaffolded doesn't count), p3
      // never; c1 was scaffolded before the window, `secret` is hidden.
      expect(res.body.timeToFirstDeploy).toEqual({
        byArchetype: [
          {
            archetype: 'node-service',
            services: 3,
            deployed: 3,
            medianMs: 2 * DAY,
            p90Ms: 3.6 * DAY,
          },
          {
            archetype: 'python-service',
            services: 1,
            deployed: 0,
            medianMs: null,
            p90Ms: null,
          },
        ],
        byMonth: [
          {
            month: '2026-11',
            services: 3,
            deployed: 2,
            medianMs: 3 * DAY,
            p90Ms: 3.8 * DAY,
          },
          {
            month: '2026-12',
            services: 1,
            deployed: 1,
            medianMs: 2 * DAY,
            p90Ms: 2 * DAY,
          },
        ],
        waiting: [
          { entityRef: 'component:default/p3', scaffoldedAt: at(10 * DAY) },
        ],
      });

      // Paved: p1 (days 3, 5), p2 (6), p4 (34, 37), c1 (4), p3 none.
      // Off road: o1 (2), o2 (2, rolled back on 3), o3 (7), o4 none.
      expect(res.body.pavedRoad).toMatchObject({
        overall: {
          paved: figures({
            builds: PAVED_BUILDS,
            services: 5,
            deployments: 6,
            days: 6,
            failed: 1,
            leadTimes: LEAD,
            restores: [7200],
            recoveries: [10800],
          }),
          offRoad: figures({
            // o1 120 s, o2 240 s (failed), o3 360 s.
            builds: {
              builds: 3,
              succeeded: 2,
              failed: 1,
              cancelled: 0,
              successRate: 2 / 3,
              medianSeconds: 240,
              p90Seconds: 336,
            },
            services: 4,
            deployments: 4,
            days: 3,
            failed: 1,
            leadTimes: [],
            restores: [],
            recoveries: [],
          }),
        },
        byTeam: [
          {
            team: 'group:default/checkout',
            paved: tooFew(1),
            offRoad: figures({
              builds: {
                builds: 2,
                succeeded: 1,
                failed: 1,
                cancelled: 0,
                successRate: 0.5,
                medianSeconds: 300,
                p90Seconds: 348,
              },
              services: 3,
              deployments: 3,
              days: 3,
              failed: 1,
              leadTimes: [],
              restores: [],
              recoveries: [],
            }),
          },
          {
            team: 'group:default/payments',
            paved: payments(4, 5),
            offRoad: tooFew(1),
          },
        ],
      });
      expect(res.body.pavedRoad.byTeam).toHaveLength(2);
    });

    it('narrows to an owner and its child groups', async () => {
      const { get } = await start(databaseId);
      const team = await get(`${window}&owner=payments`);
      expect(team.status).toBe(200);
      expect(team.body.owner).toBe('group:default/payments');
      expect(team.body.pavedRoad.overall).toMatchObject({
        paved: payments(4, 5),
        offRoad: tooFew(1),
      });
      expect(team.body.pavedRoad.byTeam.map((t: any) => t.team)).toEqual([
        'group:default/payments',
      ]);
      expect(team.body.timeToFirstDeploy.waiting).toHaveLength(1);

      const parent = await get(`${window}&owner=group:default/commerce`);
      const all = await get(window);
      expect(parent.status).toBe(200);
      expect({ ...parent.body, owner: null }).toEqual(all.body);
    });
  },
);
