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
import { readIncidentIoConfig } from './config';
import { IncidentIoDoraProvider } from './IncidentIoDoraProvider';
import { doraModuleIncidentIo } from './module';
import {
  fakeIncidentIo,
  incident,
  incidentType,
  selectField,
  textField,
} from './__testUtils__/fakeIncidentIo';
import { WEBHOOK_SECRET, signedHeaders } from './__testUtils__/sign';

const API_KEY = 'iio-attribution-key';
const BASE = 'https://api.incident.io';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-20T12:00:00Z');

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

beforeEach(() => {
  vendor.account.incidents = [];
  vendor.account.requests = [];
  vendor.account.intercept = undefined;
});

function config(extra: object = {}) {
  return readIncidentIoConfig(
    new ConfigReader({
      dora: {
        providers: {
          incidentIo: { apiKey: API_KEY, baseUrl: BASE, ...extra },
        },
      },
    } as any),
  )!;
}

function provider(extra: object = {}) {
  return IncidentIoDoraProvider.create({
    config: config(extra),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    now: () => NOW,
  });
}

const stored = (events: Map<string, DoraIncidentEvent>, id: string) =>
  events.get(`incident/incident-io/${id}:component:default/payments`);

describe('incident.io attribution', () => {
  it('emits the incident type and mode as attributes', async () => {
    vendor.account.incidents.push(
      incident('sec', NOW - DAY, { incident_type: incidentType('Security') }),
      incident('retro', NOW - DAY, { mode: 'retrospective' }),
      incident('untyped', NOW - DAY, { incident_type: undefined }),
    );
    const sync = fakeSyncContext<DoraIncidentEvent>();

    await provider().sync(sync.context);

    expect(stored(sync.stored, 'sec')?.attributes).toEqual({
      incidentType: 'Security',
      mode: 'standard',
    });
    expect(stored(sync.stored, 'retro')?.attributes).toEqual({
      incidentType: 'Default',
      mode: 'retrospective',
    });
    expect(stored(sync.stored, 'untyped')?.attributes).toEqual({
      mode: 'standard',
    });
    // Without deploymentIdField, no link even if such a field is filled.
    expect(stored(sync.stored, 'sec')?.deploymentId).toBeUndefined();
  });

  it('takes deploymentId from the configured custom field, by name or id, text or option', async () => {
    vendor.account.incidents.push(
      incident('text', NOW - DAY, {
        fields: [textField('Deployment', ' argo-payments-1842 ')],
      }),
      incident('option', NOW - DAY, {
        fields: [selectField('Deployment', 'argo-payments-1843')],
      }),
      incident('missing', NOW - DAY),
      incident('other', NOW - DAY, {
        fields: [textField('Release notes', 'argo-payments-1844')],
      }),
    );
    const byName = fakeSyncContext<DoraIncidentEvent>();
    await provider({ deploymentIdField: 'deployment' }).sync(byName.context);

    expect(stored(byName.stored, 'text')?.deploymentId).toBe(
      'argo-payments-1842',
    );
    expect(stored(byName.stored, 'option')?.deploymentId).toBe(
      'argo-payments-1843',
    );
    expect(stored(byName.stored, 'missing')).toBeDefined();
    expect(stored(byName.stored, 'missing')?.deploymentId).toBeUndefined();
    expect(stored(byName.stored, 'other')?.deploymentId).toBeUndefined();

    const byId = fakeSyncContext<DoraIncidentEvent>();
    await provider({ deploymentIdField: 'cf-deployment' }).sync(byId.context);
    expect(stored(byId.stored, 'text')?.deploymentId).toBe(
      'argo-payments-1842',
    );
  });

  it('sets deploymentId from a webhook delivery too', async () => {
    const webhook = IncidentIoDoraProvider.create({
      config: config({
        deploymentIdField: 'Deployment',
        webhookSecret: WEBHOOK_SECRET,
      }),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    }).webhook!;
    const type = 'public_incident.incident_created_v2';
    const body = JSON.stringify({
      event_type: type,
      [type]: incident('hooked', Date.now() - HOUR, {
        incident_type: incidentType('Security'),
        fields: [textField('Deployment', 'argo-payments-7')],
      }),
    });
    const sync = fakeSyncContext<DoraIncidentEvent>();

    await webhook.handle(
      {
        headers: signedHeaders(body),
        rawBody: Buffer.from(body),
      } as any,
      {
        ...sync.context,
        seenDelivery: async () => false,
        isStale: async () => false,
      },
    );

    expect(stored(sync.stored, 'hooked')).toMatchObject({
      deploymentId: 'argo-payments-7',
      attributes: { incidentType: 'Security', mode: 'standard' },
    });
  });

  it.each<[object]>([
    [{ deploymentIdField: 7 }],
    [{ deploymentIdField: '  ' }],
    [{ deploymentIdField: ['Deployment'] }],
  ])('fails naming deploymentIdField for %j', extra => {
    expect(() => config(extra)).toThrow(
      "Invalid config 'dora.providers.incidentIo.deploymentIdField': expected the name (or id) of an incident custom field, e.g. 'Deployment'",
    );
  });
});

describe('incident.io attribution in the DORA backend', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  async function start(databaseId: any, extra: object) {
    return startDoraTestBackend({
      features: [doraPlugin, doraModuleIncidentIo],
      config: {
        dora: {
          providers: {
            incidentIo: { apiKey: API_KEY, baseUrl: BASE, ...extra },
          },
        },
      },
      entities,
      database: await databases.init(databaseId),
    });
  }

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
    'links an incident carrying the deployment field with rule explicit, on %p',
    async databaseId => {
      const dora = await start(databaseId, { deploymentIdField: 'Deployment' });
      await deploy(dora.baseUrl, 'argo-payments-1842', ago(10 * HOUR));
      // The latest deployment before the incidents, but not their cause.
      await deploy(dora.baseUrl, 'argo-payments-1843', ago(5 * HOUR));
      const created = Date.now() - 3 * HOUR;
      vendor.account.incidents.push(
        incident('named', created, {
          fields: [textField('Deployment', 'argo-payments-1842')],
        }),
        incident('unnamed', created + 60_000),
      );

      await dora.sync('incident-io');

      expect((await dora.providerStatus('incident-io'))?.lastError).toBeNull();
      const query = `entityRef=${encodeURIComponent(
        'component:default/payments',
      )}&from=${encodeURIComponent(ago(DAY))}`;
      const { items } = await dora.get(`/deployments?${query}`);
      const linked = Object.fromEntries(
        items.map((d: any) => [
          d.id,
          d.incidents.map((i: any) => [i.id.split(':')[0], i.rule]),
        ]),
      );
      expect(linked).toEqual({
        'argo-payments-1842': [['named', 'explicit']],
        'argo-payments-1843': [['unnamed', 'latest-before']],
      });
    },
    60_000,
  );
});
