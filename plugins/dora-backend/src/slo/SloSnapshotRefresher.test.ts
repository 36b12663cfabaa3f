import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createDatabases, createService } from '../__testUtils__/fixtures';
import { DatabaseSloIncidents } from './DatabaseSloIncidents';
import { DatabaseSloSnapshots } from './DatabaseSloSnapshots';
import { DefaultSloService } from './DefaultSloService';
import { PrometheusClient } from './PrometheusClient';
import { SloDefinitionReader } from './SloDefinitionReader';
import { SloSnapshotRefresher } from './SloSnapshotRefresher';

const msw = setupServer();
registerMswTestHooks(msw);
const databases = createDatabases();
const PROM = 'http://prometheus.test:9090';
const VALUES: Record<string, string> = {
  good_requests: '99',
  total_requests: '100',
};

/** Prometheus queries seen, by query text. */
function prometheus(options: { failing?: string } = {}) {
  const seen: string[] = [];
  msw.use(
    http.get(`${PROM}/api/v1/query_range`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const query = params.get('query')!;
      seen.push(query);
      if (query === options.failing) {
        return HttpResponse.json(
          {
            status: 'error',
            errorType: 'bad_data',
            error: `parse error in ${query}`,
          },
          { status: 400 },
        );
      }
      // https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
      const start = Number(params.get('start'));
      const end = Number(params.get('end'));
      const step = Number(params.get('step')!.replace(/s$/, ''));
      // 1% of requests fail; latency always 0.2 s
      const value = VALUES[query] ?? '0.2';
      const values: Array<[number, string]> = [];
      for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
        values.push([t, value]);
      }
      return HttpResponse.json({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [{ metric: { __name__: query, job: 'api' }, values }],
        },
      });
    }),
  );
  return seen;
}

const ratio = `apiVersion: openslo/v1
kind: SLO
metadata: { name: requests }
spec:
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 1d, isRolling: true }]
  objectives: [{ target: 0.98 }]
  indicator:
    metadata: { name: good-requests }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: prometheus, spec: { query: good_requests } } }
        total: { metricSource: { type: prometheus, spec: { query: total_requests } } }
`;

const latency = (query = 'p99_latency') => `---
apiVersion: openslo/v1
kind: SLO
metadata: { name: latency }
spec:
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 1d, isRolling: true }]
  objectives: [{ target: 0.99, op: lte, value: 0.3 }]
  indicator:
    metadata: { name: p99 }
    spec:
      thresholdMetric: { metricSource: { type: prometheus, spec: { query: ${query} } } }
`;

const availability = `---
apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 1d, isRolling: true }]
  objectives: [{ target: 0.9 }]
  indicator:
    metadata: { name: up }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: paved-road-incidents } }
        total: { metricSource: { type: paved-road-incidents } }
`;

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
});

async function setup(
  id: Parameters<typeof createService>[1],
  definitions: Record<string, string>,
  entities: Entity[],
) {
  const { knex, service: dora } = await createService(databases, id);
  const database = { getClient: async () => knex };
  const catalog = catalogServiceMock({ entities });
  const reader = SloDefinitionReader.fromConfig(
    new ConfigReader({
      dora: {
        slo: {
          definitions: Object.entries(definitions).map(
            ([entityRef, openslo]) => ({ entityRef, openslo }),
          ),
        },
      },
    }),
    { urlReader: mockServices.urlReader.mock() },
  );
  const incidents = await DatabaseSloIncidents.create({ database });
  const compute = DefaultSloService.create({
    getEntity: async () => undefined,
    reader,
    sources: {
      incidents: r => incidents.list(r),
      prometheus: new PrometheusClient({ baseUrl: PROM, token: 'prom-secret' }),
    },
    logger: mockServices.logger.mock(),
  });
  const store = await DatabaseSloSnapshots.create({ database });
  let now = Date.parse('2026-12-04T08:00:00Z');
  const refresher = SloSnapshotRefresher.create({
    catalog,
    auth: mockServices.auth(),
    compute,
    configuredEntityRefs: () => reader.configuredEntityRefs(),
    store,
    logger: mockServices.logger.mock(),
    concurrency: 2,
    now: () => now,
  });
  return {
    knex,
    dora,
    store,
    refresher,
    setNow: (iso: string) => {
      now = Date.parse(iso);
    },
  };
}

describe('SloSnapshotRefresher', () => {
  it.each(databases.eachSupportedId())(
    'stores snapshots and one history row per SLO and UTC day, querying Prometheus once per SLO query per run, on %p',
    async id => {
      const seen = prometheus();
      const { knex, dora, store, refresher, setNow } = await setup(
        id,
        {
          'component:default/api': ratio + latency(),
          'component:default/db': availability,
        },
        [component('api'), component('db'), component('no-slo')],
      );
      await dora.ingest({
        events: [
          {
            kind: 'incident',
            source: 'pager',
            id: 'i1',
            entityRef: 'component:default/db',
            openedAt: '2026-12-04T05:00:00Z',
            resolvedAt: '2026-12-04T06:12:00Z', // 1.2 h of 24 h: 5% down
          },
        ],
      });

      const first = await refresher.run();

      expect(first).toEqual({
        entities: 2,
        slos: 3,
        errors: 0,
        aborted: false,
      });
      // requests: one good and one total query; latency: one query
      expect(seen.sort()).toEqual([
        'good_requests',
        'p99_latency',
        'total_requests',
      ]);
      const snapshots = await store.readMany([
        'component:default/api',
        'component:default/db',
        'component:default/no-slo',
      ]);
      expect([...snapshots.keys()].sort()).toEqual([
        'component:default/api',
        'component:default/db',
      ]);
      const api = snapshots.get('component:default/api')!;
      expect(api.computedAt).toBe(Date.parse('2026-12-04T08:00:00Z'));
      expect(api.body.slos.map(s => [s.name, s.status])).toEqual([
        ['requests', 'ok'],
        ['latency', 'ok'],
      ]);
      expect(api.body.slos[0]).toMatchObject({
        attainment: expect.closeTo(0.99, 9),
      });
      expect(await store.history('component:default/db', '2026-12-01')).toEqual(
        [
          {
            entityRef: 'component:default/db',
            sloName: 'availability',
            day: '2026-12-04',
            attainment: expect.closeTo(0.95, 9),
            budgetRemaining: expect.closeTo(0.5, 9),
          },
        ],
      );

      // Later the same day the incident is longer: the day's row is replaced.
      await dora.ingest({
        events: [
          {
            kind: 'incident',
            source: 'pager',
            id: 'i1',
            entityRef: 'component:default/db',
            openedAt: '2026-12-04T05:00:00Z',
            resolvedAt: '2026-12-04T07:24:00Z', // 2.4 h: 10% down
          },
        ],
      });
      setNow('2026-12-04T20:00:00Z');
      await refresher.run();
      expect(seen).toHaveLength(6); // once more per query, no more
      expect(
        Number((await knex('dora_slo_daily').count({ n: '*' }))[0].n),
      ).toBe(3);
      const dbDays = await store.history('component:default/db', '2026-12-01');
      expect(dbDays).toEqual([
        expect.objectContaining({
          day: '2026-12-04',
          attainment: expect.closeTo(0.9, 9),
          budgetRemaining: expect.closeTo(0, 9),
        }),
      ]);

      // The next UTC day adds a row.
      setNow('2026-12-05T00:30:00Z');
      await refresher.run();
      expect(
        (await store.history('component:default/api', '2026-12-01')).map(r => [
          r.sloName,
          r.day,
        ]),
      ).toEqual([
        ['latency', '2026-12-04'],
        ['latency', '2026-12-05'],
        ['requests', '2026-12-04'],
        ['requests', '2026-12-05'],
      ]);
      expect(
        Number((await knex('dora_slo_daily').count({ n: '*' }))[0].n),
      ).toBe(6);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a failing SLO as its error status without the query or token, computes the others, and drops entities that lost their SLOs, on %p',
    async id => {
      const seen = prometheus({ failing: 'secret_team_metric' });
      const entities = [
        component('api'),
        component('gone', {
          'paved-road.dev/openslo-ref': 'https://git.example.com/gone.yaml',
        }),
      ];
      const { store, refresher, setNow } = await setup(
        id,
        { 'component:default/api': ratio + latency('secret_team_metric') },
        entities,
      );

      const result = await refresher.run();

      // The failing SLO, and `gone`, whose file the test's UrlReader cannot
      // read: its error is stored too.
      expect(result).toMatchObject({ entities: 2, slos: 2, errors: 2 });
      expect(seen).toContain('secret_team_metric');
      const api = (await store.readMany(['component:default/api'])).get(
        'component:default/api',
      )!;
      expect(api.body.slos.map(s => s.status)).toEqual(['ok', 'error']);
      expect(api.body.slos[1]).toMatchObject({
        reason: expect.stringContaining(
          "Prometheus rejected the 'query' (HTTP 400, bad_data)",
        ),
      });
      expect(JSON.stringify(api.body)).not.toMatch(
        /secret_team_metric|prom-secret/,
      );
      // An SLO in error writes no history; the computed one does.
      expect(
        (await store.history('component:default/api', '2026-12-01')).map(
          r => r.sloName,
        ),
      ).toEqual(['requests']);
      const gone = (await store.readMany(['component:default/gone'])).get(
        'component:default/gone',
      )!;
      expect(gone.body.error?.message).toMatch(
        /^Could not read the SLO definitions/,
      );

      // The annotation is removed: the next full run deletes its snapshot.
      delete entities[1].metadata.annotations!['paved-road.dev/openslo-ref'];
      setNow('2026-12-04T08:05:00Z');
      await refresher.run();
      expect([
        ...(
          await store.readMany([
            'component:default/api',
            'component:default/gone',
          ])
        ).keys(),
      ]).toEqual(['component:default/api']);
    },
  );

  it.each(databases.eachSupportedId())(
    'stops between entities when aborted and keeps every snapshot, on %p',
    async id => {
      prometheus();
      const { store, refresher } = await setup(
        id,
        { 'component:default/api': latency() },
        [component('api')],
      );
      await refresher.run();
      const controller = new AbortController();
      controller.abort();

      const result = await refresher.run(controller.signal);

      expect(result).toMatchObject({ entities: 0, aborted: true });
      expect((await store.readMany(['component:default/api'])).size).toBe(1);
    },
  );
});
