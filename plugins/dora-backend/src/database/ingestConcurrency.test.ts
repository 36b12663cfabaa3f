import { mockServices } from '@backstage/backend-test-utils';
import {
  DAY,
  HOUR,
  createDatabases,
  deployment,
  incident,
} from '../__testUtils__/fixtures';
import { parseEvents } from '../service/parseEvents';
import { DatabaseDoraStore } from './DatabaseDoraStore';

jest.setTimeout(120_000);

const databases = createDatabases();
const ENTITIES = 8;
const BATCHES = 200;
const REFS = Array.from(
  { length: ENTITIES },
  (_, e) => `component:default/e${e}`,
);

/**
 * A batch of deployments and incidents over several shared entities, in an
 * order of its own, resending events other batches also send (same ids,
 * same shas), so concurrent batches lock overlapping rows.
 */
function mixedBatch(n: number) {
  const events = [];
  for (let k = 0; k < 6; k++) {
    const e = (n * 7 + k * 3) % ENTITIES;
    const entityRef = `component:default/e${e}`;
    const t = ((n + k) % 20) * DAY;
    events.push(
      deployment(`d${(n + k) % 40}-${e}`, t, {
        entityRef,
        changes: [
          {
            sha: `s${(n + k) % 10}`,
            committedAt: new Date(
              Date.parse('2026-10-20T00:00:00Z') + k * HOUR,
            ).toISOString(),
          },
        ],
      }),
      incident(
        `i${(n * 3 + k) % 30}-${e}`,
        t + HOUR,
        n % 2 ? null : t + 2 * HOUR,
        {
          entityRef,
        },
      ),
    );
  }
  // Half the batches list their events backwards.
  return n % 2 ? events.reverse() : events;
}

describe('concurrent ingest', () => {
  it.each(databases.eachSupportedId())(
    'finishes 200 concurrent mixed batches without a deadlock on %p',
    async id => {
      const knex = await databases.init(id);
      const logger = mockServices.logger.mock();
      const store = await DatabaseDoraStore.create({
        database: { getClient: async () => knex },
        isProduction: env => env === 'production',
        productionSignature: '["production"]',
        logger,
      });
      const window = {
        from: Date.parse('2026-10-01T00:00:00Z'),
        to: Date.parse('2026-12-01T00:00:00Z'),
        scope: { type: 'production' as const },
      };
      // Rollups exist before, so the ingests must also mark them stale.
      await store.getFigures({ ...window, entityRefs: [REFS[0], REFS[1]] });

      const results = await Promise.allSettled(
        Array.from({ length: BATCHES }, (_, n) =>
          store.ingest(parseEvents({ events: mixedBatch(n) })),
        ),
      );

      const failures = results.filter(r => r.status === 'rejected');
      expect(
        failures.map(f => String((f as PromiseRejectedResult).reason)),
      ).toEqual([]);
      // The stable lock order avoids deadlocks; the retry is a safety net.
      expect(logger.warn).not.toHaveBeenCalled();
      for (const entityRef of REFS) {
        const query = { ...window, entityRefs: [entityRef] };
        expect(await store.getFiguresFromRollups(query)).toEqual(
          await store.getFiguresFromTables(query),
        );
      }
    },
  );
});
