import { PermissionsServiceRequestOptions } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
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
import { component, testScorecardConfig } from './__testUtils__/fixtures';
import { ADMIN, hidingCatalog } from './__testUtils__/hidingCatalog';
import { scorecardPlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const docs = { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } };
const entities = [
  component('alpha', docs),
  component('bravo-hidden'),
  component('delta'),
];
const ACTIONS = '/api/scorecard/.backstage/actions/v1/actions';
const user = mockCredentials.user.header('user:default/guest');
const admin = mockCredentials.user.header(ADMIN);
// The policy denies this user every scorecard permission.
const NOBODY = 'user:default/nobody';
const nobody = mockCredentials.user.header(NOBODY);
const campaign = {
  id: 'docs-everywhere',
  title: 'Docs everywhere',
  goal: { check: 'has-docs' },
  filter: { kind: ['component'] },
  deadline: '2027-03-31',
  owner: 'group:default/platform',
};

async function start(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const permissions = mockServices.permissions.mock({
    authorize: async (
      requests: AuthorizePermissionRequest[],
      options: PermissionsServiceRequestOptions,
    ) =>
      requests.map(() => ({
        result:
          (options.credentials.principal as { userEntityRef?: string })
            .userEntityRef === NOBODY
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  const { server } = await startTestBackend({
    features: [
      scorecardPlugin,
      actionsRegistryServiceFactory,
      mockServices.database.factory({ knex }),
      hidingCatalog(entities, ['bravo-hidden']),
      permissions.factory,
      mockServices.rootConfig.factory({
        data: { scorecard: { ...testScorecardConfig, campaigns: [campaign] } },
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  // Results for every entity, as the full pass stores them.
  for (const name of ['alpha', 'bravo-hidden', 'delta']) {
    const res = await request(server)
      .post(`/api/scorecard/entities/component/default/${name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  }
  return server;
}

const invoke = (
  server: Parameters<typeof request>[0],
  name: string,
  input: object,
  auth: string,
) =>
  request(server)
    .post(`${ACTIONS}/scorecard:${name}/invoke`)
    .set('Authorization', auth)
    .send(input);

describe.each(databases.eachSupportedId())('scorecard actions on %p', id => {
  it('lists the read actions', async () => {
    const server = await start(id);
    const res = await request(server).get(ACTIONS).set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.actions.map((a: { id: string }) => a.id)).toEqual([
      'scorecard:get-entity-scorecard',
      'scorecard:list-team-failing-checks',
      'scorecard:get-campaign-progress',
      'scorecard:get-platform-outcomes',
    ]);
    expect(
      res.body.actions.every(
        (a: { attributes: { readOnly: boolean } }) => a.attributes.readOnly,
      ),
    ).toBe(true);
  });

  it("answers with the caller's visibility", async () => {
    const server = await start(id);
    const hidden = await invoke(
      server,
      'get-entity-scorecard',
      { entityRef: 'component:default/bravo-hidden' },
      user,
    );
    expect(hidden.status).toBe(404);
    const seen = await invoke(
      server,
      'get-entity-scorecard',
      { entityRef: 'component:default/bravo-hidden' },
      admin,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.output.scorecard.entityRef).toBe(
      'component:default/bravo-hidden',
    );

    const failing = (auth: string) =>
      invoke(
        server,
        'list-team-failing-checks',
        { owner: 'group:default/payments' },
        auth,
      );
    const forUser = await failing(user);
    expect(forUser.status).toBe(200);
    const refs = forUser.body.output.items.map(
      (i: { entityRef: string }) => i.entityRef,
    );
    expect(refs).toContain('component:default/delta');
    expect(refs).not.toContain('component:default/bravo-hidden');
    expect(
      forUser.body.output.items.every(
        (i: { failingChecks: string[] }) => i.failingChecks.length > 0,
      ),
    ).toBe(true);
    const forAdmin = await failing(admin);
    expect(
      forAdmin.body.output.items.map((i: { entityRef: string }) => i.entityRef),
    ).toContain('component:default/bravo-hidden');
  });

  it("answers a campaign's progress with the caller's visibility", async () => {
    const server = await start(id);
    const progress = (auth: string, campaignId = 'docs-everywhere') =>
      invoke(server, 'get-campaign-progress', { campaignId }, auth);

    const forAdmin = await progress(admin);
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body.output).toMatchObject({
      id: 'docs-everywhere',
      deadline: '2027-03-31',
      done: 1,
      total: 3,
      entitiesNotDoneCount: 2,
    });
    expect(forAdmin.body.output.teams).toContainEqual({
      team: 'group:default/payments',
      done: 1,
      total: 3,
    });
    expect(
      forAdmin.body.output.entitiesNotDone.map(
        (e: { entityRef: string }) => e.entityRef,
      ),
    ).toEqual(['component:default/bravo-hidden', 'component:default/delta']);
    expect(forAdmin.body.output.entitiesNotDone[1]).toEqual({
      entityRef: 'component:default/delta',
      owner: 'group:default/payments',
      failingChecks: ['has-docs'],
    });

    // The user does not see bravo-hidden: not counted, not listed.
    const forUser = await progress(user);
    expect(forUser.status).toBe(200);
    expect(forUser.body.output).toMatchObject({ done: 1, total: 2 });
    expect(
      forUser.body.output.entitiesNotDone.map(
        (e: { entityRef: string }) => e.entityRef,
      ),
    ).toEqual(['component:default/delta']);

    // Denied every scorecard read: the campaign is there, with nothing in it.
    const forNobody = await progress(nobody);
    expect(forNobody.status).toBe(200);
    expect(forNobody.body.output).toMatchObject({
      done: 0,
      total: 0,
      entitiesNotDone: [],
      entitiesNotDoneCount: 0,
    });

    const unknown = await progress(user, 'no-such-campaign');
    expect(unknown.status).toBe(404);
    const tooLong = await progress(user, 'x'.repeat(101));
    expect(tooLong.status).toBe(400);
  });

  it('refuses a malformed entity ref naming the field', async () => {
    const server = await start(id);
    const res = await invoke(
      server,
      'get-entity-scorecard',
      { entityRef: 'not a ref:' },
      user,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/entityRef/);
  });
});
