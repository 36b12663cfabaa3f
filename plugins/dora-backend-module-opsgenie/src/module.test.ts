import {
  SchedulerService,
  ServiceFactory,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OPSGENIE_BASE_URLS, readOpsgenieConfig } from './config';
import { doraModuleOpsgenie } from './module';
import { OpsgenieDoraProvider } from './OpsgenieDoraProvider';
import {
  getDora,
  localBackend,
  providerStatus,
} from './__testUtils__/doraStatus';
import {
  fakeOpsgenie,
  incident,
  resolvedTimeline,
} from './__testUtils__/fakeOpsgenie';

const API_KEY = 'og-module-test-key';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      annotations: { 'opsgenie.com/component-selector': 'Payments' },
    },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
  },
];

const opsgenie = fakeOpsgenie({
  baseUrl: OPSGENIE_BASE_URLS.eu,
  apiKey: API_KEY,
});
const server = setupServer(localBackend, ...opsgenie.handlers);
registerMswTestHooks(server);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const config = {
  dora: {
    providers: {
      opsgenie: { apiKey: API_KEY, baseUrl: OPSGENIE_BASE_URLS.eu },
    },
  },
};

/** Incidents of the Payments service, each resolved 30 minutes after it opened. */
function seed(count: number) {
  const first = Date.now() - 20 * DAY;
  opsgenie.account.services = [
    { id: 'svc-payments', name: 'Payments' },
    { id: 'svc-orphan', name: 'Orphan' },
  ];
  opsgenie.account.incidents = [];
  opsgenie.account.timelines.clear();
  opsgenie.account.requests = [];
  opsgenie.account.intercept = undefined;
  for (let i = 0; i < count; i++) {
    const created = first + i * HOUR;
    opsgenie.account.incidents.push(incident(`inc-${i}`, created));
    opsgenie.account.timelines.set(
      `inc-${i}`,
      resolvedTimeline(created, created + 30 * 60_000),
    );
  }
  return first;
}

type MockScheduler = SchedulerService & {
  factory(options?: {
    includeInitialDelayedTasksOnStartup?: boolean;
  }): ServiceFactory<SchedulerService>;
};

async function start(options: {
  databaseId: Parameters<typeof databases.init>[0];
  module: ReturnType<typeof createBackendModule>;
  data?: object;
  scheduler?: MockScheduler;
}) {
  const knex = await databases.init(options.databaseId);
  const scheduler =
    options.scheduler ?? (mockServices.scheduler() as MockScheduler);
  const { server: http } = await startTestBackend({
    features: [
      doraPlugin,
      options.module,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({ data: options.data ?? config }),
      mockServices.database.factory({ knex }),
      // Runs every scheduled task once at start-up, initial delay or not.
      scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });
  return http;
}

async function waitForRun(http: Parameters<typeof providerStatus>[0]) {
  for (let i = 0; i < 100; i++) {
    const status = await providerStatus(http, 'opsgenie');
    if (status?.lastFinishedAt) return status;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('The Opsgenie provider never finished a run');
}

describe('doraModuleOpsgenie in the DORA backend', () => {
  it.each(databases.eachSupportedId())(
    'syncs incidents from the EU API through a rate limit, on %p',
    async databaseId => {
      seed(105);
      opsgenie.account.incidents.push(
        incident('orphan-1', Date.now() - DAY, {
          impactedServices: ['svc-orphan'],
        }),
      );
      let limited = false;
      opsgenie.account.intercept = url => {
        if (url.pathname !== '/v1/incidents' || limited) return undefined;
        limited = true;
        return new HttpResponse(null, {
          status: 429,
          headers: { 'Retry-After': '1' },
        });
      };

      const http = await start({ databaseId, module: doraModuleOpsgenie });
      const status = await waitForRun(http);

      expect(status).toMatchObject({
        lastError: null,
        lastRun: { accepted: 105, updated: 0, unmatched: 1 },
        runs: 1,
        cursors: [{ scope: 'incidents', cursor: expect.any(String) }],
      });
      expect(status.cursors[0].cursor).not.toContain(API_KEY);
      const lists = opsgenie.account.requests.filter(
        r => r.url.pathname === '/v1/incidents',
      );
      // the rate-limited first page, its retry, then the second page
      expect(lists.map(r => r.url.searchParams.get('offset'))).toEqual([
        '0',
        '0',
        '100',
      ]);
      expect(
        opsgenie.account.requests.every(
          r =>
            r.url.host === 'api.eu.opsgenie.com' &&
            r.authorization === `GenieKey ${API_KEY}`,
        ),
      ).toBe(true);
      const metrics = await getDora(
        http,
        '/metrics?entityRef=component:default/payments',
      );
      expect(metrics.timeToRestore).toMatchObject({
        incidents: 105,
        medianSeconds: 1800,
      });
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'records a 5xx storm as the run error and resumes from the saved cursor, on %p',
    async databaseId => {
      const t0 = seed(120);
      opsgenie.account.intercept = url =>
        url.pathname === '/v1/incidents' &&
        url.searchParams.get('offset') === '100'
          ? new HttpResponse('upstream down', { status: 503 })
          : undefined;
      // The real provider, with short retry waits so the storm ends quickly.
      const fastRetries = createBackendModule({
        pluginId: 'dora',
        moduleId: 'opsgenie-fast-retries',
        register(env) {
          env.registerInit({
            deps: {
              config: coreServices.rootConfig,
              auth: coreServices.auth,
              catalog: catalogServiceRef,
              providers: doraProvidersExtensionPoint,
            },
            async init(deps) {
              deps.providers.addProvider(
                OpsgenieDoraProvider.create({
                  config: readOpsgenieConfig(deps.config)!,
                  catalog: deps.catalog,
                  auth: deps.auth,
                  retry: { baseDelayMs: 1 },
                }),
              );
            },
          });
        },
      });
      const scheduler = mockServices.scheduler() as MockScheduler;

      const http = await start({ databaseId, module: fastRetries, scheduler });
      const failed = await waitForRun(http);

      expect(failed).toMatchObject({
        lastError:
          'GET https://api.eu.opsgenie.com/v1/incidents failed after 5 attempts: 503 Service Unavailable',
        lastRun: { accepted: 100, updated: 0, unmatched: 0 },
        runs: 1,
        failedRuns: 1,
      });
      expect(JSON.parse(failed.cursors[0].cursor).since).toBe(
        new Date(t0 + 99 * HOUR).toISOString(),
      );

      opsgenie.account.intercept = undefined;
      opsgenie.account.requests = [];
      await scheduler.triggerTask('dora-provider-opsgenie');
      const resumed = await providerStatus(http, 'opsgenie');

      expect(resumed).toMatchObject({
        lastError: null,
        // no gap: the 20 left; no duplicate: nothing sent twice
        lastRun: { accepted: 20, updated: 0, unmatched: 0 },
        runs: 2,
        failedRuns: 1,
      });
      expect(
        opsgenie.account.requests
          .find(r => r.url.pathname === '/v1/incidents')
          ?.url.searchParams.get('query'),
      ).toBe(`createdAt>=${t0 + 99 * HOUR}`);
      const metrics = await getDora(
        http,
        '/metrics?entityRef=component:default/payments',
      );
      expect(metrics.timeToRestore.incidents).toBe(120);
    },
    60_000,
  );

  it('fails at start-up naming the malformed key', async () => {
    await expect(
      start({
        databaseId: 'SQLITE_3',
        module: doraModuleOpsgenie,
        data: {
          dora: { providers: { opsgenie: { apiKey: 'k', baseUrl: 'eu' } } },
        },
      }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.opsgenie.baseUrl': expected an http(s) URL, got 'eu'",
    );
  });

  it('adds no provider without configuration', async () => {
    seed(1);
    const http = await start({
      databaseId: 'SQLITE_3',
      module: doraModuleOpsgenie,
      data: {},
    });
    expect(await providerStatus(http, 'opsgenie')).toBeUndefined();
    expect(opsgenie.account.requests).toEqual([]);
  });
});
