import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import { createDatabases, createService } from '../__testUtils__/fixtures';
import { DatabaseSloSnapshots } from './DatabaseSloSnapshots';

const databases = createDatabases();

const body = (
  entityRef: string,
  attainment: number | null,
): DoraEntitySlos => ({
  entityRef,
  definitions: { type: 'config', location: 'app-config: dora.slo.definitions' },
  slos: [
    {
      name: 'availability',
      displayName: 'Availability',
      target: 0.99,
      budgetingMethod: 'Occurrences',
      window: { label: '30d', from: '', to: '' },
      attainment,
      errorBudget:
        attainment === null
          ? null
          : {
              unit: 'seconds',
              total: 100,
              consumed: 50,
              remaining: 50,
              remainingRatio: 0.5,
            },
      burnRates: { '1h': null, '6h': null, '1d': null, '3d': null },
      status: attainment === null ? 'no-data' : 'ok',
      firing: [],
    },
  ],
});

async function setup(id: Parameters<typeof createService>[1]) {
  const { knex } = await createService(databases, id);
  const store = await DatabaseSloSnapshots.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

describe('DatabaseSloSnapshots', () => {
  it.each(databases.eachSupportedId())(
    'answers concurrent single reads with one query, by case-insensitive ref, on %p',
    async id => {
      const { knex, store } = await setup(id);
      const refs = Array.from(
        { length: 50 },
        (_, i) => `component:default/s${i}`,
      );
      await store.write(
        refs.map(r => ({ entityRef: r, body: body(r, 0.995) })),
        Date.parse('2026-12-04T10:00:00Z'),
      );
      const selects: string[] = [];
      const onQuery = (q: { sql: string }) => {
        if (/select/i.test(q.sql) && q.sql.includes('dora_slo_snapshots')) {
          selects.push(q.sql);
        }
      };
      knex.on('query', onQuery);
      try {
        const read = await Promise.all([
          ...refs.map(r => store.read(r.toUpperCase())),
          store.read('component:default/unknown'),
        ]);
        expect(selects).toHaveLength(1);
        expect(read.slice(0, 50).map(r => r?.body.entityRef)).toEqual(refs);
        expect(read[0]?.computedAt).toBe(Date.parse('2026-12-04T10:00:00Z'));
        expect(read[50]).toBeUndefined();
      } finally {
        knex.removeListener('query', onQuery);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one row per SLO and day, prunes old days and stale snapshots, on %p',
    async id => {
      const { store } = await setup(id);
      const ref = 'component:default/a';
      await store.write(
        [{ entityRef: ref, body: body(ref, 0.99) }],
        Date.parse('2026-01-01T23:00:00Z'),
      );
      await store.write(
        [{ entityRef: ref, body: body(ref, 0.98) }],
        Date.parse('2026-01-02T01:00:00Z'),
      );
      await store.write(
        [{ entityRef: ref, body: body(ref, null) }],
        Date.parse('2026-01-02T05:00:00Z'),
      );

      expect(await store.history(ref, '2026-01-01')).toEqual([
        {
          entityRef: ref,
          sloName: 'availability',
          day: '2026-01-01',
          attainment: 0.99,
          budgetRemaining: 0.5,
        },
        // the day's last computation: no data then
        {
          entityRef: ref,
          sloName: 'availability',
          day: '2026-01-02',
          attainment: null,
          budgetRemaining: null,
        },
      ]);
      expect(await store.history(ref, '2026-01-02')).toHaveLength(1);

      expect(await store.deleteHistoryBefore('2026-01-02')).toBe(1);
      expect((await store.history(ref, '2025-01-01')).map(r => r.day)).toEqual([
        '2026-01-02',
      ]);
      expect(
        await store.deleteSnapshotsBefore(Date.parse('2026-01-02T05:00:00Z')),
      ).toBe(0);
      expect(
        await store.deleteSnapshotsBefore(Date.parse('2026-01-02T05:00:01Z')),
      ).toBe(1);
      expect(await store.read(ref)).toBeUndefined();
    },
  );
});
