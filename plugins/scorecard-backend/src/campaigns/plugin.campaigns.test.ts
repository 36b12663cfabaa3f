import {
  BackstageCredentials,
  PermissionsServiceRequestOptions,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  component,
  group,
  testScorecardConfig,
} from '../__testUtils__/fixtures';
import { ADMIN, hidingCatalog } from '../__testUtils__/hidingCatalog';
import { scorecardPlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MANAGER = 'user:default/manager';
const USER = 'user:default/guest';
const MARK = 'example.com/campaign';

const docs = { 'backstage.io/techdocs-ref': 'dir:.' };
const marked = (more: Record<string, string> = {}) => ({
  annotations: { [MARK]: 'yes', ...more },
});
const owned = (team: string) => ({ owner: `group:default/${team}` });

// payments is a child group of platform; checkout has no parent.
const entities = [
  group('platform'),
  group('payments', 'platform'),
  group('checkout'),
  component('pay-docs', marked(docs), owned('payments')),
  component('pay-nodocs', marked(), owned('payments')),
  component('pay-exempt', marked(), owned('payments')),
  component('plat-nodocs', marked(), owned('platform')),
  component('shop-docs', marked(docs), owned('checkout')),
  component('shop-hidden', marked(), owned('checkout')),
  component('unmarked', {}, owned('payments')),
];

const campaignConfig = {
  id: 'docs-everywhere',
  title: 'Docs everywhere',
  description: 'Every marked component has TechDocs',
  goal: { check: 'has-docs' },
  filter: { kind: ['component'], annotation: MARK },
  deadline: '2027-03-31',
  owner: 'group:default/platform',
};

type Policy = (
  request: AuthorizePermissionRequest,
  user: string | undefined,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/** Only the manager (and the admin) manage campaigns. */
const managerOnly: Policy = (req, user) =>
  req.permission.name === 'scorecard.campaign.manage' &&
  user !== MANAGER &&
  user !== ADMIN
    ? AuthorizeResult.DENY
    : AuthorizeResult.ALLOW;

const userOf = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef;

async function start(
  id: TestDatabaseId,
  options: { policy?: Policy; campaigns?: any[] } = {},
) {
  const knex = await databases.init(id);
  const policy = options.policy ?? managerOnly;
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
  };
  const permissions = mockServices.permissions.mock({
    authorize: async (
      requests: AuthorizePermissionRequest[],
      opts: PermissionsServiceRequestOptions,
    ) => requests.map(r => ({ result: policy(r, userOf(opts.credentials)) })),
  });
  const { server } = await startTestBackend({
    features: [
      scorecardPlugin,
      mockServices.database.factory({ knex }),
      hidingCatalog(entities, ['shop-hidden']),
      permissions.factory,
      scheduler.factory(),
      mockServices.rootConfig.factory({
        data: {
          scorecard: {
            ...testScorecardConfig,
            exemptions: { autoApprove: true },
            campaigns: options.campaigns ?? [campaignConfig],
          },
        },
      }),
    ],
  });
  const as = (user: string) => mockCredentials.user.header(user);
  await scheduler.triggerTask('scorecard-full-pass');
  return {
    knex,
    server,
    get: (path: string, user = USER) =>
      request(server)
        .get(`/api/scorecard${path}`)
        .set('Authorization', as(user)),
    post: (path: string, body: object, user = USER) =>
      request(server)
        .post(`/api/scorecard${path}`)
        .set('Authorization', as(user))
        .send(body),
    record: () => scheduler.triggerTask('scorecard-campaign-progress'),
  };
}

const team = (body: any, ref: string | null) =>
  body.teams.find((t: { team: string | null }) => t.team === ref);

describe.each(databases.eachSupportedId())('scorecard campaigns on %p', id => {
  it('counts a configured campaign per team, child groups into parents, and lists the entities not done the caller can see', async () => {
    const api = await start(id);
    // An approved exemption from the goal's check counts as done.
    const exempt = await api.post(
      '/entities/component/default/pay-exempt/exemptions',
      {
        checkId: 'has-docs',
        justification: 'Docs are in the vendor portal',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    );
    expect(exempt.status).toBe(201);

    const res = await api.get('/campaigns/docs-everywhere');
    expect(res.status).toBe(200);
    // shop-hidden is invisible to the guest; unmarked is not covered.
    expect(res.body).toMatchObject({
      id: 'docs-everywhere',
      source: 'config',
      deadline: '2027-03-31',
      owner: 'group:default/platform',
      done: 3,
      total: 5,
      entitiesNotDoneCount: 2,
    });
    expect(team(res.body, 'group:default/payments')).toEqual({
      team: 'group:default/payments',
      done: 2,
      total: 3,
    });
    // platform's own plat-nodocs plus its child group payments' three.
    expect(team(res.body, 'group:default/platform')).toEqual({
      team: 'group:default/platform',
      done: 2,
      total: 4,
    });
    expect(team(res.body, 'group:default/checkout')).toEqual({
      team: 'group:default/checkout',
      done: 1,
      total: 1,
    });
    expect(res.body.entitiesNotDone).toEqual([
      {
        entityRef: 'component:default/pay-nodocs',
        owner: 'group:default/payments',
        failingChecks: [
          {
            id: 'has-docs',
            title: 'Has TechDocs',
            remediation: {
              text: 'Add TechDocs',
              template: 'template:default/add-techdocs',
            },
          },
        ],
      },
      expect.objectContaining({
        entityRef: 'component:default/plat-nodocs',
        owner: 'group:default/platform',
      }),
    ]);

    // The admin sees the hidden entity too.
    const admin = await api.get('/campaigns/docs-everywhere', ADMIN);
    expect(admin.body).toMatchObject({ done: 3, total: 6 });
    expect(
      admin.body.entitiesNotDone.map((e: { entityRef: string }) => e.entityRef),
    ).toContain('component:default/shop-hidden');

    const list = await api.get('/campaigns');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: 'docs-everywhere', done: 3, total: 5 }),
    ]);

    // The entity card's scorecard names the campaign.
    const card = await api.get('/entities/component/default/pay-nodocs');
    expect(card.body.campaigns).toEqual([
      {
        id: 'docs-everywhere',
        title: 'Docs everywhere',
        deadline: '2027-03-31',
        done: false,
      },
    ]);
    const other = await api.get('/entities/component/default/unmarked');
    expect(other.body.campaigns).toEqual([]);
  });

  it('stores one row per campaign, team and UTC day however often it runs, over every entity', async () => {
    const api = await start(id);
    await api.record();
    await api.record();
    const today = new Date().toISOString().slice(0, 10);
    const rows = await api
      .knex('scorecard_campaign_progress')
      .where({ campaign_id: 'docs-everywhere', day: today })
      .orderBy('team');
    expect(
      rows.map((r: any) => [r.team, Number(r.done), Number(r.total)]),
    ).toEqual([
      ['*', 2, 6],
      ['group:default/checkout', 1, 2],
      ['group:default/payments', 1, 3],
      ['group:default/platform', 1, 4],
    ]);
    const res = await api.get('/campaigns/docs-everywhere');
    expect(res.body.history).toEqual([{ day: today, done: 2, total: 6 }]);
  });

  it('computes today on read when the task has not run yet', async () => {
    const api = await start(id);
    const res = await api.get('/campaigns/docs-everywhere');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.body.history).toEqual([{ day: today, done: 2, total: 6 }]);
  });

  it('creates campaigns through the API with the permission only, naming the bad field', async () => {
    const api = await start(id, { campaigns: [] });
    const body = {
      title: 'Reach silver',
      goal: { level: 'silver' },
      filter: { kind: ['component'], owner: ['group:default/payments'] },
      deadline: '2027-06-30',
      owner: 'group:default/platform',
    };
    const denied = await api.post('/campaigns', body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('scorecard.campaign.manage');

    const bad = await api.post(
      '/campaigns',
      { ...body, goal: { level: 'platinum' } },
      MANAGER,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^Invalid 'goal.level': unknown level 'platinum'/,
    );
    const badDate = await api.post(
      '/campaigns',
      { ...body, deadline: '2027-02-30' },
      MANAGER,
    );
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toContain("'deadline'");
    const noTitle = await api.post(
      '/campaigns',
      { ...body, title: '' },
      MANAGER,
    );
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.message).toContain("'title'");

    const created = await api.post('/campaigns', body, MANAGER);
    expect(created.status).toBe(201);
    // pay-docs is silver; the other payments components are bronze.
    expect(created.body).toMatchObject({
      title: 'Reach silver',
      source: 'api',
      description: '',
      done: 1,
      total: 4,
      closedAt: null,
    });
    const detail = await api.get(`/campaigns/${created.body.id}`);
    expect(detail.status).toBe(200);
    expect(team(detail.body, 'group:default/platform')).toEqual({
      team: 'group:default/platform',
      done: 1,
      total: 4,
    });

    const closeDenied = await api.post(
      `/campaigns/${created.body.id}/close`,
      {},
    );
    expect(closeDenied.status).toBe(403);
    const closed = await api.post(
      `/campaigns/${created.body.id}/close`,
      {},
      MANAGER,
    );
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).toEqual(expect.any(String));
    const card = await api.get('/entities/component/default/pay-docs');
    expect(card.body.campaigns).toEqual([]);
    expect((await api.get('/campaigns/nope')).status).toBe(404);
  });

  it("counts a group's child groups into it in the overview's team roll-up", async () => {
    const api = await start(id);
    const res = await api.get('/overview/rollup');
    expect(res.status).toBe(200);
    const totals = Object.fromEntries(
      res.body.owners.map((o: { owner: string; total: number }) => [
        o.owner,
        o.total,
      ]),
    );
    // payments owns 4; platform owns 1 itself plus payments' 4; the guest
    // cannot see checkout's shop-hidden.
    expect(totals).toEqual({
      'group:default/checkout': 1,
      'group:default/payments': 4,
      'group:default/platform': 5,
    });
  });

  it('guards POST /campaigns/:id/upgrades: 403 without scorecard.campaign.manage, 404 unknown, 400 for a goal not about the golden path; the detail lists upgrades', async () => {
    const api = await start(id);
    const denied = await api.post('/campaigns/docs-everywhere/upgrades', {});
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('scorecard.campaign.manage');
    const unknown = await api.post('/campaigns/nope/upgrades', {}, MANAGER);
    expect(unknown.status).toBe(404);
    const wrongGoal = await api.post(
      '/campaigns/docs-everywhere/upgrades',
      {},
      MANAGER,
    );
    expect(wrongGoal.status).toBe(400);
    expect(wrongGoal.body.error.message).toContain('golden-path-current');
    const detail = await api.get('/campaigns/docs-everywhere');
    expect(detail.body.upgrades).toEqual([]);
  });
});
