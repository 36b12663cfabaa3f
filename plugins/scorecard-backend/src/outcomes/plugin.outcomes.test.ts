import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import {
  ADMIN,
  fig,
  GUEST,
  NOBODY,
  sloCalls,
  startOutcomesBackend,
  useFakeScaffolder,
} from '../__testUtils__/outcomesBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const { server, seen, authorizations } = useFakeScaffolder();

describe.each(databases.eachSupportedId())('platform outcomes on %p', id => {
  const start = async () => startOutcomesBackend(await databases.init(id));

  it('pins adoption, history, templates, SLO coverage and exemptions to hand-computed figures', async () => {
    const api = await start();
    for (const name of ['pay-c', 'shop-a']) {
      const res = await api.post(
        `/entities/component/default/${name}/exemptions`,
        {
          checkId: 'has-docs',
          justification: 'Docs live in the vendor portal',
          expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        },
      );
      expect(res.status).toBe(201);
    }
    // Hidden from the guest: its exemption is not counted for them.
    const hiddenExemption = await api.post(
      '/entities/component/default/shop-hidden/exemptions',
      {
        checkId: 'has-docs',
        justification: 'Docs live in the vendor portal',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      ADMIN,
    );
    expect(hiddenExemption.status).toBe(201);

    // The daily task stores every service (it sees shop-hidden), once a day.
    await api.record();
    // A second run the same day does nothing (it would have rewritten 99).
    await api
      .knex('scorecard_outcomes_adoption')
      .where({ team: '*' })
      .update({ services: 99 });
    await api.record();
    const all = api.knex('scorecard_outcomes_adoption').where({ team: '*' });
    expect(Number((await all.clone().first()).services)).toBe(99);
    await all.clone().update({ services: 6 });
    const stored = await api
      .knex('scorecard_outcomes_adoption')
      .select('day', 'team', 'services', 'golden_path', 'current')
      .orderBy('team');
    const today = new Date().toISOString().slice(0, 10);
    expect(
      stored.map(r => [r.day, r.team, +r.services, +r.golden_path, +r.current]),
    ).toEqual([
      [today, '*', 6, 4, 3],
      [today, 'group:default/checkout', 2, 1, 1],
      [today, 'group:default/payments', 3, 2, 1],
      [today, 'group:default/platform', 4, 3, 2],
    ]);
    const yesterday = new Date(Date.now() - 86_400_000)
      .toISOString()
      .slice(0, 10);
    await api.knex('scorecard_outcomes_adoption').insert([
      { day: yesterday, team: '*', services: 4, golden_path: 1, current: 0 },
      {
        day: yesterday,
        team: 'group:default/payments',
        services: 2,
        golden_path: 1,
        current: 0,
      },
    ]);

    const res = await api.get('/outcomes');
    expect(res.status).toBe(200);
    const body = res.body;
    // Guest: pay-a, pay-b, pay-c, plat-a, shop-a (no shop-hidden, no website).
    expect(body.adoption.overall).toEqual(fig(5, 3, 2));
    expect(body.adoption.byTeam).toEqual([
      { team: 'group:default/checkout', ...fig(1, 0, 0) },
      { team: 'group:default/payments', ...fig(3, 2, 1) },
      // plat-a plus the three of its child group payments.
      { team: 'group:default/platform', ...fig(4, 3, 2) },
    ]);
    expect(body.adoption.bySystem).toEqual([
      { system: 'system:default/shop', ...fig(2, 1, 1) },
    ]);
    expect(body.adoption.byArchetype).toEqual([
      { archetype: 'node-service', currentVersion: '1.1.0', ...fig(2, 2, 1) },
      {
        archetype: 'python-service',
        currentVersion: '2.0.0',
        ...fig(1, 1, 1),
      },
    ]);
    expect(body.adoption.truncated).toBe(false);
    // Before yesterday, the first recorded day: a point a week, estimated
    // (no fixture has paved-road.dev/scaffolded-at, so each equals today's),
    // none before the 90-day window: yesterday - 84 days is the oldest.
    const estimated = body.history.filter((p: any) => p.estimated);
    expect(estimated).toHaveLength(12);
    expect(estimated[0].day).toBe(
      new Date(Date.now() - 85 * 86_400_000).toISOString().slice(0, 10),
    );
    for (const point of estimated) {
      expect(point).toEqual({
        day: point.day,
        estimated: true,
        overall: fig(5, 3, 2),
        byTeam: body.adoption.byTeam,
      });
    }
    // Stored yesterday, then today's live figure (not the stored one).
    expect(body.history.slice(estimated.length)).toEqual([
      {
        day: yesterday,
        overall: fig(4, 1, 0),
        byTeam: [{ team: 'group:default/payments', ...fig(2, 1, 0) }],
      },
      {
        day: today,
        overall: fig(5, 3, 2),
        byTeam: body.adoption.byTeam,
      },
    ]);
    // Five tasks read (the configured bound) of six, newest first.
    expect(body.templates).toEqual({
      items: [
        {
          templateRef: 'template:default/node-service',
          runs: 3,
          succeeded: 2,
          failed: 1,
          medianDurationMs: 60_000,
        },
        {
          templateRef: 'template:default/python-service',
          runs: 1,
          succeeded: 0,
          failed: 0,
          medianDurationMs: null,
        },
      ],
      tasksRead: 5,
      truncated: true,
    });
    expect(seen.map(u => u.searchParams.get('order'))).toEqual([
      'desc:created_at',
    ]);
    expect(seen[0].searchParams.get('limit')).toBe('5');
    // On behalf of the guest, so the scaffolder shows only their tasks.
    expect(authorizations).toEqual([
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.user(GUEST),
        targetPluginId: 'scaffolder',
      }),
    ]);
    // Production: pay-a, pay-b, plat-a, shop-a; SLOs on three, budget on two.
    expect(body.sloCoverage).toEqual({
      productionServices: 4,
      withSlo: 3,
      withBudgetLeft: 2,
      shareWithSlo: 0.75,
      shareWithBudgetLeft: 0.5,
    });
    expect(sloCalls).toEqual([
      {
        refs: [
          'component:default/pay-a',
          'component:default/pay-b',
          'component:default/plat-a',
          'component:default/shop-a',
        ],
        user: GUEST,
      },
    ]);
    expect(body.exemptions).toEqual({
      open: 2,
      byCheck: [{ checkId: 'has-docs', open: 2 }],
      // pay-c's counts for payments and for platform, its parent group.
      byTeam: [
        { team: 'group:default/checkout', open: 1 },
        { team: 'group:default/payments', open: 1 },
        { team: 'group:default/platform', open: 1 },
      ],
    });
    expect(body.pulse).toEqual({ byTemplate: [], history: [] });
  });

  it("answers get-platform-outcomes with the caller's view, and refuses a denied caller", async () => {
    const api = await start();
    const res = await api.invoke('get-platform-outcomes', GUEST);
    expect(res.status).toBe(200);
    expect(res.body.output.adoption.overall).toEqual(fig(5, 3, 2));
    // Nothing recorded yet: 12 weekly estimates (today - 84 days is the
    // oldest in the 90-day window), then today.
    const trend = res.body.output.trend;
    expect(trend).toHaveLength(13);
    expect(trend.slice(0, 12).every((p: any) => p.estimated)).toBe(true);
    expect(trend[0].day).toBe(
      new Date(Date.now() - 84 * 86_400_000).toISOString().slice(0, 10),
    );
    expect(trend[12]).toEqual({
      day: new Date().toISOString().slice(0, 10),
      services: 5,
      shareGoldenPath: 0.6,
      shareCurrent: 0.4,
    });
    expect(res.body.output.sloCoverage.withSlo).toBe(3);
    const admin = await api.invoke('get-platform-outcomes', ADMIN);
    expect(admin.body.output.adoption.overall).toEqual(fig(6, 4, 3));
    const denied = await api.invoke('get-platform-outcomes', NOBODY);
    expect(denied.status).toBe(403);
  });

  it('still answers when the scaffolder fails, saying why', async () => {
    server.use(
      http.get('*/api/scaffolder/v2/tasks', () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'boom' } },
          { status: 500 },
        ),
      ),
    );
    const api = await start();
    const res = await api.get('/outcomes');
    expect(res.status).toBe(200);
    expect(res.body.templates).toMatchObject({
      items: [],
      tasksRead: 0,
      truncated: false,
    });
    expect(res.body.templates.error).toContain('500');
    expect(res.body.adoption.overall).toEqual(fig(5, 3, 2));
  });
});
