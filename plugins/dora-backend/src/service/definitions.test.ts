import {
  DAY,
  HOUR,
  T0,
  at,
  createDatabases,
  createService,
  credentials,
  deployment,
  expectRollupsAgree,
  incident,
  week,
} from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createDatabases();
const a = 'component:default/a';

describe.each(databases.eachSupportedId())('DORA definitions on %p', id => {
  it('counts production success/rolled_back deployments in [from, to)', async () => {
    const { service, store } = await createService(databases, id, {
      dora: { productionEnvironments: ['production', '/^prod-.+$/'] },
    });
    await service.ingest({
      events: [
        deployment('edge-from', 0),
        deployment('d2', DAY + HOUR),
        deployment('rolled', DAY + 2 * HOUR, { status: 'rolled_back' }),
        deployment('failed', 2 * DAY, { status: 'failure' }),
        deployment('staging', 3 * DAY, { environment: 'staging' }),
        deployment('regex', 4 * DAY, { environment: 'prod-eu' }),
        deployment('edge-to', 7 * DAY),
        deployment('before', -1),
      ],
    });

    const m = await service.getMetrics({ entityRef: a, ...week, credentials });
    await expectRollupsAgree(store);

    expect(m.window).toEqual({ from: at(0), to: at(7 * DAY) });
    expect(m.entityRefs).toEqual([a]);
    expect(m.deploymentFrequency).toEqual({
      deployments: 4,
      deploymentDays: 3,
      perWeek: 4,
      tier: 'high',
    });
    expect(m.changeFailureRate).toMatchObject({
      deployments: 4,
      failedDeployments: 1,
      ratio: 0.25,
    });
    expect(m.leadTimeForChanges).toEqual({
      changes: 0,
      medianSeconds: null,
      p90Seconds: null,
      tier: null,
    });
    expect(m.timeToRestore.medianSeconds).toBeNull();
    expect(m.reworkRate).toEqual({
      deployments: 4,
      reworkDeployments: 0,
      ratio: 0,
    });

    const staging = await service.getMetrics({
      entityRef: a,
      ...week,
      environments: ['staging'],
      credentials,
    });
    expect(staging.deploymentFrequency.deployments).toBe(1);
  });

  it('counts each change at its first shipment, dropping non-positive lead times', async () => {
    const { service, store } = await createService(databases, id);
    const c = (sha: string, committedMs: number) => ({
      sha,
      committedAt: at(committedMs),
    });
    await service.ingest({
      events: [
        deployment('pre', -DAY, { changes: [c('p', -DAY - HOUR)] }),
        deployment('fail', 12 * HOUR, {
          status: 'failure',
          changes: [c('c', 2 * DAY - 2 * HOUR)],
        }),
        deployment('d1', DAY, {
          changes: [c('a', DAY - HOUR), c('b', DAY - 3 * HOUR)],
        }),
        deployment('stg', DAY + 12 * HOUR, {
          environment: 'staging',
          changes: [c('c', 2 * DAY - 2 * HOUR)],
        }),
        deployment('d2', 2 * DAY, {
          changes: [
            c('b', DAY - 3 * HOUR),
            c('c', 2 * DAY - 2 * HOUR),
            c('z', 2 * DAY + HOUR),
            c('zero', 2 * DAY),
          ],
        }),
        deployment('d3', 3 * DAY, { changes: [c('p', -DAY - HOUR)] }),
      ],
    });

    const m = await service.getMetrics({ entityRef: a, ...week, credentials });
    await expectRollupsAgree(store);

    // samples 3600, 7200, 10800 seconds
    expect(m.leadTimeForChanges).toEqual({
      changes: 3,
      medianSeconds: 7200,
      p90Seconds: 10080,
      tier: 'elite',
    });
  });

  it('replaces resent events, later winning also within one batch', async () => {
    const { service, store } = await createService(databases, id);
    const change = [{ sha: 'x', committedAt: at(-HOUR) }];
    expect(
      await service.ingest({
        events: [
          deployment('d', 0, { changes: change }),
          deployment('e', HOUR),
        ],
      }),
    ).toEqual({ accepted: 2, updated: 0 });
    expect(
      await service.ingest({
        events: [
          deployment('d', 0, { status: 'success' }),
          deployment('d', 0, { status: 'failure', changes: change }),
          { ...deployment('d', 2 * HOUR), source: 'other' },
        ],
      }),
    ).toEqual({ accepted: 3, updated: 2 });

    const m = await service.getMetrics({ entityRef: a, ...week, credentials });
    await expectRollupsAgree(store);

    expect(m.deploymentFrequency.deployments).toBe(2);
    expect(m.leadTimeForChanges.changes).toBe(0);
  });

  it('links incidents explicitly or to the latest deployment before them', async () => {
    const { service, store } = await createService(databases, id);
    await service.ingest({
      events: [
        incident('i1', 2 * DAY + HOUR, 2 * DAY + 3 * HOUR),
        incident('i2', 3 * DAY, 3 * DAY + HOUR, { deploymentId: 'dA' }),
        incident('early', -DAY, -DAY + 2 * HOUR),
        incident('open', 4 * DAY, null, { deploymentId: 'unknown' }),
      ],
    });
    await service.ingest({
      events: [
        deployment('dA', DAY, { rework: true }),
        deployment('dB', 2 * DAY),
        deployment('dF', 2 * DAY + 30 * 60000, { status: 'failure' }),
        deployment('dS', 2 * DAY + 45 * 60000, { environment: 'staging' }),
        deployment('dR', 2 * DAY + 3 * HOUR),
        deployment('dE', 4 * DAY),
      ],
    });

    const m = await service.getMetrics({ entityRef: a, ...week, credentials });
    await expectRollupsAgree(store);

    expect(m.changeFailureRate).toMatchObject({
      deployments: 4,
      failedDeployments: 3,
      ratio: 0.75,
    });
    // The default 2024 benchmark tiers failed deployment recovery time
    // (26 h: medium) and leaves time to restore untiered.
    expect(m.timeToRestore).toEqual({
      incidents: 2,
      medianSeconds: 5400,
      tier: null,
    });
    expect(m.failedDeploymentRecoveryTime).toEqual({
      incidents: 2,
      medianSeconds: (10800 + 176400) / 2,
      tier: 'medium',
    });
    expect(m.reworkRate).toEqual({
      deployments: 4,
      reworkDeployments: 2,
      ratio: 0.5,
    });

    const page = await service.listDeployments({
      entityRef: a,
      ...week,
      credentials,
    });
    const links = Object.fromEntries(
      page.items.map(d => [d.id, d.incidents.map(i => `${i.id}:${i.rule}`)]),
    );
    expect(links).toEqual({
      dA: ['i2:explicit'],
      dB: ['i1:latest-before'],
      dR: [],
      dE: ['open:latest-before'],
      dF: [],
    });
    expect(page.items.map(d => d.id)).toEqual(['dE', 'dR', 'dF', 'dB', 'dA']);
  });

  it('pages the evidence with changes, newest first', async () => {
    const { service } = await createService(databases, id);
    await service.ingest({
      events: [
        deployment('one', DAY, {
          changes: [
            { sha: 's1', committedAt: '2026-11-01T20:00:00.123+02:00' },
          ],
        }),
        deployment('two', 2 * DAY),
        deployment('three', 3 * DAY),
      ],
    });

    const first = await service.listDeployments({
      entityRef: a,
      ...week,
      limit: 2,
      credentials,
    });
    const second = await service.listDeployments({
      entityRef: a,
      ...week,
      limit: 2,
      cursor: first.nextCursor!,
      credentials,
    });

    expect(first.items.map(d => d.id)).toEqual(['three', 'two']);
    expect(second.items.map(d => d.id)).toEqual(['one']);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0].changes).toEqual([
      { sha: 's1', committedAt: '2026-11-01T18:00:00.123Z' },
    ]);
  });

  it('rolls an owner up over its descendant groups', async () => {
    const group = (name: string, children: string[]) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children },
      relations: children.map(c => ({
        type: 'parentOf',
        targetRef: `group:default/${c}`,
      })),
    });
    const component = (name: string, owner: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: { owner },
      relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
    });
    const { service } = await createService(databases, id, {
      entities: [
        group('parent', ['child']),
        group('child', ['grandchild']),
        group('grandchild', []),
        group('other', []),
        component('a', 'parent'),
        component('b', 'child'),
        component('c', 'grandchild'),
        component('x', 'other'),
      ],
    });
    const on = (ref: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        ...deployment(`${ref}-${i}`, DAY + i * HOUR),
        entityRef: `component:default/${ref}`,
      }));
    await service.ingest({
      events: [...on('a', 1), ...on('b', 2), ...on('c', 3), ...on('x', 4)],
    });

    const m = await service.getMetrics({
      owner: 'group:default/parent',
      ...week,
      credentials,
    });

    expect(m.entityRefs).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    expect(m.deploymentFrequency.deployments).toBe(6);
  });

  it('defaults the window to the last 30 days', async () => {
    const { service } = await createService(databases, id);
    const now = Date.now();
    await service.ingest({
      events: [
        {
          ...deployment('recent', 0),
          finishedAt: new Date(now - DAY).toISOString(),
        },
        {
          ...deployment('old', 0),
          finishedAt: new Date(now - 31 * DAY).toISOString(),
        },
      ],
    });

    const m = await service.getMetrics({ entityRef: a, credentials });

    expect(m.deploymentFrequency.deployments).toBe(1);
    expect(Date.parse(m.window.to) - Date.parse(m.window.from)).toBe(30 * DAY);
  });
});

describe('T0', () => {
  it('is a UTC midnight, so day counts are easy to check', () => {
    expect(new Date(T0).toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });
});
