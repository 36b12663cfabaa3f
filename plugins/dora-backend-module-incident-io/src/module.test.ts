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
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readIncidentIoConfig } from './config';
import { IncidentIoDoraProvider } from './IncidentIoDoraProvider';
import { doraModuleIncidentIo } from './module';
import {
  getDora,
  localBackend,
  providerStatus,
} from './__testUtils__/doraStatus';
import { fakeIncidentIo, incident } from './__testUtils__/fakeIncidentIo';
import { WEBHOOK_SECRET, signedHeaders } from './__testUtils__/sign';

const API_KEY = 'iio-module-test-key';
const BASE = 'https://incident.example.com';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      annotations: { 'paved-road.dev/incident-io-service': 'Payments' },
    },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
  },
];

const vendor = fakeIncidentIo({ baseUrl: BASE, apiKey: API_KEY });
const server = setupServer(localBackend, ...vendor.handlers);
registerMswTestHooks(server);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const config = {
  dora: {
    providers: {
      incidentIo: {
        apiKey: API_KEY,
        baseUrl: BASE,
        webhookSecret: WEBHOOK_SECRET,
      },
    },
  },
};

/** `count` closed incidents of Payments, each resolved an hour in, plus noise. */
function seed(count: number) {
  const first = Date.now() - 20 * DAY;
  vendor.account.requests = [];
  vendor.account.intercept = undefined;
  vendor.account.incidents = [];
  for (let i = 0; i < count; i++) {
    vendor.account.incidents.push(incident(`i${i}`, first + i * HOUR));
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
  const backend = await startTestBackend({
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
  return backend.server;
}

async function waitForRun(http: Server) {
  for (let i = 0; i < 100; i++) {
    const status = await providerStatus(http, 'incident-io');
    if (status?.lastFinishedAt) return status;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('The incident.io provider never finished a run');
}

async function deliver(http: Server, body: string, headers: object) {
  const { port } = http.address() as AddressInfo;
  const response = await fetch(
    `http://127.0.0.1:${port}/api/dora/webhooks/incident-io`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    },
  );
  return { status: response.status, body: await response.json() };
}

describe('doraModuleIncidentIo in the DORA backend', () => {
  it.each(databases.eachSupportedId())(
    'syncs pages of incidents, excludes tests and counts unknown services, on %p',
    async databaseId => {
      const first = seed(260);
      vendor.account.incidents.push(
        incident('unknown', first, { services: ['Search'] }),
        incident('drill', first, { mode: 'test' }),
        incident('tour', first, { mode: 'tutorial' }),
      );

      const http = await start({ databaseId, module: doraModuleIncidentIo });
      const status = await waitForRun(http);

      expect(status).toMatchObject({
        lastError: null,
        lastRun: { accepted: 260, updated: 0, unmatched: 1 },
        cursors: [{ scope: 'incidents', cursor: expect.any(String) }],
      });
      expect(status.cursors[0].cursor).not.toContain(API_KEY);
      expect(
        vendor.account.requests.map(r => r.url.searchParams.get('after')),
      ).toEqual([null, expect.any(String)]);
      const metrics = await getDora(
        http,
        '/metrics?entityRef=component:default/payments',
      );
      expect(metrics.timeToRestore).toMatchObject({
        incidents: 260,
        medianSeconds: 3600,
      });
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'records a 5xx storm as the run error and resumes the listing, on %p',
    async databaseId => {
      seed(300);
      vendor.account.intercept = url =>
        url.searchParams.get('after')
          ? new HttpResponse('unavailable', { status: 503 })
          : undefined;
      const fastRetries = createBackendModule({
        pluginId: 'dora',
        moduleId: 'incident-io-fast-retries',
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
                IncidentIoDoraProvider.create({
                  config: readIncidentIoConfig(deps.config)!,
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
        lastError: `GET ${BASE}/v2/incidents failed after 5 attempts: 503 Service Unavailable`,
        lastRun: { accepted: 250, updated: 0 },
        failedRuns: 1,
      });
      const saved = JSON.parse(failed.cursors[0].cursor);
      expect(saved.after).toEqual(expect.any(String));

      vendor.account.intercept = undefined;
      vendor.account.requests = [];
      await scheduler.triggerTask('dora-provider-incident-io');
      const resumed = await providerStatus(http, 'incident-io');

      expect(resumed).toMatchObject({
        lastError: null,
        // no gap: the 50 left; no duplicate: nothing sent twice
        lastRun: { accepted: 50, updated: 0, unmatched: 0 },
        runs: 2,
        failedRuns: 1,
      });
      expect(vendor.account.requests[0].url.searchParams.get('after')).toBe(
        saved.after,
      );
      const metrics = await getDora(
        http,
        '/metrics?entityRef=component:default/payments',
      );
      expect(metrics.timeToRestore.incidents).toBe(300);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'takes signed webhooks and refuses forged, replayed and malformed ones, on %p',
    async databaseId => {
      seed(0);
      const http = await start({ databaseId, module: doraModuleIncidentIo });
      const type = 'public_incident.incident_updated_v2';
      const hooked = incident('hooked', Date.now() - 2 * HOUR);
      const body = JSON.stringify({ event_type: type, [type]: hooked });

      const ok = await deliver(http, body, signedHeaders(body));
      const forged = await deliver(
        http,
        body.replace(/"hooked"/g, '"forged"'),
        signedHeaders(body),
      );
      const wrongSecret = await deliver(
        http,
        body,
        signedHeaders(body, {
          secret: `whsec_${Buffer.from('another-key-of-sixteen').toString(
            'base64',
          )}`,
        }),
      );
      const replayed = await deliver(
        http,
        body,
        signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
      );
      const unsigned = await deliver(http, body, {});
      const malformedBody = JSON.stringify({
        event_type: type,
        [type]: { ...hooked, id: 7 },
      });
      const malformed = await deliver(
        http,
        malformedBody,
        signedHeaders(malformedBody),
      );

      expect(ok.status).toBe(202);
      expect([
        forged.status,
        wrongSecret.status,
        replayed.status,
        unsigned.status,
      ]).toEqual([401, 401, 401, 401]);
      expect(replayed.body.error.message).toBe(
        'incident.io webhook timestamp is outside the 5-minute tolerance',
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toBe(
        "Invalid 'public_incident.incident_updated_v2.id': expected a string",
      );
      const metrics = await getDora(
        http,
        '/metrics?entityRef=component:default/payments',
      );
      // only the genuine delivery was stored
      expect(metrics.timeToRestore).toMatchObject({
        incidents: 1,
        medianSeconds: 3600,
      });
    },
    60_000,
  );

  it('fails at start-up naming the malformed key', async () => {
    await expect(
      start({
        databaseId: 'SQLITE_3',
        module: doraModuleIncidentIo,
        data: {
          dora: {
            providers: { incidentIo: { apiKey: 'k', webhookSecret: 'oops' } },
          },
        },
      }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.incidentIo.webhookSecret': expected the endpoint's signing secret, 'whsec_' followed by base64",
    );
  });

  it('adds no provider without configuration', async () => {
    seed(1);
    const http = await start({
      databaseId: 'SQLITE_3',
      module: doraModuleIncidentIo,
      data: {},
    });
    expect(await providerStatus(http, 'incident-io')).toBeUndefined();
    expect(vendor.account.requests).toEqual([]);
  });
});
