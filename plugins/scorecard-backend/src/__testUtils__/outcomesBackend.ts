/**
 * A scorecard backend for the platform outcomes tests: a catalog with a
 * team tree and services (shop-hidden hidden from every user but the
 * admin), a fake DORA service with SLOs, and a fake scaffolder (msw).
 */
import {
  createServiceFactory,
  PermissionsServiceRequestOptions,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { doraServiceRef } from '@paved-road/plugin-dora-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Knex } from 'knex';
import request from 'supertest';
import { component, group, testScorecardConfig } from './fixtures';
import { scorecardPlugin } from '../plugin';

export const GUEST = 'user:default/guest';
export const ADA = 'user:default/ada'; // platform team: reads comments
export const ADMIN = 'user:default/admin'; // sees hidden entities
export const NOBODY = 'user:default/nobody'; // denied every permission
const GP = 'paved-road.dev/golden-path';

const template = (name: string): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/platform' },
});
const svc = (
  name: string,
  team: string,
  opts: { gp?: string; system?: string; lifecycle?: string; type?: string },
) =>
  component(
    name,
    { annotations: opts.gp ? { [GP]: opts.gp } : {} },
    {
      owner: `group:default/${team}`,
      lifecycle: opts.lifecycle ?? 'production',
      type: opts.type ?? 'service',
      ...(opts.system ? { system: opts.system } : {}),
    },
  );

// payments is a child group of platform. python-service's current version
// is configured (2.0.0); node-service's is built in (1.1.0).
const entities = [
  group('platform'),
  group('payments', 'platform'),
  group('checkout'),
  svc('pay-a', 'payments', { gp: 'node-service@1.1.0', system: 'shop' }),
  svc('pay-b', 'payments', { gp: 'node-service@1.0.0' }),
  svc('pay-c', 'payments', { lifecycle: 'experimental' }),
  svc('plat-a', 'platform', { gp: 'python-service@2.0.0' }),
  svc('shop-a', 'checkout', { system: 'shop' }),
  svc('shop-hidden', 'checkout', { gp: 'node-service@1.1.0' }),
  svc('site', 'checkout', { gp: 'node-service@1.1.0', type: 'website' }),
  template('node-service'),
  template('python-service'),
];

/** The mock catalog, hiding shop-hidden from every user but the admin. */
const catalog = createServiceFactory({
  service: catalogServiceRef,
  deps: {},
  factory() {
    const inner = catalogServiceMock({ entities });
    const hidden = (e: Entity | null | undefined, options: any) =>
      !!e &&
      e.metadata.name === 'shop-hidden' &&
      options?.credentials?.principal?.type === 'user' &&
      options.credentials.principal.userEntityRef !== ADMIN;
    return {
      async queryEntities(req: any, options: any) {
        const res = await inner.queryEntities(req, options);
        return { ...res, items: res.items.filter(e => !hidden(e, options)) };
      },
      async getEntityByRef(ref: any, options: any) {
        const e = await inner.getEntityByRef(ref, options);
        return hidden(e, options) ? undefined : e;
      },
      async getEntitiesByRefs(req: any, options: any) {
        const res = await inner.getEntitiesByRefs(req, options);
        return { items: res.items.map(e => (hidden(e, options) ? null : e)) };
      },
    } as any;
  },
});

// SLOs: pay-a has budget left, pay-b overspent it, shop-a untouched;
// plat-a has none.
const slo = (remainingRatio: number) => ({
  status: 'ok',
  attainment: 0.999,
  errorBudget: { remainingRatio },
});
const slos: Record<string, object[]> = {
  'component:default/pay-a': [slo(0.5)],
  'component:default/pay-b': [slo(-0.1)],
  'component:default/shop-a': [slo(1)],
};
export const sloCalls: Array<{ refs: string[]; user?: string }> = [];
const dora = createServiceFactory({
  service: doraServiceRef,
  deps: {},
  factory: () =>
    ({
      async getSlosByEntity({ entityRefs, credentials }: any) {
        sloCalls.push({
          refs: entityRefs,
          user: credentials?.principal?.userEntityRef,
        });
        return {
          items: entityRefs.map((entityRef: string) => ({
            entityRef,
            definitions: { type: slos[entityRef] ? 'annotation' : 'none' },
            slos: slos[entityRef] ?? [],
          })),
          notFound: [],
        };
      },
    } as any),
});

// Tasks as scaffolder-backend's GET /v2/tasks serializes them.
const task = (
  id: string,
  templateRef: string | undefined,
  status: string,
  seconds?: number,
) => ({
  id,
  spec: {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    steps: [],
    output: {},
    parameters: {},
    ...(templateRef ? { templateInfo: { entityRef: templateRef } } : {}),
  },
  status,
  createdAt: '2026-11-01T10:00:00.000Z',
  lastHeartbeatAt:
    seconds === undefined
      ? undefined
      : new Date(
          Date.parse('2026-11-01T10:00:00Z') + seconds * 1000,
        ).toISOString(),
  createdBy: GUEST,
});
const tasks = [
  task('t1', 'template:default/node-service', 'completed', 60),
  task('t2', 'template:default/node-service', 'completed', 120),
  task('t3', 'template:default/node-service', 'failed', 30),
  task('t4', 'template:default/python-service', 'processing', 5),
  task('t5', undefined, 'completed', 10),
  task('t6', 'template:default/python-service', 'completed', 10),
];

const userOf = (o: PermissionsServiceRequestOptions) =>
  (o.credentials.principal as { userEntityRef?: string }).userEntityRef;

export async function startOutcomesBackend(knex: Knex) {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
  };
  const permissions = mockServices.permissions.mock({
    authorize: async (
      requests: AuthorizePermissionRequest[],
      options: PermissionsServiceRequestOptions,
    ) =>
      requests.map(r => {
        const user = userOf(options);
        const denied =
          user === NOBODY ||
          (r.permission.name === 'scorecard.outcomes.comments.read' &&
            user !== ADA);
        return {
          result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
        };
      }),
  });
  const { server: app } = await startTestBackend({
    features: [
      scorecardPlugin,
      actionsRegistryServiceFactory,
      mockServices.database.factory({ knex }),
      catalog,
      dora,
      permissions.factory,
      scheduler.factory(),
      mockServices.rootConfig.factory({
        data: {
          goldenPath: {
            archetypes: [
              { id: 'python-service', title: 'Python', version: '2.0.0' },
            ],
          },
          scorecard: {
            ...testScorecardConfig,
            exemptions: { autoApprove: true },
            outcomes: { maxScaffolderTasks: 5 },
          },
        },
      }),
    ],
  });
  const as = (user: string) => mockCredentials.user.header(user);
  return {
    knex,
    get: (path: string, user = GUEST) =>
      request(app).get(`/api/scorecard${path}`).set('Authorization', as(user)),
    post: (path: string, body: object, user = GUEST) =>
      request(app)
        .post(`/api/scorecard${path}`)
        .set('Authorization', as(user))
        .send(body),
    anonymous: request(app),
    invoke: (name: string, user: string) =>
      request(app)
        .post(
          `/api/scorecard/.backstage/actions/v1/actions/scorecard:${name}/invoke`,
        )
        .set('Authorization', as(user))
        .send({}),
    record: () => scheduler.triggerTask('scorecard-outcomes-adoption'),
  };
}

export const fig = (services: number, goldenPath: number, current: number) => ({
  services,
  goldenPath,
  current,
  shareGoldenPath: services ? goldenPath / services : null,
  shareCurrent: services ? current / services : null,
});

/**
 * Serves the scaffolder's `GET /v2/tasks` with {@link tasks} (requests to
 * the test backend pass, any other is an error); `seen` lists the URLs asked,
 * `authorizations` their Authorization headers.
 */
export function useFakeScaffolder() {
  const server = setupServer();
  const seen: URL[] = [];
  const authorizations: Array<string | null> = [];
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (req, print) => {
        if (!new URL(req.url).pathname.startsWith('/api/scorecard/')) {
          print.error();
        }
      },
    }),
  );
  beforeEach(() => {
    seen.length = 0;
    authorizations.length = 0;
    sloCalls.length = 0;
    server.use(
      http.get('*/api/scaffolder/v2/tasks', ({ request: req }) => {
        const url = new URL(req.url);
        seen.push(url);
        authorizations.push(req.headers.get('authorization'));
        if (!req.headers.get('authorization')?.startsWith('Bearer ')) {
          return HttpResponse.json({ error: 'no token' }, { status: 401 });
        }
        const offset = Number(url.searchParams.get('offset'));
        const limit = Number(url.searchParams.get('limit'));
        return HttpResponse.json({
          tasks: tasks.slice(offset, offset + limit),
          totalTasks: tasks.length,
        });
      }),
    );
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return { server, seen, authorizations };
}
