import {
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { localBackendPassthrough } from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { component } from './__testUtils__/entities';
import { TOKEN, fakePagerDuty, incident } from './__testUtils__/fakePagerDuty';
import { startDoraBackend } from './__testUtils__/startDoraBackend';
import {
  SECRET_NEW,
  SECRET_OLD,
  incidentDelivery,
  sign,
} from './__testUtils__/webhooks';

const server = setupServer(localBackendPassthrough);
registerMswTestHooks(server);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const entities = [component('payments', 'PPAY001'), component('cart')];

async function storedIncidents(
  knex: Awaited<ReturnType<typeof databases.init>>,
) {
  const rows = await knex('dora_incidents')
    .where({ source: 'pagerduty' })
    .orderBy('external_id');
  return rows.map(r => ({
    id: r.external_id as string,
    entityRef: r.entity_ref as string,
    resolved: r.resolved_at !== null,
    severity: r.severity as string | null,
  }));
}

describe('doraModulePagerDuty in the DORA backend', () => {
  it.each(databases.eachSupportedId())(
    'syncs through the EU API when configured, and shows cursors and unmatched incidents in the status, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const eu = fakePagerDuty({ baseUrl: 'https://api.eu.pagerduty.com' });
      server.use(eu.handler);
      eu.incidents.push(
        incident('Q1', 'PPAY001', ago(3 * DAY), {
          status: 'resolved',
          resolved_at: ago(3 * DAY - 3_600_000),
          priority: { summary: 'P1' },
        }),
        incident('Q2', 'PPAY001', ago(DAY)),
      );
      const dora = await startDoraBackend({
        knex,
        entities,
        pagerduty: { baseUrl: 'https://api.eu.pagerduty.com/', token: TOKEN },
      });

      await dora.sync();

      expect(eu.calls.length).toBeGreaterThan(0);
      expect(
        eu.calls.every(c => c.origin === 'https://api.eu.pagerduty.com'),
      ).toBe(true);
      expect(await storedIncidents(knex)).toEqual([
        {
          id: 'Q1',
          entityRef: 'component:default/payments',
          resolved: true,
          severity: 'P1',
        },
        {
          id: 'Q2',
          entityRef: 'component:default/payments',
          resolved: false,
          severity: 'high',
        },
      ]);
      const status = await dora.providerStatus();
      expect(status).toMatchObject({
        lastError: null,
        lastRun: { accepted: 2, updated: 0, unmatched: 0 },
        cursors: [{ scope: 'PPAY001' }],
      });
      expect(JSON.stringify(status)).not.toContain(TOKEN);

      // An incident of a service no entity carries is counted, not dropped.
      eu.setFault(() =>
        HttpResponse.json({
          incidents: [incident('Q3', 'PGHOST1', ago(DAY))],
          limit: 100,
          offset: 0,
          more: false,
          total: 1,
        }),
      );
      await dora.sync();
      expect((await dora.providerStatus()).lastRun).toEqual({
        accepted: 0,
        updated: 0,
        unmatched: 1,
      });
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'receives signed v3 webhooks: 401 on a bad signature, rotation, replay, 400 naming the field, unknown services counted, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const dora = await startDoraBackend({
        knex,
        entities,
        pagerduty: { token: TOKEN, webhookSecrets: [SECRET_OLD, SECRET_NEW] },
      });
      const triggered = JSON.stringify(incidentDelivery({ incidentId: 'QW1' }));

      const forged = await dora.postWebhook(triggered, {
        'X-PagerDuty-Signature': sign('not-the-secret', triggered),
      });
      expect(forged.status).toBe(401);
      expect(forged.body.error.name).toBe('AuthenticationError');
      const unsigned = await dora.postWebhook(triggered, {});
      expect(unsigned.status).toBe(401);
      expect(await storedIncidents(knex)).toEqual([]);

      // Rotation: PagerDuty signs with the old and the new secret.
      const rotated = `${sign('retired-secret', triggered)},${sign(
        SECRET_NEW,
        triggered,
      )}`;
      const accepted = await dora.postWebhook(triggered, {
        'X-PagerDuty-Signature': rotated,
      });
      expect(accepted.status).toBe(202);
      // The same delivery again (PagerDuty retries): stored once.
      const replay = await dora.postWebhook(triggered, {
        'X-PagerDuty-Signature': rotated,
      });
      expect(replay.status).toBe(202);
      expect(await storedIncidents(knex)).toEqual([
        {
          id: 'QW1',
          entityRef: 'component:default/payments',
          resolved: false,
          severity: 'high',
        },
      ]);

      const resolved = JSON.stringify(
        incidentDelivery({
          incidentId: 'QW1',
          type: 'incident.resolved',
          status: 'resolved',
          occurredAt: '2026-11-20T11:00:00.000Z',
        }),
      );
      const resolve = await dora.postWebhook(resolved, {
        'X-PagerDuty-Signature': sign(SECRET_OLD, resolved),
      });
      expect(resolve.status).toBe(202);
      const [row] = await knex('dora_incidents').where({
        source: 'pagerduty',
      });
      expect(Number(row.resolved_at)).toBe(
        Date.parse('2026-11-20T11:00:00.000Z'),
      );

      const payload = incidentDelivery({});
      delete (payload.event.data as { id?: string }).id;
      const broken = JSON.stringify(payload);
      const bad = await dora.postWebhook(broken, {
        'X-PagerDuty-Signature': sign(SECRET_OLD, broken),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({
        name: 'InputError',
        message: "Invalid 'event.data.id': expected a non-empty string",
      });

      const ghost = JSON.stringify(
        incidentDelivery({ incidentId: 'QG1', serviceId: 'PGHOST1' }),
      );
      const unknown = await dora.postWebhook(ghost, {
        'X-PagerDuty-Signature': sign(SECRET_OLD, ghost),
      });
      expect(unknown.status).toBe(202);
      expect((await storedIncidents(knex)).map(i => i.id)).toEqual(['QW1']);
      const status = await dora.providerStatus();
      expect(status.webhook).toEqual({
        unmatched: 1,
        lastUnmatchedAt: expect.any(String),
      });
      expect(status.cursors).toEqual([]);
      expect(JSON.stringify(status)).not.toContain(SECRET_OLD);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'records a 5xx storm as the run error without moving the cursor; the next run resumes, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const pd = fakePagerDuty();
      server.use(pd.handler);
      pd.incidents.push(incident('Q1', 'PPAY001', ago(2 * DAY)));
      const dora = await startDoraBackend({
        knex,
        entities,
        pagerduty: { token: TOKEN },
        fastRetry: true,
      });
      await dora.sync();
      const before = await dora.providerStatus();
      expect(before.lastError).toBeNull();

      pd.incidents.push(incident('Q2', 'PPAY001', ago(60_000)));
      pd.setFault(
        () =>
          new HttpResponse('upstream connect error', {
            status: 503,
            statusText: 'Service Unavailable',
          }),
      );
      pd.calls.length = 0;
      await dora.sync();
      const failed = await dora.providerStatus();
      expect(pd.calls).toHaveLength(3); // retried, then given up
      expect(failed.lastError).toBe(
        'GET https://api.pagerduty.com/incidents failed after 3 attempts: 503 Service Unavailable',
      );
      expect(failed.failedRuns).toBe(1);
      expect(failed.cursors).toEqual(before.cursors);

      pd.setFault(undefined);
      await dora.sync();
      const resumed = await dora.providerStatus();
      expect(resumed.lastError).toBeNull();
      expect((await storedIncidents(knex)).map(i => i.id)).toEqual([
        'Q1',
        'Q2',
      ]);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'resumes after a crash on another instance with no gap and no duplicate, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const pd = fakePagerDuty();
      server.use(pd.handler);
      const vendor = [
        incident('OLD1', 'PPAY001', ago(300 * DAY), {
          status: 'resolved',
          resolved_at: ago(299 * DAY),
        }),
        incident('OLD2', 'PPAY001', ago(200 * DAY), {
          status: 'resolved',
          resolved_at: ago(199 * DAY),
        }),
        incident('NEW1', 'PPAY001', ago(100 * DAY), {
          status: 'resolved',
          resolved_at: ago(99 * DAY),
        }),
        incident('NEW2', 'PPAY001', ago(DAY), {
          status: 'resolved',
          resolved_at: ago(DAY - 60_000),
        }),
      ];
      pd.incidents.push(...vendor);
      const config = { token: TOKEN, lookbackDays: 330 };
      // The network drops for the second six-month window: the run dies.
      pd.setFault(call =>
        call.since > Date.now() - 160 * DAY ? HttpResponse.error() : undefined,
      );
      const first = await startDoraBackend({
        knex,
        entities,
        pagerduty: config,
        fastRetry: true,
      });
      await first.sync();
      expect((await first.providerStatus()).lastError).toMatch(
        /failed after 3 attempts: network error/,
      );
      expect((await storedIncidents(knex)).map(i => i.id)).toEqual([
        'OLD1',
        'OLD2',
      ]);
      const [{ cursor }] = (await first.providerStatus()).cursors;
      await first.backend.stop();

      pd.setFault(undefined);
      pd.calls.length = 0;
      const second = await startDoraBackend({
        knex,
        entities,
        pagerduty: config,
        fastRetry: true,
      });
      await second.sync();

      // Only what came after the saved cursor (less a five-minute overlap).
      expect(pd.calls).toHaveLength(1);
      expect(pd.calls[0].since).toBe(
        Date.parse(JSON.parse(cursor).until) - 5 * 60_000,
      );
      expect((await storedIncidents(knex)).map(i => i.id)).toEqual(
        vendor.map(i => i.id).sort(),
      );
      expect((await second.providerStatus()).lastRun).toEqual({
        accepted: 2,
        updated: 0,
        unmatched: 0,
      });
    },
    60_000,
  );

  it('fails at start-up naming the malformed key, without echoing secrets', async () => {
    const knex = await databases.init('SQLITE_3');
    await expect(
      startDoraBackend({
        knex,
        entities,
        pagerduty: { token: TOKEN, lookbackDays: 0 },
      }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.pagerduty.lookbackDays': expected a whole number from 1 to 3650, got 0",
    );
    await expect(
      startDoraBackend({
        knex,
        entities,
        pagerduty: { baseUrl: 'api.pagerduty.com', token: TOKEN },
      }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.pagerduty.baseUrl': expected an http(s) URL, got 'api.pagerduty.com'",
    );
    await expect(
      startDoraBackend({
        knex,
        entities,
        pagerduty: { webhookSecrets: [SECRET_OLD] },
      }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.pagerduty.token': expected a PagerDuty REST API key",
    );
    await expect(
      startDoraBackend({
        knex,
        entities,
        pagerduty: { token: TOKEN, schedule: { frequency: 'often' } },
      }),
    ).rejects.toThrow(/Invalid config 'dora.providers.pagerduty.schedule': /);
    await expect(
      startDoraBackend({
        knex,
        entities,
        pagerduty: { token: TOKEN, deploymentIdField: ['deployment_id'] },
      }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.pagerduty.deploymentIdField': expected the key of a custom detail of the incident's first alert, e.g. 'deployment_id'",
    );
  });

  it('adds no provider and no webhook route without configuration', async () => {
    const knex = await databases.init('SQLITE_3');
    const dora = await startDoraBackend({ knex, entities });
    expect(await dora.providerStatus()).toBeUndefined();
    const body = JSON.stringify(incidentDelivery({}));
    const res = await dora.postWebhook(body, {
      'X-PagerDuty-Signature': sign(SECRET_OLD, body),
    });
    expect(res.status).toBe(404);
  });
});
