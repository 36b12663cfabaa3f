import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { doraPlugin } from '../../plugin';
import { DAY, at } from '../../__testUtils__/fixtures';
import { ALICE, outcomeEvents, outcomesCatalog } from './outcomesFixtures';

/** The window of the outcomes tests: 45 days from T0. */
export const window = `from=${at(0)}&to=${at(45 * DAY)}`;
const WEEKS = 45 / 7;
export const user = (ref: string) => mockCredentials.user.header(ref);

/** A backend with the outcome events pushed, and a GET of `/outcomes`. */
export async function startOutcomes(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      outcomesCatalog,
      mockServices.database.factory({ knex }),
      // A request without a token is anonymous, as in a real backend.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  const push = await request(server)
    .post('/api/dora/events')
    .set('Authorization', mockCredentials.service.header())
    .send({ events: outcomeEvents });
  expect(push.status).toBe(200);
  const get = (query: string, auth = user(ALICE)) =>
    request(server)
      .get(`/api/dora/outcomes?${query}`)
      .set('Authorization', auth);
  return { server, get };
}

/** A group of fewer than 3 services. */
export const tooFew = (services: number) => ({
  services,
  deploymentFrequency: null,
  leadTimeForChanges: null,
  changeFailureRate: null,
  timeToRestore: null,
  failedDeploymentRecoveryTime: null,
  builds: null,
  reason: `Only ${services} service${
    services === 1 ? '' : 's'
  }: figures need at least 3`,
});

/** The figures a group's deployments give; tiers are /metrics' own. */
export function figures(f: {
  services: number;
  deployments: number;
  days: number;
  failed: number;
  leadTimes: number[];
  restores: number[];
  recoveries: number[];
  builds: object;
}) {
  return {
    services: f.services,
    deploymentFrequency: {
      deployments: f.deployments,
      deploymentDays: f.days,
      perWeek: expect.closeTo(f.deployments / WEEKS, 10),
    },
    changeFailureRate: {
      deployments: f.deployments,
      failedDeployments: f.failed,
      ratio: f.failed / f.deployments,
    },
    leadTimeForChanges:
      f.leadTimes.length === 0
        ? { changes: 0, medianSeconds: null, p90Seconds: null }
        : // Two samples: the median is their mean, p90 90% of the way up.
          {
            changes: 2,
            medianSeconds: (f.leadTimes[0] + f.leadTimes[1]) / 2,
            p90Seconds:
              f.leadTimes[0] + 0.9 * (f.leadTimes[1] - f.leadTimes[0]),
          },
    timeToRestore: {
      incidents: f.restores.length,
      medianSeconds: f.restores[0] ?? null,
    },
    failedDeploymentRecoveryTime: {
      incidents: f.recoveries.length,
      medianSeconds: f.recoveries[0] ?? null,
    },
    builds: f.builds,
    reason: null,
  };
}

// Lead times: p4's change 12 h, p1's 24 h. p1's incident: open 2 h,
// resolved 3 h after p1's deployment of day 5.
export const LEAD = [43200, 86400];
// Builds: p1 600 s, p2 300 s (failed), p4 900 s and one cancelled.
export const PAVED_BUILDS = {
  builds: 4,
  succeeded: 2,
  failed: 1,
  cancelled: 1,
  successRate: 2 / 3,
  medianSeconds: 600,
  p90Seconds: 840,
};
/** Payments' paved services (p1..p4, and `secret` for those who see it). */
export const payments = (
  services: number,
  deployments: number,
  builds: object = PAVED_BUILDS,
) =>
  figures({
    builds,
    services,
    deployments,
    days: 5,
    failed: 1,
    leadTimes: LEAD,
    restores: [7200],
    recoveries: [10800],
  });
