import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import { VendorRequestError } from '@paved-road/plugin-dora-node';
import { fakeSyncContext } from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PagerDutyConfig, readPagerDutyConfig } from './config';
import { PagerDutyDoraProvider } from './PagerDutyDoraProvider';
import { component } from './__testUtils__/entities';
import { TOKEN, fakePagerDuty, incident } from './__testUtils__/fakePagerDuty';

const server = setupServer();
registerMswTestHooks(server);

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function setup(options?: {
  entities?: Entity[];
  config?: Partial<PagerDutyConfig>;
  now?: () => number;
}) {
  const pd = fakePagerDuty();
  server.use(pd.handler);
  const waits: number[] = [];
  const provider = PagerDutyDoraProvider.create({
    config: {
      ...readPagerDutyConfig(
        new ConfigReader({
          dora: {
            providers: { pagerduty: { token: TOKEN, lookbackDays: 30 } },
          },
        }),
      )!,
      ...options?.config,
    },
    catalog: catalogServiceMock({
      entities: options?.entities ?? [component('payments', 'PPAY001')],
    }),
    auth: mockServices.auth(),
    now: options?.now ?? (() => NOW),
    retry: {
      maxAttempts: 3,
      sleep: async ms => {
        waits.push(ms);
      },
    },
  });
  return { pd, provider, waits, ...fakeSyncContext<DoraIncidentEvent>() };
}

describe('PagerDutyDoraProvider.sync', () => {
  it('reads the lookback in windows of at most six months, with the documented query and headers', async () => {
    const { pd, provider, context, stored, cursors } = setup({
      config: { lookbackDays: 400 },
    });
    pd.incidents.push(
      incident('Q1', 'PPAY001', iso(NOW - 390 * DAY), {
        status: 'resolved',
        resolved_at: iso(NOW - 390 * DAY + 3_600_000),
        priority: { summary: 'P1' },
      }),
      incident('Q2', 'PPAY001', iso(NOW - 100 * DAY), {
        status: 'resolved',
        resolved_at: undefined,
        last_status_change_at: iso(NOW - 100 * DAY + 60_000),
        urgency: 'low',
      }),
      incident('Q3', 'PPAY001', iso(NOW - DAY)),
      incident('OTHER', 'POTHER1', iso(NOW - DAY)),
    );

    await provider.sync(context);

    expect(pd.calls.map(c => [iso(c.since), iso(c.until)])).toEqual([
      [iso(NOW - 400 * DAY), iso(NOW - 220 * DAY)],
      [iso(NOW - 220 * DAY), iso(NOW - 40 * DAY)],
      [iso(NOW - 40 * DAY), iso(NOW)],
    ]);
    for (const call of pd.calls) {
      expect(call.until - call.since).toBeLessThanOrEqual(180 * DAY);
      expect(call).toMatchObject({
        origin: 'https://api.pagerduty.com',
        serviceIds: ['PPAY001'],
        offset: 0,
        limit: 100,
        timeZone: 'UTC',
        authorization: `Token token=${TOKEN}`,
        accept: 'application/vnd.pagerduty+json;version=2',
      });
    }
    expect([...stored.values()]).toEqual([
      {
        kind: 'incident',
        source: 'pagerduty',
        id: 'Q1',
        entityRef: 'component:default/payments',
        openedAt: iso(NOW - 390 * DAY),
        resolvedAt: iso(NOW - 390 * DAY + 3_600_000),
        severity: 'P1',
        attributes: { priority: 'P1', urgency: 'high' },
      },
      expect.objectContaining({
        id: 'Q2',
        resolvedAt: iso(NOW - 100 * DAY + 60_000),
        severity: 'low',
        attributes: { urgency: 'low' },
      }),
      expect.objectContaining({ id: 'Q3', resolvedAt: null, severity: 'high' }),
    ]);
    expect(JSON.parse(cursors.get('PPAY001')!)).toEqual({
      until: iso(NOW),
      openSince: iso(NOW - DAY),
    });
  });

  it('follows offset pagination until PagerDuty says there is no more', async () => {
    const { pd, provider, context, stored } = setup();
    for (let i = 0; i < 250; i++) {
      pd.incidents.push(
        incident(`P${i}`, 'PPAY001', iso(NOW - 20 * DAY + i * 60_000)),
      );
    }

    await provider.sync(context);

    expect(pd.calls.map(c => c.offset)).toEqual([0, 100, 200]);
    expect(stored.size).toBe(250);
  });

  it('slices a window by time when it holds more than 10,000 incidents, and ingests at most 5,000 at once', async () => {
    const { pd, provider, context, stored, calls } = setup();
    const start = NOW - 20 * DAY;
    for (let i = 0; i < 10_050; i++) {
      pd.incidents.push(
        incident(`B${i}`, 'PPAY001', iso(start + i * 60_000), {
          status: 'resolved',
          resolved_at: iso(start + i * 60_000 + 1000),
        }),
      );
    }

    await provider.sync(context);

    expect(pd.calls.every(c => c.offset + c.limit <= 10_000)).toBe(true);
    const middle = NOW - 15 * DAY;
    const firsts = pd.calls
      .filter(c => c.offset === 0)
      .map(c => [c.since, c.until]);
    expect(firsts).toEqual([
      [NOW - 30 * DAY, NOW],
      [NOW - 30 * DAY, middle],
      [middle, NOW],
    ]);
    expect(stored.size).toBe(10_050);
    expect(calls.map(b => b.length)).toEqual([5000, 5000, 50]);
  }, 30_000);

  it('re-reads from the oldest open incident until it is resolved', async () => {
    let now = NOW;
    const { pd, provider, context, stored, cursors } = setup({
      now: () => now,
    });
    const open = incident('Q9', 'PPAY001', iso(NOW - 10 * DAY));
    pd.incidents.push(open);
    await provider.sync(context);
    expect(stored.get('incident/pagerduty/Q9')?.resolvedAt).toBeNull();

    now = NOW + DAY;
    Object.assign(open, {
      status: 'resolved',
      resolved_at: iso(NOW + 3_600_000),
    });
    pd.calls.length = 0;
    await provider.sync(context);
    expect(pd.calls.map(c => c.since)).toEqual([NOW - 10 * DAY]);
    expect(stored.get('incident/pagerduty/Q9')?.resolvedAt).toBe(
      iso(NOW + 3_600_000),
    );
    expect(JSON.parse(cursors.get('PPAY001')!).openSince).toBeNull();

    now = NOW + 2 * DAY;
    pd.calls.length = 0;
    await provider.sync(context);
    // Resolved: only the last run's end, minus a five-minute overlap.
    expect(pd.calls.map(c => c.since)).toEqual([NOW + DAY - 5 * 60_000]);
  });

  it('waits as long as a 429 asks (Retry-After, ratelimit-reset), then goes on', async () => {
    const { pd, provider, context, stored, waits } = setup();
    pd.incidents.push(incident('Q1', 'PPAY001', iso(NOW - DAY)));
    let limited = 0;
    pd.setFault(() => {
      limited += 1;
      if (limited === 1) {
        return new HttpResponse(null, {
          status: 429,
          headers: { 'Retry-After': '2' },
        });
      }
      if (limited === 2) {
        return new HttpResponse(null, {
          status: 429,
          headers: { 'ratelimit-reset': '3' },
        });
      }
      return undefined;
    });

    await provider.sync(context);

    expect(waits).toEqual([2000, 3000]);
    expect(pd.calls).toHaveLength(3);
    expect(stored.has('incident/pagerduty/Q1')).toBe(true);
  });

  it('stops on a 5xx storm without moving the cursor past what was stored, then resumes with no gap', async () => {
    const { pd, provider, context, stored, cursors } = setup({
      config: { lookbackDays: 300 },
    });
    pd.incidents.push(
      incident('EARLY', 'PPAY001', iso(NOW - 250 * DAY)),
      incident('LATE', 'PPAY001', iso(NOW - 50 * DAY)),
    );
    pd.setFault(call =>
      call.since >= NOW - 120 * DAY
        ? new HttpResponse('busy', { status: 503 })
        : undefined,
    );

    const error = await provider.sync(context).catch(e => e);

    expect(error).toBeInstanceOf(VendorRequestError);
    expect(error.message).not.toContain(TOKEN);
    expect([...stored.keys()]).toEqual(['incident/pagerduty/EARLY']);
    const saved = JSON.parse(cursors.get('PPAY001')!);
    expect(saved.until).toBe(iso(NOW - 120 * DAY));

    pd.setFault(undefined);
    pd.calls.length = 0;
    await provider.sync(context);
    expect(pd.calls[0].since).toBe(NOW - 250 * DAY); // EARLY is still open
    expect([...stored.keys()].sort()).toEqual([
      'incident/pagerduty/EARLY',
      'incident/pagerduty/LATE',
    ]);
  });

  it('gives each entity of a shared service its own event', async () => {
    const { pd, provider, context, stored, unmatched } = setup({
      entities: [component('api', 'pshared'), component('worker', 'PSHARED')],
    });
    pd.incidents.push(incident('Q5', 'PSHARED', iso(NOW - DAY)));

    await provider.sync(context);

    expect(pd.calls[0].serviceIds).toEqual(['PSHARED']);
    expect([...stored.values()].map(e => [e.id, e.entityRef])).toEqual([
      ['Q5/component:default/api', 'component:default/api'],
      ['Q5/component:default/worker', 'component:default/worker'],
    ]);
    expect(unmatched).toEqual([]);
  });

  it('counts incidents of a service no entity carries as unmatched instead of dropping them silently', async () => {
    const { pd, provider, context, stored, unmatched } = setup();
    pd.setFault(() =>
      HttpResponse.json({
        incidents: [
          incident('Q1', 'PPAY001', iso(NOW - DAY)),
          // e.g. moved to another service while the page was read
          incident('Q2', 'PMOVED1', iso(NOW - DAY)),
        ],
        limit: 100,
        offset: 0,
        more: false,
        total: 2,
      }),
    );

    await provider.sync(context);

    expect([...stored.keys()]).toEqual(['incident/pagerduty/Q1']);
    expect(unmatched).toEqual([1]);
  });

  it('skips a service PagerDuty refuses, syncs the others, and names it in the error', async () => {
    const { pd, provider, context, stored, cursors } = setup({
      entities: [component('a', 'PTYPO00'), component('b', 'PPAY001')],
    });
    pd.incidents.push(incident('Q1', 'PPAY001', iso(NOW - DAY)));
    pd.setFault(call =>
      call.serviceIds.includes('PTYPO00')
        ? HttpResponse.json(
            { error: { message: 'Invalid Input Provided', code: 2001 } },
            { status: 400 },
          )
        : undefined,
    );

    const error = await provider.sync(context).catch(e => e);

    expect(error.message).toMatch(
      /^PagerDuty refused 1 service\(s\), check their 'pagerduty.com\/service-id' annotations: 'PTYPO00' \(.*400/,
    );
    expect([...stored.keys()]).toEqual(['incident/pagerduty/Q1']);
    expect([...cursors.keys()]).toEqual(['PPAY001']);
  });

  it('stops at once when the API key is refused, naming no secret', async () => {
    const { pd, provider, context, stored } = setup({
      config: { token: 'wrong-token-xyz' },
    });
    pd.incidents.push(incident('Q1', 'PPAY001', iso(NOW - DAY)));

    const error = await provider.sync(context).catch(e => e);

    expect(error.message).toMatch(
      /PagerDuty GET \/incidents of service 'PPAY001' failed.*401/,
    );
    expect(error.message).not.toContain('wrong-token-xyz');
    expect(stored.size).toBe(0);
  });
});
