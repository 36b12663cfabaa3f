import {
  DAY,
  HOUR,
  T0,
  createDatabases,
  createService,
  deployment,
  incident,
} from '../__testUtils__/fixtures';
import { parseEvents } from '../service/parseEvents';
import { DatabaseDoraStore } from './DatabaseDoraStore';
import { DatabaseEventDeleter, RETENTION_BATCH } from './DatabaseEventDeleter';
import { MetricsQuery } from './types';

jest.setTimeout(120_000);

const databases = createDatabases();
const A = 'component:default/a';
const cutoff = T0 - 365 * DAY;
// From well before the cutoff to after the newest event: many months.
const query: MetricsQuery = {
  entityRefs: [A],
  from: T0 - 500 * DAY,
  to: T0 + 30 * DAY,
  scope: { type: 'production' },
};

/** Rollups (built before the deletion) against a fresh computation. */
async function expectConsistent(store: DatabaseDoraStore) {
  const fromTables = await store.getFiguresFromTables(query);
  expect(await store.getFiguresFromRollups(query)).toEqual(fromTables);
  return fromTables;
}

describe.each(databases.eachSupportedId())('retention on %p', id => {
  it('deletes only events older than the cutoff, in batches, keeping rollups right', async () => {
    const { store, knex } = await createService(databases, id);
    const deleter = await DatabaseEventDeleter.create({
      database: { getClient: async () => knex } as any,
    });
    const old = Array.from({ length: RETENTION_BATCH + 20 }, (_, i) =>
      deployment(`old${i}`, -400 * DAY + i * HOUR, {
        changes: [
          {
            sha: `s${i % 3}`,
            committedAt: new Date(T0 - 401 * DAY).toISOString(),
          },
        ],
      }),
    );
    await store.ingest(
      parseEvents({
        events: [
          ...old,
          // Linked latest-before to an old deployment, then unlinked.
          incident('straddling', -360 * DAY, -359 * DAY),
          incident('oldIncident', -390 * DAY, -389 * DAY),
          deployment('new1', DAY, {
            changes: [{ sha: 's1', committedAt: new Date(T0).toISOString() }],
          }),
          incident('newIncident', 2 * DAY, 2 * DAY + HOUR),
        ],
      }),
    );
    const before = await expectConsistent(store);
    expect(before.deployments).toBe(RETENTION_BATCH + 21);
    expect(before.failedDeployments).toBe(3);

    const aborted = new AbortController();
    aborted.abort();
    expect(await deleter.deleteOlderThan(cutoff, aborted.signal)).toBe(0);
    const deleted = await deleter.deleteOlderThan(cutoff);

    expect(deleted).toBe(RETENTION_BATCH + 21);
    expect(
      (await knex('dora_deployments').select('external_id')).map(
        r => r.external_id,
      ),
    ).toEqual(['new1']);
    expect(
      (await knex('dora_incidents').orderBy('external_id')).map(r => [
        r.external_id,
        r.linked_deployment_id === null ? null : Number(r.linked_deployment_id),
      ]),
    ).toEqual([
      ['newIncident', expect.any(Number)],
      ['straddling', null],
    ]);
    const after = await expectConsistent(store);
    expect(after.deployments).toBe(1);
    expect(after.failedDeployments).toBe(1);
    // s1 was shipped first by an old deployment; now new1 ships it first.
    expect(after.leadTime.samples).toBe(1);
    expect(after.restore.samples).toBe(2);
    expect(
      (await knex('dora_rollups').where('month', '<', monthOfCutoff())).length,
    ).toBe(0);
  });
});

function monthOfCutoff() {
  const d = new Date(cutoff);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
