import {
  BackstageCredentials,
  PermissionsServiceRequestOptions,
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
import { component, testScorecardConfig } from './__testUtils__/fixtures';
import { ADMIN, hidingCatalog } from './__testUtils__/hidingCatalog';
import { scorecardPlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const docs = { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } };
const checkout = { owner: 'group:default/checkout' };
const entities = [
  component('alpha', docs),
  component('bravo-hidden', docs),
  component('charlie-denied', docs),
  component('delta'),
  component('echo-hidden', {}, checkout),
  component('foxtrot-denied', {}, checkout),
  component('golf', {}, checkout),
  component('zulu-hidden'),
];
const VISIBLE = ['alpha', 'delta', 'golf'];
const UNSEEN = [
  'bravo-hidden',
  'charlie-denied',
  'echo-hidden',
  'foxtrot-denied',
  'zulu-hidden',
];

type Policy = (
  request: AuthorizePermissionRequest,
  user: string | undefined,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/** Denies `scorecard.entity.read` on `*-denied` entities to all but the admin. */
const denyReadOfDenied: Policy = (req, user) =>
  req.permission.name === 'scorecard.entity.read' &&
  'resourceRef' in req &&
  req.resourceRef?.endsWith('-denied') &&
  user !== ADMIN
    ? AuthorizeResult.DENY
    : AuthorizeResult.ALLOW;

const userOf = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef;

async function start(id: TestDatabaseId, policy: Policy = denyReadOfDenied) {
  const knex = await databases.init(id);
  const permissions = mockServices.permissions.mock({
    authorize: async (
      requests: AuthorizePermissionRequest[],
      options: PermissionsServiceRequestOptions,
    ) =>
      requests.map(r => ({ result: policy(r, userOf(options.credentials)) })),
  });
  const { server } = await startTestBackend({
    features: [
      scorecardPlugin,
      mockServices.database.factory({ knex }),
      hidingCatalog(entities, ['bravo-hidden', 'echo-hidden', 'zulu-hidden']),
      permissions.factory,
      mockServices.rootConfig.factory({
        data: { scorecard: testScorecardConfig },
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  return server;
}

const user = mockCredentials.user.header('user:default/guest');
const admin = mockCredentials.user.header(ADMIN);

/** Every page of the overview for `query`, with the raw bodies. */
async function pageThrough(server: any, query: string, auth: string) {
  const names: string[] = [];
  const bodies: string[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  do {
    const res: request.Response = await request(server)
      .get(
        `/api/scorecard/overview?limit=1&${query}${
          cursor ? `&cursor=${cursor}` : ''
        }`,
      )
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    bodies.push(JSON.stringify(res.body));
    names.push(...res.body.items.map((i: { name: string }) => i.name));
    cursor = res.body.nextCursor;
    if (cursor) {
      cursors.push(Buffer.from(cursor, 'base64url').toString('utf8'));
    }
  } while (cursor && bodies.length < 20);
  return { names, bodies, cursors };
}

const entityPaths = (name: string) => [
  `/api/scorecard/entities/component/default/${name}`,
  `/api/scorecard/entities/component/default/${name}/history`,
];

describe.each(databases.eachSupportedId())('scorecard reads on %p', id => {
  it('answers 404 for hidden and denied entities, exactly like an unknown one', async () => {
    const server = await start(id);
    for (const name of [...UNSEEN, 'no-such-entity']) {
      for (const path of entityPaths(name)) {
        const res = await request(server).get(path).set('Authorization', user);
        expect({ path, status: res.status, error: res.body.error }).toEqual({
          path,
          status: 404,
          error: expect.objectContaining({
            name: 'NotFoundError',
            message: `No entity 'component:default/${name}' in the catalog`,
          }),
        });
      }
    }
    for (const name of [...VISIBLE, ...UNSEEN]) {
      for (const path of entityPaths(name)) {
        const res = await request(server).get(path).set('Authorization', admin);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    }
  });

  it('never reveals hidden or denied entities in overview pages or cursors', async () => {
    const server = await start(id);
    for (const query of [
      '',
      'owner=payments',
      'owner=checkout',
      'kind=component',
      'level=bronze',
      'level=silver',
      'failing=has-docs',
      'owner=payments&failing=has-docs',
    ]) {
      const seen = await pageThrough(server, query, user);
      const all = await pageThrough(server, query, admin);
      // The admin sees the unseen ones, so the filter does reach them...
      expect(all.names.some(n => UNSEEN.includes(n))).toBe(true);
      // ...and the user gets exactly the visible ones, in order.
      expect(seen.names).toEqual(all.names.filter(n => VISIBLE.includes(n)));
      for (const text of [...seen.bodies, ...seen.cursors]) {
        for (const name of UNSEEN) expect(text).not.toContain(name);
      }
      // A cursor only ever names a row of the page it came with.
      for (const cursor of seen.cursors) {
        expect(VISIBLE.some(n => cursor.includes(`/${n}"`))).toBe(true);
      }
    }
  });

  it('counts visible, readable entities only in the team roll-up', async () => {
    const server = await start(id);
    const res = await request(server)
      .get('/api/scorecard/overview/rollup')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(
      res.body.owners.map((o: { owner: string; total: number }) => [
        o.owner,
        o.total,
      ]),
    ).toEqual([
      ['group:default/checkout', 1],
      ['group:default/payments', 2],
    ]);
    const all = await request(server)
      .get('/api/scorecard/overview/rollup')
      .set('Authorization', admin);
    expect(all.body.owners.map((o: { total: number }) => o.total)).toEqual([
      3, 5,
    ]);
  });

  it('answers like an empty catalog when scorecard.entity.read is denied', async () => {
    const server = await start(id, req =>
      req.permission.name === 'scorecard.entity.read'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    for (const path of entityPaths('alpha')) {
      const res = await request(server).get(path).set('Authorization', user);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        "No entity 'component:default/alpha' in the catalog",
      );
    }
    const overview = await request(server)
      .get('/api/scorecard/overview')
      .set('Authorization', user);
    expect(overview.body).toEqual({ items: [], nextCursor: null });
    const rollup = await request(server)
      .get('/api/scorecard/overview/rollup')
      .set('Authorization', user);
    expect(rollup.body.owners).toEqual([]);
    const refresh = await request(server)
      .post('/api/scorecard/entities/component/default/alpha/refresh')
      .set('Authorization', user);
    expect(refresh.status).toBe(404);
  });

  it('answers refresh with 403 per entity under a denying policy, and 404 for unseen entities', async () => {
    const denyRefresh = await start(id, req =>
      req.permission.name === 'scorecard.entity.refresh' &&
      'resourceRef' in req &&
      req.resourceRef === 'component:default/alpha'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    const denied = await request(denyRefresh)
      .post('/api/scorecard/entities/component/default/alpha/refresh')
      .set('Authorization', user);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        "Not allowed to refresh the scorecard of 'component:default/alpha' ('scorecard.entity.refresh')",
    });
    const allowed = await request(denyRefresh)
      .post('/api/scorecard/entities/component/default/delta/refresh')
      .set('Authorization', user);
    expect(allowed.status).toBe(200);
    expect(allowed.body.entityRef).toBe('component:default/delta');

    const server = await start(id);
    for (const name of ['bravo-hidden', 'charlie-denied']) {
      const res = await request(server)
        .post(`/api/scorecard/entities/component/default/${name}/refresh`)
        .set('Authorization', user);
      expect(res.status).toBe(404);
    }
  });

  it('registers both permissions as catalog-entity permissions', async () => {
    const res = await request(await start(id))
      .get('/api/scorecard/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual(
      expect.arrayContaining([
        {
          type: 'resource',
          name: 'scorecard.entity.read',
          attributes: { action: 'read' },
          resourceType: 'catalog-entity',
        },
        {
          type: 'resource',
          name: 'scorecard.entity.refresh',
          attributes: { action: 'update' },
          resourceType: 'catalog-entity',
        },
      ]),
    );
  });
});
