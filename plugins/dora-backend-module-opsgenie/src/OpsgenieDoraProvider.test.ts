import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import { VendorRequestError } from '@paved-road/plugin-dora-node';
import {
  FakeSyncContext,
  fakeSyncContext,
} from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  OPSGENIE_BASE_URLS,
  OpsgenieConfig,
  readOpsgenieConfig,
} from './config';
import { OpsgenieDoraProvider } from './OpsgenieDoraProvider';
import {
  fakeOpsgenie,
  incident,
  resolvedTimeline,
} from './__testUtils__/fakeOpsgenie';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const API_KEY = 'og-secret-key-123';

function component(name: string, selector: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'opsgenie.com/component-selector': selector },
    },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
  };
}

const entities = [
  component('payments', 'svc-payments'),
  // matched by the service's name, case-insensitively
  component('ledger', 'Ledger API'),
];

const us = fakeOpsgenie({ baseUrl: OPSGENIE_BASE_URLS.us, apiKey: API_KEY });
const eu = fakeOpsgenie({ baseUrl: OPSGENIE_BASE_URLS.eu, apiKey: API_KEY });
const server = setupServer(...us.handlers, ...eu.handlers);
registerMswTestHooks(server);

function reset(account: typeof us.account) {
  account.incidents = [];
  account.timelines.clear();
  account.requests = [];
  account.intercept = undefined;
  account.services = [
    { id: 'svc-payments', name: 'Payments' },
    { id: 'svc-ledger', name: 'Ledger API' },
    { id: 'svc-orphan', name: 'Nobody owns me' },
  ];
}

beforeEach(() => {
  reset(us.account);
  reset(eu.account);
});

function provider(
  config: Partial<OpsgenieConfig> = {},
  waits: number[] = [],
): OpsgenieDoraProvider {
  return OpsgenieDoraProvider.create({
    config: {
      ...readOpsgenieConfig(
        new ConfigReader({
          dora: {
            providers: { opsgenie: { apiKey: API_KEY, lookbackDays: 30 } },
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

function incidentEvents(sync: FakeSyncContext) {
  return [...sync.stored.values()] as DoraIncidentEvent[];
}

const listCalls = (account: typeof us.account) =>
  account.requests.filter(r => r.url.pathname === '/v1/incidents');

describe('OpsgenieDoraProvider', () => {
  it('pages through incidents since the lookback, oldest first, with the GenieKey header', async () => {
    for (let i = 0; i < 150; i++) {
      const created = NOW - 10 * DAY + i * HOUR;
      us.account.incidents.push(incident(`inc-${i}`, created));
      us.account.timelines.set(
        `inc-${i}`,
        resolvedTimeline(created, created + 30 * 60_000),
      );
    }
    const sync = fakeSyncContext();

    await provider().sync(sync.context);

    const lists = listCalls(us.account);
    expect(lists.map(r => Object.fromEntries(r.url.searchParams))).toEqual([
      {
        query: `createdAt>=${NOW - 30 * DAY}`,
        offset: '0',
        limit: '100',
        sort: 'createdAt',
        order: 'asc',
      },
      {
        query: `createdAt>=${NOW - 30 * DAY}`,
        offset: '100',
        limit: '100',
        sort: 'createdAt',
        order: 'asc',
      },
    ]);
    expect(
      us.account.requests.every(r => r.authorization === `GenieKey ${API_KEY}`),
    ).toBe(true);
    expect(
      us.account.requests.every(r => r.url.origin === OPSGENIE_BASE_URLS.us),
    ).toBe(true);
    expect(sync.stored.size).toBe(150);
    const first = incidentEvents(sync).find(e => e.id.startsWith('inc-0:'));
    expect(first).toEqual({
      kind: 'incident',
      source: 'opsgenie',
      id: 'inc-0:component:default/payments',
      entityRef: 'component:default/payments',
      openedAt: new Date(NOW - 10 * DAY).toISOString(),
      resolvedAt: new Date(NOW - 10 * DAY + 30 * 60_000).toISOString(),
      severity: 'P2',
      attributes: { priority: 'P2', tags: ['checkout'] },
    });
    expect(JSON.parse(sync.cursors.get('incidents')!)).toEqual({
      since: new Date(NOW - 10 * DAY + 149 * HOUR).toISOString(),
      seen: ['inc-149'],
      open: [],
    });
  });

  it('uses the EU API when configured', async () => {
    eu.account.incidents.push(incident('eu-1', NOW - DAY, { status: 'open' }));
    const sync = fakeSyncContext();

    await provider({ baseUrl: OPSGENIE_BASE_URLS.eu }).sync(sync.context);

    expect(us.account.requests).toEqual([]);
    expect(eu.account.requests.map(r => r.url.host)).toEqual([
      'api.eu.opsgenie.com',
      'api.eu.opsgenie.com',
    ]);
    expect(incidentEvents(sync)).toEqual([
      expect.objectContaining({
        id: 'eu-1:component:default/payments',
        resolvedAt: null,
      }),
    ]);
  });

  it('matches services by id or name and counts incidents no entity claims', async () => {
    us.account.incidents.push(
      incident('a', NOW - 3 * DAY, { impactedServices: ['svc-ledger'] }),
      incident('b', NOW - 2 * DAY, {
        impactedServices: ['svc-ledger', 'svc-payments'],
      }),
      incident('c', NOW - DAY, { impactedServices: ['svc-orphan'] }),
      incident('d', NOW - DAY, { impactedServices: [] }),
    );
    const sync = fakeSyncContext();

    await provider().sync(sync.context);

    expect([...sync.stored.keys()].sort()).toEqual([
      'incident/opsgenie/a:component:default/ledger',
      'incident/opsgenie/b:component:default/ledger',
      'incident/opsgenie/b:component:default/payments',
    ]);
    expect(sync.unmatchedTotal).toBe(2);
  });

  it('reads the resolve time from the timeline, then closing entries, then updatedAt', async () => {
    const t = NOW - 5 * DAY;
    us.account.incidents.push(
      incident('resolved', t),
      incident('closed', t + 1),
      incident('no-timeline', t + 2, { status: 'closed' }),
    );
    us.account.timelines.set('resolved', [
      ...resolvedTimeline(t, t + 2 * HOUR),
      {
        type: 'IncidentClosed',
        eventTime: new Date(t + 5 * HOUR).toISOString(),
      },
    ]);
    us.account.timelines.set('closed', [
      { type: 'IncidentCreated', eventTime: new Date(t).toISOString() },
      {
        type: 'IncidentClosed',
        eventTime: new Date(t + 4 * HOUR).toISOString(),
      },
    ]);
    const sync = fakeSyncContext();

    await provider().sync(sync.context);

    const resolvedAt = Object.fromEntries(
      incidentEvents(sync).map(e => [e.id.split(':')[0], e.resolvedAt]),
    );
    expect(resolvedAt).toEqual({
      resolved: new Date(t + 2 * HOUR).toISOString(),
      closed: new Date(t + 4 * HOUR).toISOString(),
      'no-timeline': new Date(t + 2 + HOUR).toISOString(),
    });
    expect(
      us.account.requests
        .filter(r => r.url.pathname.startsWith('/v2/incident-timelines/'))
        .map(r => r.url.pathname),
    ).toEqual([
      '/v2/incident-timelines/resolved/entries',
      '/v2/incident-timelines/closed/entries',
      '/v2/incident-timelines/no-timeline/entries',
    ]);
  });

  it('re-checks open incidents on later runs until they are resolved', async () => {
    const t = NOW - DAY;
    us.account.incidents.push(incident('slow', t, { status: 'open' }));
    const sync = fakeSyncContext();

    await provider().sync(sync.context);
    expect(incidentEvents(sync)[0].resolvedAt).toBeNull();
    expect(JSON.parse(sync.cursors.get('incidents')!).open).toEqual(['slow']);

    // still open: kept in the list
    await provider().sync(sync.context);
    expect(JSON.parse(sync.cursors.get('incidents')!).open).toEqual(['slow']);

    us.account.incidents[0] = incident('slow', t, { status: 'resolved' });
    us.account.timelines.set('slow', resolvedTimeline(t, t + 6 * HOUR));
    us.account.requests = [];
    await provider().sync(sync.context);

    expect(
      us.account.requests.some(
        r =>
          r.url.pathname === '/v1/incidents/slow' &&
          r.url.searchParams.get('identifierType') === 'id',
      ),
    ).toBe(true);
    expect(incidentEvents(sync)).toEqual([
      expect.objectContaining({
        id: 'slow:component:default/payments',
        resolvedAt: new Date(t + 6 * HOUR).toISOString(),
      }),
    ]);
    expect(JSON.parse(sync.cursors.get('incidents')!).open).toEqual([]);
  });

  it('waits as long as a 429 asks before retrying', async () => {
    us.account.incidents.push(incident('x', NOW - DAY));
    let limited = 0;
    us.account.intercept = url => {
      if (url.pathname !== '/v1/incidents' || limited++ > 0) return undefined;
      return new HttpResponse(null, {
        status: 429,
        headers: { 'Retry-After': '2' },
      });
    };
    const waits: number[] = [];
    const sync = fakeSyncContext();

    await provider({}, waits).sync(sync.context);

    expect(waits).toEqual([2000]);
    expect(listCalls(us.account)).toHaveLength(2);
    expect(sync.stored.size).toBe(1);
  });

  it('gives up on a 5xx storm without moving the cursor; the next run resumes where the last page ended', async () => {
    for (let i = 0; i < 120; i++) {
      us.account.incidents.push(incident(`i${i}`, NOW - 20 * DAY + i * HOUR));
    }
    us.account.intercept = url =>
      url.pathname === '/v1/incidents' &&
      url.searchParams.get('offset') === '100'
        ? new HttpResponse('upstream', { status: 503 })
        : undefined;
    const waits: number[] = [];
    const sync = fakeSyncContext();

    const error = await provider({}, waits)
      .sync(sync.context)
      .catch(e => e);

    expect(error).toBeInstanceOf(VendorRequestError);
    expect(error.message).toBe(
      'GET https://api.opsgenie.com/v1/incidents failed after 5 attempts: 503 Service Unavailable',
    );
    expect(error.message).not.toContain(API_KEY);
    expect(waits).toHaveLength(4);
    expect(sync.stored.size).toBe(100);
    const saved = JSON.parse(sync.cursors.get('incidents')!);
    expect(saved.since).toBe(
      new Date(NOW - 20 * DAY + 99 * HOUR).toISOString(),
    );

    us.account.intercept = undefined;
    us.account.requests = [];
    await provider().sync(sync.context);

    expect(listCalls(us.account)[0].url.searchParams.get('query')).toBe(
      `createdAt>=${NOW - 20 * DAY + 99 * HOUR}`,
    );
    expect(listCalls(us.account)[0].url.searchParams.get('offset')).toBe('0');
    // i99 was re-listed at the boundary but not stored again
    const secondRun = sync.calls.slice(-1)[0].map(e => e.id.split(':')[0]);
    expect(secondRun).toEqual(
      Array.from({ length: 20 }, (_, k) => `i${100 + k}`),
    );
    expect(sync.stored.size).toBe(120);
  });

  it('resumes after a crash while storing, with no gap and no duplicate', async () => {
    for (let i = 0; i < 250; i++) {
      us.account.incidents.push(incident(`c${i}`, NOW - 25 * DAY + i * 60_000));
    }
    const sync = fakeSyncContext({ failIngestOnCall: 2 });

    await expect(provider().sync(sync.context)).rejects.toThrow(
      'Simulated crash',
    );
    expect(sync.stored.size).toBe(100);

    await provider().sync(sync.context);

    const ingested = sync.calls.flat().map(e => e.id);
    expect(ingested).toHaveLength(250);
    expect(new Set(ingested).size).toBe(250);
  });

  it('names the key, never the key itself, when Opsgenie refuses it', async () => {
    const sync = fakeSyncContext();
    const wrong = provider({ apiKey: 'not-the-key' });

    const error = await wrong.sync(sync.context).catch(e => e);

    expect(error.message).toBe(
      "Opsgenie GET /v1/services failed; check that 'dora.providers.opsgenie.apiKey' is an API integration key with read access; caused by ResponseError: Request failed with 401 Unauthorized",
    );
    expect(error.message).not.toContain('not-the-key');
    expect(sync.cursors.size).toBe(0);
  });
});
