import {
  TestDatabaseId,
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import {
  localBackendPassthrough,
  startDoraTestBackend,
} from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OPSGENIE_BASE_URLS } from './config';
import { doraModuleOpsgenie } from './module';
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
const server = setupServer(localBackendPassthrough, ...opsgenie.handlers);
registerMswTestHooks(server);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** `dora.providers.opsgenie` as an operator would write it. */
const settings = { apiKey: API_KEY, baseUrl: OPSGENIE_BASE_URLS.eu };

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

/**
 * The DORA backend with this module; every task runs once at start-up.
 * `extra` is added to the provider's settings; `null`: no settings at all.
 */
async function start(databaseId: TestDatabaseId, extra: object | null = {}) {
  return startDoraTestBackend({
    features: [doraPlugin, doraModuleOpsgenie],
    config: extra
      ? { dora: { providers: { opsgenie: { ...settings, ...extra } } } }
      : {},
    entities,
    database: await databases.init(databaseId),
    runTasksOnStartup: true,
  });
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

      const dora = await start(databaseId);
      const status = await dora.waitForRun('opsgenie');

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
      const metrics = await dora.get(
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
      // Short retry waits, so the storm ends quickly.
      const dora = await start(databaseId, {
        requests: { initialBackoff: '1ms' },
      });
      const failed = await dora.waitForRun('opsgenie');

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
      await dora.sync('opsgenie');
      const resumed = await dora.providerStatus('opsgenie');

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
      const metrics = await dora.get(
        '/metrics?entityRef=component:default/payments',
      );
      expect(metrics.timeToRestore.incidents).toBe(120);
    },
    60_000,
  );

  it('fails at start-up naming the malformed key', async () => {
    await expect(
      start('SQLITE_3', { apiKey: 'k', baseUrl: 'eu' }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.opsgenie.baseUrl': expected an http(s) URL, got 'eu'",
    );
    await expect(
      start('SQLITE_3', { deploymentIdField: ['deploymentId'] }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.opsgenie.deploymentIdField': expected the key of an incident's custom property (extraProperties), e.g. 'deploymentId'",
    );
  });

  it('adds no provider without configuration', async () => {
    seed(1);
    const dora = await start('SQLITE_3', null);
    expect(await dora.providerStatus('opsgenie')).toBeUndefined();
    expect(opsgenie.account.requests).toEqual([]);
  });
});
