import {
  TestDatabases,
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import {
  fakeSyncContext,
  localBackendPassthrough,
} from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readPagerDutyConfig } from './config';
import { PagerDutyDoraProvider } from './PagerDutyDoraProvider';
import { component } from './__testUtils__/entities';
import { TOKEN, fakePagerDuty, incident } from './__testUtils__/fakePagerDuty';
import { startDoraBackend } from './__testUtils__/startDoraBackend';
import { SECRET_OLD, incidentDelivery, sign } from './__testUtils__/webhooks';

const server = setupServer(localBackendPassthrough);
registerMswTestHooks(server);

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function provider(pagerduty: object) {
  const pd = fakePagerDuty();
  server.use(pd.handler, pd.alertsHandler);
  const waits: number[] = [];
  const config = readPagerDutyConfig(
    new ConfigReader({
      dora: { providers: { pagerduty: { token: TOKEN, ...pagerduty } } },
    }),
  )!;
  return {
    pd,
    waits,
    provider: PagerDutyDoraProvider.create({
      config,
      catalog: catalogServiceMock({
        entities: [component('payments', 'PPAY001')],
      }),
      auth: mockServices.auth(),
      now: () => NOW,
      retry: {
        maxAttempts: 3,
        sleep: async ms => {
          waits.push(ms);
        },
      },
    }),
    ...fakeSyncContext<DoraIncidentEvent>(),
  };
}

describe('PagerDuty attribution', () => {
  it('emits priority and urgency as attributes, priority only when the incident has one', async () => {
    const { pd, provider: p, context, stored } = provider({});
    pd.incidents.push(
      incident('Q1', 'PPAY001', iso(NOW - DAY), {
        priority: { summary: 'P1' },
        urgency: 'high',
      }),
      incident('Q2', 'PPAY001', iso(NOW - DAY + 1000), {
        priority: null,
        urgency: 'low',
      }),
    );

    await p.sync(context);

    expect(stored.get('incident/pagerduty/Q1')?.attributes).toEqual({
      priority: 'P1',
      urgency: 'high',
    });
    expect(stored.get('incident/pagerduty/Q2')?.attributes).toEqual({
      urgency: 'low',
    });
    // Without deploymentIdField no alert is read and no link is set.
    expect(pd.alertCalls).toEqual([]);
    expect(stored.get('incident/pagerduty/Q1')?.deploymentId).toBeUndefined();
  });

  it("takes deploymentId from the configured key of the first alert's custom details, once per incident", async () => {
    const {
      pd,
      provider: p,
      context,
      stored,
    } = provider({
      deploymentIdField: 'deployment_id',
    });
    pd.incidents.push(
      incident('Q1', 'PPAY001', iso(NOW - 2 * DAY)),
      incident('Q2', 'PPAY001', iso(NOW - DAY)),
      incident('Q3', 'PPAY001', iso(NOW - DAY + 1000)),
    );
    pd.alertDetails.set('Q1', { deployment_id: ' deploy-42 ', region: 'eu' });
    // The key is missing: no link.
    pd.alertDetails.set('Q2', { deployment: 'deploy-7' });
    // Q3 has no alert at all (e.g. created by hand).

    await p.sync(context);

    expect(stored.get('incident/pagerduty/Q1')?.deploymentId).toBe('deploy-42');
    expect(stored.get('incident/pagerduty/Q2')).toBeDefined();
    expect(stored.get('incident/pagerduty/Q2')?.deploymentId).toBeUndefined();
    expect(stored.get('incident/pagerduty/Q3')?.deploymentId).toBeUndefined();
    expect(pd.alertCalls).toEqual(
      ['Q1', 'Q2', 'Q3'].map(incidentId => ({
        incidentId,
        limit: '1',
        sortBy: 'created_at:asc',
        authorization: `Token token=${TOKEN}`,
        accept: 'application/vnd.pagerduty+json;version=2',
      })),
    );

    // The open incidents are re-read next run; their alerts are not.
    pd.alertCalls.length = 0;
    await p.sync(context);
    expect(pd.alertCalls).toEqual([]);
    expect(stored.get('incident/pagerduty/Q1')?.deploymentId).toBe('deploy-42');
  });

  it('reads a dotted path and numbers, and retries an alert request like the others', async () => {
    const {
      pd,
      provider: p,
      context,
      stored,
      waits,
    } = provider({
      deploymentIdField: 'deploy.id',
    });
    pd.incidents.push(
      incident('Q1', 'PPAY001', iso(NOW - DAY)),
      incident('Q2', 'PPAY001', iso(NOW - DAY + 1000)),
    );
    pd.alertDetails.set('Q1', { deploy: { id: 'rel-2026.11.3' } });
    pd.alertDetails.set('Q2', { 'deploy.id': 1234 });
    let failures = 0;
    pd.setAlertFault(() =>
      failures++ < 1
        ? new HttpResponse(null, {
            status: 429,
            headers: { 'Retry-After': '1' },
          })
        : undefined,
    );

    await p.sync(context);

    expect(waits).toEqual([1000]);
    expect(stored.get('incident/pagerduty/Q1')?.deploymentId).toBe(
      'rel-2026.11.3',
    );
    expect(stored.get('incident/pagerduty/Q2')?.deploymentId).toBe('1234');
  });

  it('stops the run when alert requests keep failing, without moving the cursor', async () => {
    const {
      pd,
      provider: p,
      context,
      stored,
      cursors,
    } = provider({
      deploymentIdField: 'deployment_id',
    });
    pd.incidents.push(incident('Q1', 'PPAY001', iso(NOW - DAY)));
    pd.setAlertFault(() => new HttpResponse('busy', { status: 503 }));

    await expect(p.sync(context)).rejects.toThrow(
      /alerts failed after 3 attempts: 503/,
    );
    expect(stored.size).toBe(0);
    expect(cursors.size).toBe(0);
  });

  it.each<[object, string]>([
    [{ deploymentIdField: 42 }, 'a number'],
    [{ deploymentIdField: ' ' }, 'a blank'],
    [{ deploymentIdField: 'deploy..id' }, 'an empty path segment'],
  ])('fails at start-up naming deploymentIdField for %j (%s)', extra => {
    expect(() =>
      readPagerDutyConfig(
        new ConfigReader({
          dora: { providers: { pagerduty: { token: TOKEN, ...extra } } },
        } as any),
      ),
    ).toThrow(
      "Invalid config 'dora.providers.pagerduty.deploymentIdField': expected the key of a custom detail of the incident's first alert, e.g. 'deployment_id'",
    );
  });
});

describe('PagerDuty attribution in the DORA backend', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const HOUR = 3_600_000;
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const entities = [component('payments', 'PPAY001')];

  async function deploy(baseUrl: string, id: string, finishedAt: string) {
    const response = await fetch(`${baseUrl}/api/dora/events`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.service.header(),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        events: [
          {
            kind: 'deployment',
            source: 'argo',
            id,
            entityRef: 'component:default/payments',
            environment: 'production',
            status: 'success',
            finishedAt,
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
  }

  it.each(databases.eachSupportedId())(
    'with an exclude filter on low urgency, a low-urgency incident counts for time to restore, not for change failure, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const pd = fakePagerDuty();
      server.use(pd.handler, pd.alertsHandler);
      pd.incidents.push(
        incident('LOW1', 'PPAY001', ago(5 * HOUR), {
          status: 'resolved',
          resolved_at: ago(4 * HOUR),
          urgency: 'low',
        }),
      );
      const dora = await startDoraBackend({
        knex,
        entities,
        pagerduty: { token: TOKEN, webhookSecrets: [SECRET_OLD] },
        dora: {
          incidents: {
            exclude: [
              { source: 'pagerduty', attribute: 'urgency', values: ['low'] },
            ],
          },
        },
      });
      await deploy(dora.baseUrl, 'd1', ago(6 * HOUR));

      await dora.sync();

      const query = `entityRef=${encodeURIComponent(
        'component:default/payments',
      )}&from=${encodeURIComponent(ago(DAY))}`;
      const metrics = await dora.get(`/metrics?${query}`);
      expect(metrics.timeToRestore.incidents).toBe(1);
      expect(metrics.changeFailureRate.failedDeployments).toBe(0);
      const incidents = await dora.get(`/incidents?${query}`);
      expect(incidents.items).toEqual([
        expect.objectContaining({
          source: 'pagerduty',
          id: 'LOW1',
          link: null,
          unlinkedReason: 'excluded',
        }),
      ]);

      // A high-urgency one, received by webhook, still counts as a failure.
      const body = JSON.stringify(
        incidentDelivery({
          incidentId: 'HIGH1',
          type: 'incident.resolved',
          status: 'resolved',
          createdAt: ago(3 * HOUR),
          occurredAt: ago(2 * HOUR),
        }),
      );
      const res = await dora.postWebhook(body, {
        'X-PagerDuty-Signature': sign(SECRET_OLD, body),
      });
      expect(res.status).toBe(202);
      // A low-urgency one by webhook: its urgency comes from the payload.
      const low = JSON.stringify(
        incidentDelivery({
          incidentId: 'LOW2',
          type: 'incident.resolved',
          status: 'resolved',
          createdAt: ago(3 * HOUR),
          occurredAt: ago(2 * HOUR),
          priority: 'P4',
          urgency: 'low',
        }),
      );
      expect(
        (
          await dora.postWebhook(low, {
            'X-PagerDuty-Signature': sign(SECRET_OLD, low),
          })
        ).status,
      ).toBe(202);
      const after = await dora.get(`/metrics?${query}`);
      expect(after.timeToRestore.incidents).toBe(3);
      expect(after.changeFailureRate.failedDeployments).toBe(1);
      const all = await dora.get(`/incidents?${query}`);
      expect(
        Object.fromEntries(
          all.items.map((i: any) => [i.id, i.unlinkedReason ?? i.link.rule]),
        ),
      ).toEqual({ LOW1: 'excluded', LOW2: 'excluded', HIGH1: 'latest-before' });
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'links an incident to the deployment named in its first alert, by sync and by webhook, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const pd = fakePagerDuty();
      server.use(pd.handler, pd.alertsHandler);
      const webhookIncident = incident('QW1', 'PPAY001', ago(2 * HOUR), {
        urgency: 'low',
      });
      pd.incidents.push(
        incident('QS1', 'PPAY001', ago(3 * HOUR), {
          status: 'resolved',
          resolved_at: ago(150 * 60_000),
        }),
        webhookIncident,
      );
      pd.alertDetails.set('QS1', { deployment_id: 'd-old' });
      pd.alertDetails.set('QW1', { deployment_id: 'd-old' });
      const dora = await startDoraBackend({
        knex,
        entities,
        pagerduty: {
          token: TOKEN,
          webhookSecrets: [SECRET_OLD],
          deploymentIdField: 'deployment_id',
        },
      });
      await deploy(dora.baseUrl, 'd-old', ago(10 * HOUR));
      // The latest deployment before both incidents, yet not the cause.
      await deploy(dora.baseUrl, 'd-new', ago(4 * HOUR));

      await dora.sync();
      const body = JSON.stringify(
        incidentDelivery({
          incidentId: 'QW1',
          createdAt: webhookIncident.created_at,
          occurredAt: ago(HOUR),
        }),
      );
      const res = await dora.postWebhook(body, {
        'X-PagerDuty-Signature': sign(SECRET_OLD, body),
      });
      expect(res.status).toBe(202);

      const query = `entityRef=${encodeURIComponent(
        'component:default/payments',
      )}&from=${encodeURIComponent(ago(DAY))}`;
      const { items } = await dora.get(`/deployments?${query}`);
      const byId = Object.fromEntries(
        items.map((d: any) => [
          d.id,
          d.incidents.map((i: any) => [i.id, i.rule]),
        ]),
      );
      expect(byId).toEqual({
        'd-new': [],
        'd-old': expect.arrayContaining([
          ['QS1', 'explicit'],
          ['QW1', 'explicit'],
        ]),
      });
    },
    60_000,
  );
});
