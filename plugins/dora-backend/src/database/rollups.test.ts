import {
  DAY,
  HOUR,
  createDatabases,
  createService,
  deployment,
  incident,
} from '../__testUtils__/fixtures';
import { parseEvents } from '../service/parseEvents';
import { DatabaseDoraStore } from './DatabaseDoraStore';
import { buildRollups } from './rollups';
import { monthOf } from './rollupCodec';
import { MetricsQuery } from './types';

jest.setTimeout(60_000);

const databases = createDatabases();
const refs = ['component:default/a', 'component:default/b'];
const on = (entity: string, event: Record<string, unknown>) => ({
  ...event,
  entityRef: `component:default/${entity}`,
});
// Spans October and November 2026, so rollups of two months are involved.
const query: MetricsQuery = {
  entityRefs: refs,
  from: Date.parse('2026-10-10T00:00:00Z'),
  to: Date.parse('2026-11-20T00:00:00Z'),
  scope: { type: 'production' },
};

async function expectPathsAgree(store: DatabaseDoraStore) {
  const fromTables = await store.getFiguresFromTables({
    ...query,
    entityRefs: [refs[0]],
  });
  const fromRollups = await store.getFiguresFromRollups({
    ...query,
    entityRefs: [refs[0]],
  });
  expect(fromRollups).toEqual(fromTables);
  return store.getFigures(query);
}

describe.each(databases.eachSupportedId())('rollups on %p', id => {
  it('agree with the event tables and follow later ingests', async () => {
    const { store } = await createService(databases, id);
    const ingest = (events: unknown[]) => store.ingest(parseEvents({ events }));
    const c = (sha: string, ms: number) => ({
      sha,
      committedAt: new Date(
        Date.parse('2026-11-01T00:00:00Z') + ms,
      ).toISOString(),
    });
    await ingest([
      deployment('oct', -10 * DAY, { changes: [c('x', -11 * DAY)] }),
      deployment('d1', DAY, { rework: true, changes: [c('y', 0)] }),
      deployment('d2', 2 * DAY, {
        status: 'rolled_back',
        changes: [c('x', -11 * DAY)],
      }),
      on('b', deployment('b1', 3 * DAY)),
      incident('i1', 5 * DAY, 5 * DAY + HOUR),
      incident('open', 6 * DAY, null),
    ]);
    const before = await expectPathsAgree(store);
    expect(before.deployments).toBe(4);
    expect(before.failedDeployments).toBe(1); // d2: rolled back, and i1 -> d2

    // A deployment between d2 and i1 takes i1's link; October is unchanged
    // but d2's rollup month must be rebuilt, and d5 is rework (open).
    await ingest([
      deployment('d4', 4 * DAY),
      deployment('d5', 7 * DAY, { changes: [c('x', -11 * DAY)] }),
    ]);
    const after = await expectPathsAgree(store);
    expect(after.deployments).toBe(6);
    expect(after.failedDeployments).toBe(2); // d2 rolled back, i1 -> d4
    expect(after.reworkDeployments).toBe(2); // d1 flagged, d5 while open

    // Resending October's deployment as failed makes d2 ship x first.
    await ingest([
      deployment('oct', -10 * DAY, {
        status: 'failure',
        changes: [c('x', -11 * DAY)],
      }),
    ]);
    const resent = await expectPathsAgree(store);
    expect(resent.deployments).toBe(5);
    expect(resent.leadTime.samples).toBe(after.leadTime.samples);
    expect(await store.refreshRollups()).toBeGreaterThanOrEqual(0);
  });

  it('stops refreshing stale rollups once the task is aborted', async () => {
    const { store, knex } = await createService(databases, id);
    const ingest = (events: unknown[]) => store.ingest(parseEvents({ events }));
    await ingest([deployment('d1', DAY), on('b', deployment('b1', DAY))]);
    await store.getFigures(query); // builds the rollups
    await ingest([deployment('d2', 2 * DAY)]); // marks a's stale
    const stale = () =>
      knex('dora_rollups').whereNull('data').count({ count: '*' });
    const [{ count: before }] = await stale();
    expect(Number(before)).toBeGreaterThan(0);

    const aborted = new AbortController();
    aborted.abort();
    await store.refreshRollups(aborted.signal);
    const [{ count: afterAbort }] = await stale();
    await store.refreshRollups();
    const [{ count: afterRun }] = await stale();

    expect(Number(afterAbort)).toBe(Number(before));
    expect(Number(afterRun)).toBe(0);
  });

  it('a background build that an ingest overtakes stores nothing stale, and holds no lock while it reads', async () => {
    const { store, knex } = await createService(databases, id);
    const ingest = (events: unknown[]) => store.ingest(parseEvents({ events }));
    const a = refs[0];
    const november = monthOf(Date.parse('2026-11-15T00:00:00Z'));
    await ingest([deployment('d1', DAY), on('b', deployment('b1', DAY))]);
    await store.getFigures(query); // builds the rollups
    await ingest([deployment('d2', 2 * DAY)]); // marks a's November stale

    // d3 lands after the build has read a's events (d1, d2) and before it
    // writes: the ingest does not wait for the build, and the build must
    // not store a's rollup without d3 as fresh.
    await buildRollups(knex, refs, november, november, {
      afterRead: () => ingest([deployment('d3', 3 * DAY)]),
    });
    const rows = await knex('dora_rollups')
      .where('month', november)
      .orderBy('entity_ref')
      .select('entity_ref', 'data');
    expect(rows.map(r => [r.entity_ref, r.data === null])).toEqual([
      [a, true], // left stale for a later build
      [refs[1], false], // b did not move: stored
    ]);
    const figures = await expectPathsAgree(store);
    expect(figures.deployments).toBe(4); // d1, d2, d3, b1

    // Built under the locks, the same race cannot happen: stored fresh.
    await ingest([deployment('d4', 4 * DAY)]);
    await buildRollups(knex, [a], november, november, { locked: true });
    const [row] = await knex('dora_rollups')
      .where({ entity_ref: a, month: november })
      .select('data');
    expect(row.data).not.toBeNull();
    expect((await store.getFiguresFromRollups(query)).deployments).toBe(5);
  });

  it('asks the event tables only about entities with a month missing from their rollups', async () => {
    const { store, knex } = await createService(databases, id);
    const ingest = (events: unknown[]) => store.ingest(parseEvents({ events }));
    // a: October and November; b: October only; c: no events at all.
    await ingest([
      deployment('a-oct', -10 * DAY),
      deployment('a-nov', DAY),
      on('b', deployment('b-oct', -12 * DAY)),
    ]);
    const owner = {
      ...query,
      entityRefs: [...refs, 'component:default/c'],
    };
    const sql: string[] = [];
    const onQuery = (q: { sql: string }) => sql.push(q.sql);
    knex.on('query', onQuery);
    const first = await store.getFiguresFromRollups(owner);
    const asked = sql.filter(q => /dora_deployments/.test(q)).length;
    sql.length = 0;
    const again = await store.getFiguresFromRollups(owner);
    knex.removeListener('query', onQuery);

    expect(first.deployments).toBe(3);
    expect(again).toEqual(first);
    expect(asked).toBeGreaterThan(0); // built a's and b's months
    // The second read still asks about b (no November row) and c, never a.
    const probes = sql.filter(q => /MIN\(finished_at\)/.test(q));
    expect(probes).toHaveLength(1);
    const stored = await knex('dora_rollups')
      .orderBy(['entity_ref', 'month'])
      .select('entity_ref', 'month');
    expect(stored.map(r => r.entity_ref)).toEqual([refs[0], refs[0], refs[1]]);

    // Once a has rows for both months and b and c are dropped, no probe.
    sql.length = 0;
    knex.on('query', onQuery);
    await store.getFiguresFromRollups({
      ...query,
      entityRefs: [refs[0]],
    });
    knex.removeListener('query', onQuery);
    expect(sql.filter(q => /MIN\(finished_at\)/.test(q))).toHaveLength(0);
    expect(sql.filter(q => /dora_rollups/.test(q))).toHaveLength(1);
  });
});
