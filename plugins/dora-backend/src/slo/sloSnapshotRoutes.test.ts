import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { ALICE, visibilityCatalog } from '../__testUtils__/accessFixtures';
import { doraPlugin } from '../plugin';

const PROM = 'http://prometheus.test:9090';
let prometheusCalls = 0;
const msw = setupServer(
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/, () =>
    passthrough(),
  ),
  // https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
  http.get(`${PROM}/api/v1/query_range`, ({ request: req }) => {
    prometheusCalls += 1;
    const params = new URL(req.url).searchParams;
    const end = Number(params.get('end'));
    return HttpResponse.json({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { __name__: 'latency_p99', job: 'api' },
            values: [
              [end - 900, '0.5'],
              [end - 600, '0.1'],
              [end - 300, '0.1'],
            ],
          },
        ],
      },
    });
  }),
);
registerMswTestHooks(msw);
beforeEach(() => {
  prometheusCalls = 0;
});
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const latency = `apiVersion: openslo/v1
kind: SLO
metadata: { name: latency }
spec:
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 1d, isRolling: true }]
  objectives: [{ target: 0.2, op: lte, value: 0.3 }]
  indicator:
    metadata: { name: p99 }
    spec:
      thresholdMetric: { metricSource: { type: prometheus, spec: { query: latency_p99 } } }
`;

const user = mockCredentials.user();
const alice = mockCredentials.user(ALICE);

async function start(options: { knex?: Knex; slo?: object } = {}) {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      doraPlugin,
      visibilityCatalog,
      scheduler.factory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          dora: {
            slo: {
              prometheus: { baseUrl: PROM },
              definitions: ['a', 'secret', 'b'].map(name => ({
                entityRef: `component:default/${name}`,
                openslo: latency,
              })),
              ...options.slo,
            },
          },
        },
      }),
    ],
  });
  const task = () => {
    const call = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'dora-slo-snapshots',
    );
    return call![0] as SchedulerServiceTaskInvocationDefinition & {
      scope?: string;
    };
  };
  const get = (path: string, as = user) =>
    request(backend.server)
      .get(`/api/dora${path}`)
      .set(
        'Authorization',
        mockCredentials.user.header(as.principal.userEntityRef),
      );
  return { ...backend, task, get };
}

describe('SLO snapshots through the plugin', () => {
  it.each(databases.eachSupportedId())(
    'serves /slos from the scheduled snapshot without asking Prometheus, on %p',
    async id => {
      const knex = await databases.init(id);
      const { task, get } = await start({
        knex,
        slo: { snapshots: { schedule: { frequency: { minutes: 2 } } } },
      });
      expect(task()).toMatchObject({
        scope: 'global',
        frequency: { minutes: 2 },
        timeout: { minutes: 10 },
      });

      await task().fn(new AbortController().signal);
      expect(prometheusCalls).toBe(3); // a, secret and b: one query each
      await task().fn(new AbortController().signal);
      expect(prometheusCalls).toBe(6);

      const res = await get('/slos?entityRef=component:default/a');
      expect(res.status).toBe(200);
      expect(prometheusCalls).toBe(6);
      expect(Date.parse(res.body.computedAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      expect(res.body).toMatchObject({
        entityRef: 'component:default/a',
        definitions: { type: 'config' },
        slos: [{ name: 'latency', attainment: 2 / 3, status: 'ok' }],
      });

      const history = await get(
        '/slos/history?entityRef=component:default/a&days=7',
      );
      expect(history.status).toBe(200);
      expect(history.body.slos).toEqual([
        {
          name: 'latency',
          points: [
            {
              day: new Date().toISOString().slice(0, 10),
              attainment: 2 / 3,
              budgetRemaining: expect.closeTo(7 / 12, 9),
            },
          ],
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'computes an entity without snapshot once, stores it and serves it after, on %p',
    async id => {
      const knex = await databases.init(id);
      const { get } = await start({ knex });

      const first = await get('/slos?entityRef=component:default/b');
      expect(first.body.slos[0]).toMatchObject({
        name: 'latency',
        status: 'ok',
      });
      expect(prometheusCalls).toBe(1);
      const second = await get('/slos?entityRef=component:default/b');
      expect(prometheusCalls).toBe(1);
      expect(second.body.computedAt).toBe(first.body.computedAt);
      expect(await knex('dora_slo_snapshots').pluck('entity_ref')).toEqual([
        'component:default/b',
      ]);
    },
  );

  it('answers many entities in one call with a summary, owner or refs', async () => {
    const { task, get } = await start();
    await task().fn(new AbortController().signal);

    const byOwner = await get('/slos/by-entity?owner=group:default/team-a');
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/a',
      'component:default/secret',
    ]);
    expect(byOwner.body.summary).toMatchObject({
      slos: 2,
      atRisk: 0,
      errors: 0,
      medianBudgetBurned: expect.closeTo(5 / 12, 9),
    });

    const byRefs = await get(
      '/slos/by-entity?entityRefs=component:default/a,component:default/b&entityRefs=component:default/nope',
    );
    expect(byRefs.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    expect(byRefs.body.notFound).toEqual(['component:default/nope']);
    expect(prometheusCalls).toBe(3);
  });

  it('answers only for entities the caller can see, on every SLO route', async () => {
    const { task, get } = await start();
    await task().fn(new AbortController().signal);

    for (const path of [
      '/slos?entityRef=component:default/secret',
      '/slos/history?entityRef=component:default/secret',
    ]) {
      const hidden = await get(path, alice);
      const unknown = await get(path.replace('secret', 'nope'), alice);
      expect([hidden.status, unknown.status]).toEqual([404, 404]);
      expect(hidden.body.error.name).toBe('NotFoundError');
      expect((await get(path)).status).toBe(200);
    }
    const owner = await get(
      '/slos/by-entity?owner=group:default/team-a',
      alice,
    );
    expect(owner.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/a',
    ]);
    expect(owner.body.summary.slos).toBe(1);
    const refs = await get(
      '/slos/by-entity?entityRefs=component:default/secret,component:default/a',
      alice,
    );
    expect(refs.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/a',
    ]);
    expect(refs.body.notFound).toEqual(['component:default/secret']);
  });

  it('rejects bad input naming the field, and needs credentials', async () => {
    const { get } = await start();
    const cases: Array<[string, string]> = [
      [
        '/slos/history?entityRef=component:default/a&days=401',
        "Invalid 'days'",
      ],
      ['/slos/history?entityRef=component:default/a&days=x', "Invalid 'days'"],
      ['/slos/history', "Invalid 'entityRef'"],
      ['/slos/by-entity', "expected exactly one of 'owner' or 'entityRefs'"],
      [
        '/slos/by-entity?owner=group:default/team-a&entityRefs=component:default/a',
        "expected exactly one of 'owner' or 'entityRefs'",
      ],
      [
        `/slos/by-entity?entityRefs=${Array.from(
          { length: 501 },
          (_, i) => `component:default/c${i}`,
        ).join(',')}`,
        "Invalid 'entityRefs': expected 1 to 500 entity refs",
      ],
      ['/slos/by-entity?entityRefs=::', "Invalid 'entityRefs'"],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toContain(message);
    }
    const noAuth = await startTestBackend({
      features: [
        doraPlugin,
        visibilityCatalog,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    for (const path of [
      '/slos/by-entity?owner=group:default/team-a',
      '/slos/history?entityRef=component:default/a',
    ]) {
      expect(
        (await request(noAuth.server).get(`/api/dora${path}`)).status,
      ).toBe(401);
    }
  });

  it('fails at start-up on malformed snapshot config, naming the key', async () => {
    await expect(
      start({ slo: { snapshots: { schedule: { frequency: 'often' } } } }),
    ).rejects.toThrow("Invalid configuration: 'dora.slo.snapshots.schedule'");
    await expect(
      start({ slo: { snapshots: { concurrency: 0 } } }),
    ).rejects.toThrow(
      "Invalid configuration: 'dora.slo.snapshots.concurrency': expected a whole number from 1 to 32, got '0'",
    );
  });
});

describe('SLO snapshots without a snapshot yet', () => {
  it('keeps entities without SLOs out of the snapshot table', async () => {
    const { get } = await start({ slo: { definitions: [] } });
    const res = await get('/slos?entityRef=component:default/a');
    expect(res.body).toMatchObject({ definitions: { type: 'none' }, slos: [] });
    expect(res.body.computedAt).toEqual(expect.any(String));
  });
});

// The catalog mock used above answers `getEntities` filters in memory; this
// keeps the annotation filter honest against it too.
describe('entities listed by the refresh', () => {
  it('includes annotated entities', async () => {
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'x',
            annotations: { 'paved-road.dev/openslo-ref': './slo.yaml' },
          },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'y' },
        },
      ],
    });
    const { items } = await catalog.getEntities({
      filter: {
        'metadata.annotations.paved-road.dev/openslo-ref': Symbol.for(
          'CATALOG_FILTER_EXISTS_0e15b590c0b343a2bae3e787e84c2111',
        ),
      },
    });
    expect(items.map(e => e.metadata.name)).toEqual(['x']);
  });
});
