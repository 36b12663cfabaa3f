import { BackendFeature } from '@backstage/backend-plugin-api';
import type { Server } from 'node:http';
// The cluster test needs the real, database-backed scheduler.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  TestDatabases,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import {
  getProviderStatus,
  localBackendPassthrough,
} from '@paved-road/plugin-dora-node/testUtils';
import { setupServer } from 'msw/node';
import { doraModulePagerDuty } from './module';
import { component } from './__testUtils__/entities';
import {
  RecordedCall,
  TOKEN,
  fakePagerDuty,
  incident,
} from './__testUtils__/fakePagerDuty';

const server = setupServer(localBackendPassthrough);
registerMswTestHooks(server);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const hasPostgres = databases.supports('POSTGRES_15');
if (!hasPostgres) {
  // eslint-disable-next-line no-console
  console.warn(
    'Skipping the PagerDuty cluster test: no PostgreSQL configured (set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)',
  );
}

const SERVICES = ['PAAA001', 'PBBB002', 'PCCC003'];
const PER_SERVICE = 150;
const DAY = 86_400_000;

/** Splits the vendor's call log into runs: each run walks the services in order. */
function runsOf(calls: RecordedCall[]): string[][] {
  const runs: string[][] = [];
  for (const call of calls) {
    const label = `${call.serviceIds.join()}@${call.offset}`;
    if (call.serviceIds[0] === SERVICES[0] && call.offset === 0) runs.push([]);
    runs[runs.length - 1].push(label);
  }
  return runs;
}

async function status(backend: { server: Server }) {
  return (await getProviderStatus(backend.server, 'pagerduty'))!;
}

(hasPostgres ? describe : describe.skip)(
  'PagerDuty provider on two backend instances sharing PostgreSQL',
  () => {
    it('syncs each service once per run, one instance at a time, and stores every incident once', async () => {
      const knex = await databases.init('POSTGRES_15');
      // Slow answers widen the window in which two runs could overlap.
      const pd = fakePagerDuty({ delayMs: 50 });
      server.use(pd.handler);
      SERVICES.forEach((serviceId, s) => {
        for (let i = 0; i < PER_SERVICE; i++) {
          const at = Date.now() - 10 * DAY + i * 60_000 + s;
          pd.incidents.push(
            incident(
              `${serviceId}-${i}`,
              serviceId,
              new Date(at).toISOString(),
              {
                status: 'resolved',
                resolved_at: new Date(at + 30_000).toISOString(),
              },
            ),
          );
        }
      });
      const features = (): BackendFeature[] => [
        doraPlugin,
        doraModulePagerDuty,
        catalogServiceMock.factory({
          entities: SERVICES.map((id, i) => component(`svc-${i}`, id)),
        }),
        mockServices.rootConfig.factory({
          data: {
            dora: {
              providers: {
                pagerduty: {
                  token: TOKEN,
                  schedule: {
                    frequency: { seconds: 3 },
                    timeout: { minutes: 1 },
                    initialDelay: { seconds: 3 },
                  },
                },
              },
            },
          },
        }),
        mockServices.database.factory({ knex }),
        schedulerServiceFactory,
      ];
      // One after the other: two first starts at once race in knex's own
      // migrations table. Both are up well within the initial delay, so
      // both are due to run the task at the same moment.
      const a = await startTestBackend({ features: features() });
      const b = await startTestBackend({ features: features() });
      try {
        const deadline = Date.now() + 40_000;
        let current = await status(a);
        while (current.runs < 3 && Date.now() < deadline) {
          await new Promise(resolve => setTimeout(resolve, 250));
          current = await status(b);
        }
        // Let a run under way finish before counting.
        while (
          current.lastFinishedAt === null ||
          Date.parse(current.lastFinishedAt) <
            Date.parse(current.lastStartedAt!)
        ) {
          await new Promise(resolve => setTimeout(resolve, 100));
          current = await status(a);
        }
        await Promise.all([a.stop(), b.stop()]);

        const runs = runsOf(pd.calls);
        // eslint-disable-next-line no-console
        console.log(
          `cluster test: ${current.runs} runs, ${
            pd.calls.length
          } vendor calls: ${JSON.stringify(runs)}`,
        );
        expect(current.runs).toBeGreaterThanOrEqual(3);
        expect(current.failedRuns).toBe(0);
        // Never interleaved: every run read each service once, in order.
        expect(runs).toHaveLength(current.runs);
        expect(runs[0]).toEqual(
          SERVICES.flatMap(id => [`${id}@0`, `${id}@100`]),
        );
        for (const later of runs.slice(1)) {
          expect(later).toEqual(SERVICES.map(id => `${id}@0`));
        }

        const rows = await knex('dora_incidents')
          .where({ source: 'pagerduty' })
          .select('external_id');
        expect(rows).toHaveLength(SERVICES.length * PER_SERVICE);
        expect(rows.map(r => r.external_id).sort()).toEqual(
          pd.incidents.map(i => i.id).sort(),
        );
      } finally {
        await Promise.allSettled([a.stop(), b.stop()]);
      }
    }, 90_000);
  },
);
