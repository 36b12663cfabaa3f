import { ConfigReader } from '@backstage/config';
import {
  DAY,
  HOUR,
  T0,
  createDatabases,
  createService,
  credentials,
  deployment,
  expectRollupsAgree,
  incident,
} from '../__testUtils__/fixtures';
import { DatabaseDoraStore } from '../database/DatabaseDoraStore';
import { DatabaseEventDeleter } from '../database/DatabaseEventDeleter';
import { computeRollbacks } from '../database/rollbacks';
import { readDoraConfig } from './config';

jest.setTimeout(120_000);

const databases = createDatabases();
const a = 'component:default/a';
const month = { from: new Date(T0), to: new Date(T0 + 30 * DAY) };
const ROLLBACK_RULES = ['explicit', 'rollback', 'latest-before'];

describe.each(databases.eachSupportedId())('incident linking on %p', id => {
  async function linksOf(store: DatabaseDoraStore) {
    const page = await store.listDeployments({
      entityRefs: [a],
      from: T0 - 365 * DAY,
      to: T0 + 365 * DAY,
      limit: 100,
    });
    return Object.fromEntries(
      page.items.map(d => [
        d.id,
        {
          status: d.status,
          rework: d.rework,
          incidents: d.incidents.map(i => `${i.id}:${i.rule}`),
        },
      ]),
    );
  }

  it('with lookback 7d leaves an incident 10 days after the last deployment unlinked; without, figures are unchanged', async () => {
    const events = [
      deployment('d1', 0),
      incident('late', 10 * DAY, 10 * DAY + 2 * HOUR),
      incident('soon', 2 * DAY, 2 * DAY + HOUR),
    ];
    const plain = await createService(databases, id);
    await plain.service.ingest({ events });
    const before = await plain.service.getMetrics({
      entityRef: a,
      ...month,
      credentials,
    });
    expect(before.changeFailureRate).toMatchObject({
      deployments: 1,
      failedDeployments: 1,
    });
    expect(before.failedDeploymentRecoveryTime.incidents).toBe(2);
    expect(await linksOf(plain.store)).toEqual({
      d1: {
        status: 'success',
        rework: false,
        incidents: ['soon:latest-before', 'late:latest-before'],
      },
    });

    const bounded = await createService(databases, id, {
      dora: { linking: { lookback: '7d' } },
    });
    await bounded.service.ingest({ events });
    const after = await bounded.service.getMetrics({
      entityRef: a,
      ...month,
      credentials,
    });
    // Still a failed deployment (the incident 2 days later), but only one
    // recovery sample: 2 days + 1 hour, not the 10-day one.
    expect(after.changeFailureRate.failedDeployments).toBe(1);
    expect(after.failedDeploymentRecoveryTime).toMatchObject({
      incidents: 1,
      medianSeconds: (2 * DAY + HOUR) / 1000,
    });
    // Time to restore counts both incidents either way.
    expect(after.timeToRestore.incidents).toBe(2);
    expect(after.timeToRestore.medianSeconds).toBe(
      before.timeToRestore.medianSeconds,
    );
    expect((await linksOf(bounded.store)).d1.incidents).toEqual([
      'soon:latest-before',
    ]);
    const unlinked = await bounded.store.listIncidents({
      entityRefs: [a],
      from: T0,
      to: T0 + 30 * DAY,
      limit: 10,
    });
    expect(
      unlinked.items.map(i => [i.id, i.link?.rule ?? i.unlinkedReason]),
    ).toEqual([
      ['late', 'beyond-lookback'],
      ['soon', 'latest-before'],
    ]);
    await expectRollupsAgree(bounded.store);

    // Only the late incident: no failed deployment at all with lookback.
    const lone = await createService(databases, id, {
      dora: { linking: { lookback: { days: 7 } } },
    });
    await lone.service.ingest({
      events: [deployment('d1', 0), incident('late', 10 * DAY, 11 * DAY)],
    });
    const m = await lone.service.getMetrics({
      entityRef: a,
      ...month,
      credentials,
    });
    expect(m.changeFailureRate).toMatchObject({
      failedDeployments: 0,
      ratio: 0,
    });
    expect(m.failedDeploymentRecoveryTime.incidents).toBe(0);
    expect(m.timeToRestore.incidents).toBe(1);
  });

  it('excluded incidents count for time to restore, never for change failure', async () => {
    const { service, store } = await createService(databases, id, {
      dora: {
        incidents: {
          exclude: [
            { severity: ['sev4'] },
            { source: 'pager', attribute: 'urgency', values: ['low'] },
          ],
        },
      },
    });
    await service.ingest({
      events: [
        deployment('d1', 0),
        deployment('d2', 2 * DAY),
        deployment('d3', 4 * DAY),
        incident('minor', HOUR, 2 * HOUR, { severity: 'sev4' }),
        incident('low', 2 * DAY + HOUR, 2 * DAY + 3 * HOUR, {
          attributes: { urgency: 'low', priority: 'P5' },
        }),
        incident('cloud', 4 * DAY + HOUR, 4 * DAY + 5 * HOUR, {
          severity: 'sev1',
          changeCaused: false,
        }),
        // changeCaused: true wins over a matching filter.
        incident('real', 4 * DAY + 2 * HOUR, 4 * DAY + 6 * HOUR, {
          severity: 'sev4',
          changeCaused: true,
        }),
      ],
    });
    const m = await service.getMetrics({ entityRef: a, ...month, credentials });
    expect(m.timeToRestore.incidents).toBe(4);
    expect(m.changeFailureRate).toMatchObject({
      deployments: 3,
      failedDeployments: 1,
    });
    expect(m.failedDeploymentRecoveryTime).toMatchObject({
      incidents: 1,
      medianSeconds: (6 * HOUR) / 1000,
    });
    const listed = await store.listIncidents({
      entityRefs: [a],
      from: T0,
      to: T0 + 30 * DAY,
      limit: 10,
    });
    expect(
      Object.fromEntries(
        listed.items.map(i => [i.id, i.link?.rule ?? i.unlinkedReason]),
      ),
    ).toEqual({
      minor: 'excluded',
      low: 'excluded',
      cloud: 'excluded',
      real: 'latest-before',
    });
    await expectRollupsAgree(store);
  });

  it('reads a redeploy of an earlier commit as a rollback when the rollback rule is on', async () => {
    const events = [
      deployment('a1', 0, { commitSha: 'aaa' }),
      deployment('b', DAY, { commitSha: 'bbb' }),
      // Resolved by the rollback below.
      incident('broken', DAY + HOUR, DAY + 3 * HOUR),
      deployment('a2', DAY + 2 * HOUR, { commitSha: 'aaa' }),
      // The same commit twice in a row is no rollback.
      deployment('a3', 3 * DAY, { commitSha: 'aaa' }),
    ];
    const plain = await createService(databases, id);
    await plain.service.ingest({ events });
    expect(await linksOf(plain.store)).toEqual({
      a1: { status: 'success', rework: false, incidents: [] },
      b: {
        status: 'success',
        rework: false,
        incidents: ['broken:latest-before'],
      },
      a2: { status: 'success', rework: false, incidents: [] },
      a3: { status: 'success', rework: false, incidents: [] },
    });

    const { service, store, knex } = await createService(databases, id, {
      dora: { linking: { rules: ROLLBACK_RULES } },
    });
    // In two pushes, the rollback last: flags follow later pushes.
    await service.ingest({ events: events.slice(0, 3) });
    await service.ingest({ events: events.slice(3) });
    expect(await linksOf(store)).toEqual({
      a1: { status: 'success', rework: false, incidents: [] },
      b: {
        status: 'rolled_back',
        rework: false,
        incidents: ['broken:rollback'],
      },
      a2: { status: 'success', rework: true, incidents: [] },
      a3: { status: 'success', rework: false, incidents: [] },
    });
    const m = await service.getMetrics({ entityRef: a, ...month, credentials });
    expect(m.changeFailureRate).toMatchObject({
      deployments: 4,
      failedDeployments: 1,
    });
    expect(m.reworkRate.reworkDeployments).toBe(1);
    await expectRollupsAgree(store);

    // Deleting the rollback deployment undoes it.
    const deleter = await DatabaseEventDeleter.create({
      database: { getClient: async () => knex },
      linking: readDoraConfig(
        new ConfigReader({ dora: { linking: { rules: ROLLBACK_RULES } } }),
      ).linking,
    });
    await deleter.delete(
      await deleter.findByKeys([
        { kind: 'deployment', source: 'ci', id: 'a2' },
      ]),
    );
    const links = await linksOf(store);
    // a3 now redeploys aaa after b: it is the rollback, but finished after
    // the incident was resolved, so the incident links by latest-before.
    expect(links.b).toEqual({
      status: 'rolled_back',
      rework: false,
      incidents: ['broken:latest-before'],
    });
    expect(links.a3).toEqual({
      status: 'success',
      rework: true,
      incidents: [],
    });
    await expectRollupsAgree(store);
  });

  it('recomputes stored links when the linking config changes', async () => {
    const { service, store, knex } = await createService(databases, id);
    await service.ingest({
      events: [
        deployment('a1', 0, { commitSha: 'aaa' }),
        deployment('b', DAY, { commitSha: 'bbb' }),
        deployment('a2', DAY + 2 * HOUR, { commitSha: 'aaa' }),
        incident('late', 20 * DAY, 21 * DAY, {
          attributes: { tags: ['cloud'] },
        }),
      ],
    });
    expect((await linksOf(store)).a2.incidents).toEqual(['late:latest-before']);
    const reopen = async (dora: object) => {
      const config = readDoraConfig(new ConfigReader({ dora }));
      return DatabaseDoraStore.create({
        database: { getClient: async () => knex },
        isProduction: env => config.production.matches(env),
        productionSignature: config.production.signature,
        linking: config.linking,
      });
    };
    const changed = await reopen({
      linking: { rules: ROLLBACK_RULES, lookback: '7d' },
    });
    expect(await linksOf(changed)).toMatchObject({
      b: { status: 'rolled_back' },
      a2: { rework: true, incidents: [] },
    });
    const query = {
      entityRefs: [a],
      from: T0,
      to: T0 + 30 * DAY,
      scope: { type: 'production' as const },
    };
    expect(await changed.getFiguresFromRollups(query)).toEqual(
      await changed.getFiguresFromTables(query),
    );
    const excluded = await reopen({
      incidents: { exclude: [{ attribute: 'tags', values: ['cloud'] }] },
    });
    expect(await linksOf(excluded)).toMatchObject({
      b: { status: 'success' },
      a2: { rework: false, incidents: [] },
    });
    const back = await reopen({});
    expect((await linksOf(back)).a2.incidents).toEqual(['late:latest-before']);
  });
});

describe('computeRollbacks', () => {
  const row = (id: number, t: number, sha: string | null) => ({
    id,
    t,
    sha,
    rolledBackBy: null,
    isRollback: false,
  });

  it('rolls back every deployment since the last one of the redeployed commit', () => {
    const result = computeRollbacks([
      row(1, 0, 'a'),
      row(2, 1, 'b'),
      row(3, 2, null),
      row(4, 3, 'c'),
      row(5, 4, 'a'),
      row(6, 5, 'c'),
    ]);
    expect([...result.isRollback]).toEqual([5, 6]);
    expect(Object.fromEntries(result.rolledBackBy)).toEqual({
      2: 5,
      4: 5,
      // Rolling forward to c after the rollback rolls the rollback back.
      5: 6,
    });
  });

  it('ignores redeploys of a commit shipped longer ago than the window', () => {
    const result = computeRollbacks(
      [row(1, 0, 'a'), row(2, 1, 'b'), row(3, 11, 'a')],
      10,
    );
    expect(result.isRollback.size).toBe(0);
    expect(result.rolledBackBy.size).toBe(0);
  });
});
