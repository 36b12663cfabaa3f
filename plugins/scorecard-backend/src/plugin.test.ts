import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { scorecardFactProvidersExtensionPoint } from '@paved-road/plugin-scorecard-node';
import request from 'supertest';
import { component, testScorecardConfig } from './__testUtils__/fixtures';
import { hidingCatalog } from './__testUtils__/hidingCatalog';
import { scorecardPlugin } from './plugin';

jest.setTimeout(30_000);

const entities: Entity[] = [
  component('payments-api', {
    annotations: {
      'backstage.io/techdocs-ref': 'dir:.',
      'paved-road.dev/golden-path': 'node-service@1.1.0',
    },
  }),
  component(
    'cart-service',
    {},
    { owner: 'group:default/checkout', lifecycle: 'experimental' },
  ),
  component('secret-service'),
  { ...component('payments-api'), kind: 'API' },
];

/** Only the admin sees `secret-service`. */
const catalogFactory = hidingCatalog(entities, ['secret-service']);

const demoProviderModule = createBackendModule({
  pluginId: 'scorecard',
  moduleId: 'demo-provider',
  register(env) {
    env.registerInit({
      deps: { providers: scorecardFactProvidersExtensionPoint },
      async init({ providers }) {
        providers.addFactProvider({
          id: 'demo',
          loadFacts: async () => new Map(),
        });
      },
    });
  },
});

async function start(
  options: {
    scorecard?: unknown;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    anonymous?: boolean;
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      scorecardPlugin,
      demoProviderModule,
      catalogFactory,
      mockServices.rootConfig.factory({
        data: { scorecard: options.scorecard ?? testScorecardConfig },
      }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      ...(options.anonymous
        ? [
            mockServices.httpAuth.factory({
              defaultCredentials: mockCredentials.none(),
            }),
          ]
        : []),
    ],
  });
  return server;
}

const user = mockCredentials.user.header('user:default/guest');
const admin = mockCredentials.user.header('user:default/admin');

describe('scorecardPlugin', () => {
  it('serves /health and lists built-in and module providers', async () => {
    const res = await request(await start())
      .get('/api/scorecard/health')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      providers: ['catalog', 'golden-path', 'dora', 'slo', 'demo'],
    });
  });

  it('rejects callers without credentials with 401 on every route', async () => {
    const server = await start({ anonymous: true });
    for (const path of [
      '/checks',
      '/overview',
      '/entities/component/default/payments-api',
    ]) {
      const res = await request(server).get(`/api/scorecard${path}`);
      expect(res.status).toBe(401);
    }
    const post = await request(server).post(
      '/api/scorecard/entities/component/default/payments-api/refresh',
    );
    expect(post.status).toBe(401);
  });

  it('fails start-up on bad config, naming the key path', async () => {
    const bad = {
      ...testScorecardConfig,
      checks: [
        ...testScorecardConfig.checks,
        {
          id: 'x',
          title: 'X',
          fact: 'catalog:field:spec.owner',
          operator: 'like',
        },
      ],
    };
    await expect(start({ scorecard: bad })).rejects.toThrow(
      'scorecard.checks[3].operator: expected one of exists, eq, neq, gt, gte, lt, lte, in, matches, withinDays',
    );
  });

  it('serves the configured checks and levels', async () => {
    const res = await request(await start())
      .get('/api/scorecard/checks')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.levels.map((l: any) => l.id)).toEqual([
      'bronze',
      'silver',
      'gold',
    ]);
    expect(res.body.checks[1]).toEqual({
      id: 'has-docs',
      title: 'Has TechDocs',
      category: 'Documentation',
      level: 'silver',
      weight: 2,
      fact: 'catalog:annotation:backstage.io/techdocs-ref',
      operator: 'exists',
      filter: { kind: ['component'] },
      remediation: {
        text: 'Add TechDocs',
        template: 'template:default/add-techdocs',
      },
    });
  });

  it('serves an entity scorecard evaluated by the scheduled pass', async () => {
    const res = await request(await start())
      .get('/api/scorecard/entities/component/default/cart-service')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/cart-service',
      score: 25,
      level: { id: 'bronze', title: 'Bronze' },
      nextLevel: { id: 'silver', title: 'Silver' },
    });
    expect(res.body.checks.map((c: any) => [c.id, c.status])).toEqual([
      ['has-owner', 'pass'],
      ['has-docs', 'fail'],
      ['golden-path-current', 'fail'],
    ]);
  });

  it('answers 404 for entities the caller cannot see, or that no check applies to', async () => {
    const server = await start();
    const hidden = await request(server)
      .get('/api/scorecard/entities/component/default/secret-service')
      .set('Authorization', user);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.name).toBe('NotFoundError');
    const visible = await request(server)
      .get('/api/scorecard/entities/component/default/secret-service')
      .set('Authorization', admin);
    expect(visible.status).toBe(200);
    const api = await request(server)
      .get('/api/scorecard/entities/api/default/payments-api')
      .set('Authorization', user);
    expect(api.status).toBe(404);
    expect(api.body.error.message).toBe(
      "No scorecard check applies to 'api:default/payments-api'",
    );
  });

  it('refreshes an entity for callers allowed to; a policy denying everything gives 404', async () => {
    const allowed = await request(await start())
      .post('/api/scorecard/entities/component/default/payments-api/refresh')
      .set('Authorization', user);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ score: 100, level: { id: 'gold' } });

    const denied = await request(
      await start({ permission: AuthorizeResult.DENY }),
    )
      .post('/api/scorecard/entities/component/default/payments-api/refresh')
      .set('Authorization', user);
    // scorecard.entity.read is denied too, so the entity is not found; a
    // policy denying only refresh gives 403 (plugin.readAccess.test.ts).
    expect(denied.status).toBe(404);
    expect(denied.body.error.name).toBe('NotFoundError');
  });

  it('serves history and validates its window', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/scorecard/entities/component/default/payments-api/history')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/payments-api');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      score: 100,
      level: 'gold',
      checks: { 'has-owner': 'pass' },
    });

    const bad = await request(server)
      .get(
        '/api/scorecard/entities/component/default/payments-api/history?from=yesterday',
      )
      .set('Authorization', user);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      "Invalid 'from': expected an ISO 8601 date",
    );
  });

  it('pages and filters the overview, hiding entities the caller cannot see', async () => {
    const server = await start();
    const all = await request(server)
      .get('/api/scorecard/overview')
      .set('Authorization', user);
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: any) => i.name)).toEqual([
      'cart-service',
      'payments-api',
    ]);
    expect(all.body.items[0]).toMatchObject({
      owner: 'group:default/checkout',
      level: { id: 'bronze' },
      failingChecks: ['golden-path-current', 'has-docs'],
    });

    const asAdmin = await request(server)
      .get('/api/scorecard/overview?limit=2')
      .set('Authorization', admin);
    expect(asAdmin.body.items.map((i: any) => i.name)).toEqual([
      'cart-service',
      'payments-api',
    ]);
    const page2 = await request(server)
      .get(`/api/scorecard/overview?limit=2&cursor=${asAdmin.body.nextCursor}`)
      .set('Authorization', admin);
    expect(page2.body).toMatchObject({
      items: [{ name: 'secret-service' }],
      nextCursor: null,
    });

    const byOwner = await request(server)
      .get('/api/scorecard/overview?owner=checkout&kind=component')
      .set('Authorization', user);
    expect(byOwner.body.items.map((i: any) => i.name)).toEqual([
      'cart-service',
    ]);
    const byLevel = await request(server)
      .get('/api/scorecard/overview?level=gold')
      .set('Authorization', user);
    expect(byLevel.body.items.map((i: any) => i.name)).toEqual([
      'payments-api',
    ]);
    const failing = await request(server)
      .get('/api/scorecard/overview?failing=has-docs')
      .set('Authorization', user);
    expect(failing.body.items.map((i: any) => i.name)).toEqual([
      'cart-service',
    ]);

    const rollup = await request(server)
      .get('/api/scorecard/overview/rollup')
      .set('Authorization', user);
    expect(rollup.body.owners).toEqual([
      {
        owner: 'group:default/checkout',
        total: 1,
        averageScore: 25,
        levels: { bronze: 1 },
      },
      {
        owner: 'group:default/payments',
        total: 1,
        averageScore: 100,
        levels: { gold: 1 },
      },
    ]);

    for (const [query, message] of [
      [
        'level=platinum',
        "Invalid 'level': expected one of none, bronze, silver, gold",
      ],
      ['limit=0', "Invalid 'limit': expected a whole number from 1 to 500"],
      ['cursor=nope', "Invalid 'cursor'"],
    ]) {
      const bad = await request(server)
        .get(`/api/scorecard/overview?${query}`)
        .set('Authorization', user);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(message);
    }
  });

  it('registers its permissions with the permissions registry', async () => {
    const res = await request(await start())
      .get('/api/scorecard/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toContain(
      'scorecard.entity.refresh',
    );
  });
});
