import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import { VendorRequestError } from '@paved-road/plugin-dora-node';
import {
  FakeSyncContext,
  fakeSyncContext,
} from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { IncidentIoConfig, readIncidentIoConfig } from './config';
import { IncidentIoDoraProvider } from './IncidentIoDoraProvider';
import { fakeIncidentIo, incident } from './__testUtils__/fakeIncidentIo';
import { WEBHOOK_SECRET, signedHeaders } from './__testUtils__/sign';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const API_KEY = 'iio-secret-key-123';
const BASE = 'https://api.incident.io';

function component(name: string, service: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'paved-road.dev/incident-io-service': service },
    },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
  };
}

const entities = [
  component('payments', 'payments'),
  // by the catalog entry's external id
  component('ledger', 'ext-ledger'),
];

const vendor = fakeIncidentIo({ baseUrl: BASE, apiKey: API_KEY });
const server = setupServer(...vendor.handlers);
registerMswTestHooks(server);

beforeEach(() => {
  vendor.account.incidents = [];
  vendor.account.requests = [];
  vendor.account.intercept = undefined;
});

function provider(
  config: Partial<IncidentIoConfig> = {},
  waits: number[] = [],
) {
  return IncidentIoDoraProvider.create({
    config: {
      ...readIncidentIoConfig(
        new ConfigReader({
          dora: {
            providers: {
              incidentIo: { apiKey: API_KEY, baseUrl: BASE, lookbackDays: 30 },
            },
          },
        }),
      )!,
      ...config,
    },
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    now: () => NOW,
    retry: {
      baseDelayMs: 1,
      sleep: async ms => {
        waits.push(ms);
      },
    },
  });
}

const events = (sync: FakeSyncContext) =>
  [...sync.stored.values()] as DoraIncidentEvent[];
const byIncident = (sync: FakeSyncContext) =>
  Object.fromEntries(events(sync).map(e => [e.id.split(':')[0], e]));

describe('IncidentIoDoraProvider', () => {
  it('pages through v2 incidents with the after cursor and a Bearer key', async () => {
    for (let i = 0; i < 300; i++) {
      vendor.account.incidents.push(
        incident(`i${i}`, NOW - 20 * DAY + i * HOUR),
      );
    }
    const sync = fakeSyncContext();

    await provider().sync(sync.context);

    const queries = vendor.account.requests.map(r =>
      Object.fromEntries(r.url.searchParams),
    );
    expect(queries).toEqual([
      { page_size: '250', 'updated_at[gte]': '2026-10-21' },
      { page_size: '250', 'updated_at[gte]': '2026-10-21', after: 'i50' },
    ]);
    expect(
      vendor.account.requests.every(
        r =>
          r.authorization === `Bearer ${API_KEY}` &&
          r.url.pathname === '/v2/incidents',
      ),
    ).toBe(true);
    expect(sync.stored.size).toBe(300);
    expect(byIncident(sync).i0).toEqual({
      kind: 'incident',
      source: 'incident-io',
      id: 'i0:component:default/payments',
      entityRef: 'component:default/payments',
      openedAt: new Date(NOW - 20 * DAY).toISOString(),
      resolvedAt: new Date(NOW - 20 * DAY + HOUR).toISOString(),
      severity: 'Major',
      attributes: { incidentType: 'Default', mode: 'standard' },
    });
    expect(JSON.parse(sync.cursors.get('incidents')!)).toEqual({
      window: '2026-11-20',
    });
  });

  it('excludes test and tutorial incidents and declined, merged, canceled or triage ones', async () => {
    const t = NOW - DAY;
    const status = (category: string) => ({ category, name: category });
    vendor.account.incidents.push(
      incident('standard', t),
      incident('retro', t, { mode: 'retrospective' }),
      incident('test', t, { mode: 'test' }),
      incident('tutorial', t, { mode: 'tutorial' }),
      incident('declined', t, { incident_status: status('declined') }),
      incident('merged', t, { incident_status: status('merged') }),
      incident('canceled', t, { incident_status: status('canceled') }),
      incident('triage', t, { incident_status: status('triage') }),
    );
    const sync = fakeSyncContext();

    await provider().sync(sync.context);

    expect(Object.keys(byIncident(sync)).sort()).toEqual(['retro', 'standard']);
    expect(sync.unmatchedTotal).toBe(0);
  });

  it('takes resolvedAt from "Resolved at", else "Closed at", else updated_at, once post-incident or closed', async () => {
    const t = NOW - 2 * DAY;
    const ts = (name: string, at: number) => ({
      incident_timestamp: { name },
      value: { value: new Date(at).toISOString() },
    });
    vendor.account.incidents.push(
      incident('live', t, {
        incident_status: { category: 'live', name: 'Fixing' },
        incident_timestamp_values: [ts('Resolved at', t + HOUR)],
      }),
      incident('learning', t, {
        incident_status: { category: 'learning', name: 'Post-incident' },
        incident_timestamp_values: [
          ts('Reported at', t - 10 * 60_000),
          ts('Resolved at', t + 3 * HOUR),
        ],
      }),
      incident('closed-at', t, {
        incident_timestamp_values: [ts('Closed at', t + 4 * HOUR)],
      }),
      incident('no-stamp', t, { incident_timestamp_values: [] }),
    );
    const sync = fakeSyncContext();

    await provider().sync(sync.context);

    const got = byIncident(sync);
    expect(got.live.resolvedAt).toBeNull();
    expect(got.learning).toMatchObject({
      openedAt: new Date(t - 10 * 60_000).toISOString(),
      resolvedAt: new Date(t + 3 * HOUR).toISOString(),
    });
    expect(got['closed-at'].resolvedAt).toBe(
      new Date(t + 4 * HOUR).toISOString(),
    );
    expect(got['no-stamp'].resolvedAt).toBe(
      new Date(t + 2 * HOUR).toISOString(),
    );
  });

  it('matches the configured field by catalog entry name, external id or option and counts the rest', async () => {
    const t = NOW - DAY;
    vendor.account.incidents.push(
      incident('by-name', t),
      incident('by-external-id', t, { services: ['Ledger'] }),
      incident('both', t, { services: ['Payments', 'Ledger'] }),
      incident('unknown', t, { services: ['Search'] }),
      incident('no-field', t, { custom_field_entries: [] }),
      incident('option', t, {
        custom_field_entries: [
          {
            custom_field: { id: 'cf-2', name: 'Service' },
            values: [{ value_option: { id: 'o1', value: 'Payments' } }],
          },
        ],
      }),
    );
    const sync = fakeSyncContext();

    await provider().sync(sync.context);
    expect([...sync.stored.keys()].sort()).toEqual([
      'incident/incident-io/both:component:default/ledger',
      'incident/incident-io/both:component:default/payments',
      'incident/incident-io/by-external-id:component:default/ledger',
      'incident/incident-io/by-name:component:default/payments',
    ]);
    expect(sync.unmatchedTotal).toBe(3);

    const other = fakeSyncContext();
    await provider({ serviceField: 'service' }).sync(other.context);
    expect([...other.stored.keys()]).toEqual([
      'incident/incident-io/option:component:default/payments',
    ]);
  });

  it('stores an open incident again once a later run sees it resolved', async () => {
    const t = NOW - 3 * HOUR;
    vendor.account.incidents.push(
      incident('open', t, {
        incident_status: { category: 'live', name: 'Investigating' },
        updated_at: new Date(t).toISOString(),
      }),
    );
    const sync = fakeSyncContext();
    await provider().sync(sync.context);
    expect(byIncident(sync).open.resolvedAt).toBeNull();

    vendor.account.incidents[0] = incident('open', t, {
      updated_at: new Date(NOW).toISOString(),
    });
    vendor.account.requests = [];
    await provider().sync(sync.context);

    expect(
      vendor.account.requests[0].url.searchParams.get('updated_at[gte]'),
    ).toBe('2026-11-20');
    expect(byIncident(sync).open.resolvedAt).toBe(
      new Date(t + HOUR).toISOString(),
    );
  });

  it('waits as long as a 429 asks before retrying', async () => {
    vendor.account.incidents.push(incident('x', NOW - DAY));
    let limited = false;
    vendor.account.intercept = () => {
      if (limited) return undefined;
      limited = true;
      return new HttpResponse(null, {
        status: 429,
        headers: { 'Retry-After': '3' },
      });
    };
    const waits: number[] = [];
    const sync = fakeSyncContext();

    await provider({}, waits).sync(sync.context);

    expect(waits).toEqual([3000]);
    expect(vendor.account.requests).toHaveLength(2);
    expect(sync.stored.size).toBe(1);
  });

  it('gives up on a 5xx storm keeping its place; the next run continues the same listing', async () => {
    for (let i = 0; i < 300; i++) {
      vendor.account.incidents.push(
        incident(`s${i}`, NOW - 10 * DAY + i * 60_000),
      );
    }
    vendor.account.intercept = url =>
      url.searchParams.get('after')
        ? new HttpResponse('bad gateway', { status: 502 })
        : undefined;
    const waits: number[] = [];
    const sync = fakeSyncContext();

    const error = await provider({}, waits)
      .sync(sync.context)
      .catch(e => e);

    expect(error).toBeInstanceOf(VendorRequestError);
    expect(error.message).toBe(
      'GET https://api.incident.io/v2/incidents failed after 5 attempts: 502 Bad Gateway',
    );
    expect(waits).toHaveLength(4);
    expect(sync.stored.size).toBe(250);
    expect(JSON.parse(sync.cursors.get('incidents')!)).toEqual({
      window: '2026-10-21',
      after: 's50',
      startedAt: new Date(NOW).toISOString(),
    });

    vendor.account.intercept = undefined;
    vendor.account.requests = [];
    await provider().sync(sync.context);

    expect(
      Object.fromEntries(vendor.account.requests[0].url.searchParams),
    ).toEqual({
      page_size: '250',
      'updated_at[gte]': '2026-10-21',
      after: 's50',
    });
    const ids = sync.calls.flat().map(e => e.id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
    expect(JSON.parse(sync.cursors.get('incidents')!)).toEqual({
      window: '2026-11-20',
    });
  });

  it('never puts the API key in an error', async () => {
    const sync = fakeSyncContext();
    const error = await provider({ apiKey: 'wrong-key-456' })
      .sync(sync.context)
      .catch(e => e);
    expect(error.message).toBe(
      "incident.io GET /v2/incidents failed; check that 'dora.providers.incidentIo.apiKey' is an API key that can view incidents; caused by ResponseError: Request failed with 401 Unauthorized",
    );
    expect(error.message).not.toContain('wrong-key-456');
    expect(sync.cursors.size).toBe(0);
  });
});

describe('IncidentIoDoraProvider webhook index', () => {
  it('reuses the catalog index for a minute across deliveries, then reloads it', async () => {
    let now = NOW;
    const catalog = catalogServiceMock({ entities });
    const catalogLoads: number[] = [];
    const getEntities = catalog.getEntities.bind(catalog);
    catalog.getEntities = (async (...args: Parameters<typeof getEntities>) => {
      catalogLoads.push(now);
      return getEntities(...args);
    }) as typeof catalog.getEntities;
    const receiver = IncidentIoDoraProvider.create({
      config: {
        ...readIncidentIoConfig(
          new ConfigReader({
            dora: {
              providers: {
                incidentIo: {
                  apiKey: API_KEY,
                  webhookSecret: WEBHOOK_SECRET,
                },
              },
            },
          }),
        )!,
      },
      catalog,
      auth: mockServices.auth(),
      now: () => now,
    }).webhook!;
    const stored: DoraIncidentEvent[] = [];
    const context = {
      ...fakeSyncContext().context,
      ingest: async (batch: DoraIncidentEvent[]) => {
        stored.push(...batch);
        return { accepted: batch.length, updated: 0 };
      },
      seenDelivery: async () => false,
      isStale: async () => false,
    } as unknown as Parameters<typeof receiver.handle>[1];
    const deliver = async (id: string) => {
      const type = 'public_incident.incident_updated_v2';
      const body = JSON.stringify({
        event_type: type,
        [type]: incident(id, now - 2 * HOUR),
      });
      await receiver.handle(
        {
          headers: signedHeaders(body, { timestamp: Math.floor(now / 1000) }),
          rawBody: Buffer.from(body),
        },
        context,
      );
    };

    await deliver('w1');
    await deliver('w2');
    now += 61_000;
    await deliver('w3');

    expect(stored.map(e => e.id)).toEqual([
      'w1:component:default/payments',
      'w2:component:default/payments',
      'w3:component:default/payments',
    ]);
    expect(catalogLoads).toEqual([NOW, NOW + 61_000]);
  });
});
