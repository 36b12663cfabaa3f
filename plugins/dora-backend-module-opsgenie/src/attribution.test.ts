import {
  TestDatabases,
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import {
  fakeSyncContext,
  localBackendPassthrough,
  startDoraTestBackend,
} from '@paved-road/plugin-dora-node/testUtils';
import { setupServer } from 'msw/node';
import { OPSGENIE_BASE_URLS, readOpsgenieConfig } from './config';
import { doraModuleOpsgenie } from './module';
import { OpsgenieDoraProvider } from './OpsgenieDoraProvider';
import {
  fakeOpsgenie,
  incident,
  resolvedTimeline,
} from './__testUtils__/fakeOpsgenie';

const API_KEY = 'og-attribution-key';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-20T12:00:00Z');

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
  baseUrl: OPSGENIE_BASE_URLS.us,
  apiKey: API_KEY,
});
const server = setupServer(localBackendPassthrough, ...opsgenie.handlers);
registerMswTestHooks(server);

beforeEach(() => {
  opsgenie.account.incidents = [];
  opsgenie.account.timelines.clear();
  opsgenie.account.requests = [];
  opsgenie.account.intercept = undefined;
  opsgenie.account.services = [{ id: 'svc-payments', name: 'Payments' }];
});

/** A resolved incident of Payments with its timeline, created at `at`. */
function seed(id: string, at: number, extra: object = {}) {
  opsgenie.account.incidents.push(incident(id, at, extra));
  opsgenie.account.timelines.set(id, resolvedTimeline(at, at + HOUR));
}

function config(extra: object = {}) {
  return readOpsgenieConfig(
    new ConfigReader({
      dora: { providers: { opsgenie: { apiKey: API_KEY, ...extra } } },
    } as any),
  )!;
}

async function sync(extra: object = {}) {
  const context = fakeSyncContext<DoraIncidentEvent>();
  await OpsgenieDoraProvider.create({
    config: config({ lookbackDays: 30, ...extra }),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    now: () => NOW,
  }).sync(context.context);
  return (id: string) =>
    context.stored.get(`incident/opsgenie/${id}:component:default/payments`);
}

describe('Opsgenie attribution', () => {
  it('emits priority and tags as attributes, within the bounds the backend accepts', async () => {
    seed('p1', NOW - DAY, { priority: 'P1', tags: ['database', 'eu'] });
    seed('p5', NOW - DAY, { priority: 'P5', tags: [] });
    seed('many', NOW - DAY, {
      priority: 'P3',
      tags: Array.from({ length: 60 }, (_, i) => `tag-${i}`),
    });

    const stored = await sync();

    expect(stored('p1')?.attributes).toEqual({
      priority: 'P1',
      tags: ['database', 'eu'],
    });
    expect(stored('p5')?.attributes).toEqual({ priority: 'P5' });
    expect(stored('many')?.attributes?.tags).toHaveLength(50);
    expect(stored('p1')?.deploymentId).toBeUndefined();
  });

  it('takes deploymentId from the configured key of extraProperties', async () => {
    seed('named', NOW - DAY, {
      extraProperties: { deploymentId: ' argo-payments-1842 ', team: 'pay' },
    });
    seed('unnamed', NOW - DAY, { extraProperties: { team: 'pay' } });
    seed('bare', NOW - DAY, { extraProperties: undefined });

    const stored = await sync({ deploymentIdField: 'deploymentId' });

    expect(stored('named')?.deploymentId).toBe('argo-payments-1842');
    expect(stored('unnamed')).toBeDefined();
    expect(stored('unnamed')?.deploymentId).toBeUndefined();
    expect(stored('bare')?.deploymentId).toBeUndefined();
  });

  it.each<[object]>([
    [{ deploymentIdField: 12 }],
    [{ deploymentIdField: '' }],
    [{ deploymentIdField: { key: 'deploymentId' } }],
  ])('fails naming deploymentIdField for %j', extra => {
    expect(() => config(extra)).toThrow(
      "Invalid config 'dora.providers.opsgenie.deploymentIdField': expected the key of an incident's custom property (extraProperties), e.g. 'deploymentId'",
    );
  });
});

describe('Opsgenie attribution in the DORA backend', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

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
    'links by the extraProperties key and excludes by tag, on %p',
    async databaseId => {
      const dora = await startDoraTestBackend({
        features: [doraPlugin, doraModuleOpsgenie],
        config: {
          dora: {
            providers: {
              opsgenie: { apiKey: API_KEY, deploymentIdField: 'deploymentId' },
            },
            incidents: {
              exclude: [
                { source: 'opsgenie', attribute: 'tags', values: ['aws'] },
              ],
            },
          },
        },
        entities,
        database: await databases.init(databaseId),
      });
      await deploy(dora.baseUrl, 'd-old', ago(10 * HOUR));
      await deploy(dora.baseUrl, 'd-new', ago(5 * HOUR));
      const at = Date.now() - 3 * HOUR;
      seed('named', at, { extraProperties: { deploymentId: 'd-old' } });
      seed('cloud', at + 60_000, { tags: ['aws', 'outage'] });

      await dora.sync('opsgenie');

      expect((await dora.providerStatus('opsgenie'))?.lastError).toBeNull();
      const query = `entityRef=${encodeURIComponent(
        'component:default/payments',
      )}&from=${encodeURIComponent(ago(DAY))}`;
      const { items } = await dora.get(`/incidents?${query}`);
      const byId = Object.fromEntries(
        items.map((i: any) => [
          i.id.split(':')[0],
          [
            i.link?.rule ?? null,
            i.link?.deployment.id ?? null,
            i.unlinkedReason,
          ],
        ]),
      );
      expect(byId).toEqual({
        named: ['explicit', 'd-old', null],
        cloud: [null, null, 'excluded'],
      });
      const metrics = await dora.get(`/metrics?${query}`);
      expect(metrics.timeToRestore.incidents).toBe(2);
      expect(metrics.changeFailureRate.failedDeployments).toBe(1);
    },
    60_000,
  );
});
