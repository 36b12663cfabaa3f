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
import { doraModuleIncidentIo } from './module';
import { fakeIncidentIo, incident } from './__testUtils__/fakeIncidentIo';
import {
  ROTATED_SECRET,
  WEBHOOK_SECRET,
  signedHeaders,
} from './__testUtils__/sign';

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
const server = setupServer(localBackendPassthrough, ...vendor.handlers);
registerMswTestHooks(server);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** `dora.providers.incidentIo` as an operator would write it. */
const settings = {
  apiKey: API_KEY,
  baseUrl: BASE,
  webhookSecret: WEBHOOK_SECRET,
  webhookSecrets: [ROTATED_SECRET],
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

/**
 * The DORA backend with this module; every task runs once at start-up.
 * `extra` is added to the provider's settings; `null`: no settings at all.
 */
async function start(databaseId: TestDatabaseId, extra: object | null = {}) {
  return startDoraTestBackend({
    features: [doraPlugin, doraModuleIncidentIo],
    config: extra
      ? { dora: { providers: { incidentIo: { ...settings, ...extra } } } }
      : {},
    entities,
    database: await databases.init(databaseId),
    runTasksOnStartup: true,
  });
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

      const dora = await start(databaseId);
      const status = await dora.waitForRun('incident-io');

      expect(status).toMatchObject({
        lastError: null,
        lastRun: { accepted: 260, updated: 0, unmatched: 1 },
        cursors: [{ scope: 'incidents', cursor: expect.any(String) }],
      });
      expect(status.cursors[0].cursor).not.toContain(API_KEY);
      expect(
        vendor.account.requests.map(r => r.url.searchParams.get('after')),
      ).toEqual([null, expect.any(String)]);
      const metrics = await dora.get(
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
      // Short retry waits, so the storm ends quickly.
      const dora = await start(databaseId, {
        requests: { initialBackoff: '1ms' },
      });
      const failed = await dora.waitForRun('incident-io');

      expect(failed).toMatchObject({
        lastError: `GET ${BASE}/v2/incidents failed after 5 attempts: 503 Service Unavailable`,
        lastRun: { accepted: 250, updated: 0 },
        failedRuns: 1,
      });
      const saved = JSON.parse(failed.cursors[0].cursor);
      expect(saved.after).toEqual(expect.any(String));

      vendor.account.intercept = undefined;
      vendor.account.requests = [];
      await dora.sync('incident-io');
      const resumed = await dora.providerStatus('incident-io');

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
      const metrics = await dora.get(
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
      const dora = await start(databaseId);
      const type = 'public_incident.incident_updated_v2';
      const hooked = incident('hooked', Date.now() - 2 * HOUR);
      const body = JSON.stringify({ event_type: type, [type]: hooked });

      const okHeaders = signedHeaders(body);
      const ok = await dora.deliver('incident-io', body, okHeaders);
      const again = await dora.deliver('incident-io', body, okHeaders);
      const forged = await dora.deliver(
        'incident-io',
        body.replace(/"hooked"/g, '"forged"'),
        signedHeaders(body),
      );
      const wrongSecret = await dora.deliver(
        'incident-io',
        body,
        signedHeaders(body, {
          secret: `whsec_${Buffer.from('another-key-of-sixteen').toString(
            'base64',
          )}`,
        }),
      );
      const replayed = await dora.deliver(
        'incident-io',
        body,
        signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
      );
      const unsigned = await dora.deliver('incident-io', body, {});
      const malformedBody = JSON.stringify({
        event_type: type,
        [type]: { ...hooked, id: 7 },
      });
      const malformed = await dora.deliver(
        'incident-io',
        malformedBody,
        signedHeaders(malformedBody),
      );

      expect(ok.status).toBe(202);
      // The same message again (a Svix retry): acknowledged, recorded once.
      expect(again.status).toBe(202);
      // Signed with the rotated secret only: valid too.
      const rotated = await dora.deliver(
        'incident-io',
        body,
        signedHeaders(body, { secret: ROTATED_SECRET }),
      );
      expect(rotated.status).toBe(202);
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
      const metrics = await dora.get(
        '/metrics?entityRef=component:default/payments',
      );
      // only the genuine delivery was stored
      expect(metrics.timeToRestore).toMatchObject({
        incidents: 1,
        medianSeconds: 3600,
      });

      const unknown = JSON.stringify({
        event_type: type,
        [type]: incident('elsewhere', Date.now() - HOUR, {
          services: ['Search'],
        }),
      });
      expect(
        (await dora.deliver('incident-io', unknown, signedHeaders(unknown)))
          .status,
      ).toBe(202);
      expect((await dora.providerStatus('incident-io'))?.webhook).toEqual({
        unmatched: 1,
        lastUnmatchedAt: expect.any(String),
      });
    },
    60_000,
  );

  it('fails at start-up naming the malformed key', async () => {
    await expect(
      start('SQLITE_3', { apiKey: 'k', webhookSecret: 'oops' }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.incidentIo.webhookSecret': expected the endpoint's signing secret, 'whsec_' followed by base64",
    );
    await expect(
      start('SQLITE_3', { deploymentIdField: { name: 'Deployment' } }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.incidentIo.deploymentIdField': expected the name (or id) of an incident custom field, e.g. 'Deployment'",
    );
  });

  it('adds no provider without configuration', async () => {
    seed(1);
    const dora = await start('SQLITE_3', null);
    expect(await dora.providerStatus('incident-io')).toBeUndefined();
    expect(vendor.account.requests).toEqual([]);
  });
});
