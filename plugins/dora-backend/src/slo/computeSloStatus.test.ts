import { computeSloStatus } from './computeSloStatus';
import { DEFAULT_BURN_RATE_CONDITIONS } from './opensloAlerts';
import { IncidentSliData, SampledSliData } from './sliData';
import { SloDefinition } from './types';

const t = (iso: string) => Date.parse(iso);
const now = new Date('2026-11-30T00:00:00Z');

const availability: SloDefinition = {
  name: 'availability',
  displayName: 'Availability',
  target: 0.995,
  window: { kind: 'rolling', durationMs: 30 * 86_400_000, label: '30d' },
  budgetingMethod: 'Occurrences',
  indicator: { kind: 'ratio', source: { type: 'incidents' } },
  alerts: DEFAULT_BURN_RATE_CONDITIONS,
};

describe('computeSloStatus with incident downtime', () => {
  // 10:00-12:00 and 11:00-13:00 overlap: 3h of downtime, not 4h; an
  // unresolved incident opened at 23:30 is open until now: 30 more minutes.
  const data = new IncidentSliData(
    [
      {
        openedAt: t('2026-11-20T10:00:00Z'),
        resolvedAt: t('2026-11-20T12:00:00Z'),
      },
      {
        openedAt: t('2026-11-20T11:00:00Z'),
        resolvedAt: t('2026-11-20T13:00:00Z'),
      },
      { openedAt: t('2026-11-29T23:30:00Z'), resolvedAt: null },
    ],
    now.getTime(),
  );

  it('computes attainment and the error budget in seconds', () => {
    const status = computeSloStatus(availability, data, now);
    // window 2,592,000 s; downtime 10,800 + 1,800 = 12,600 s
    expect(status.attainment).toBeCloseTo(1 - 12_600 / 2_592_000, 12);
    expect(status.errorBudget).toEqual({
      unit: 'seconds',
      total: expect.closeTo(12_960, 6), // 0.5% of 30 days
      consumed: 12_600,
      remaining: expect.closeTo(360, 6),
      remainingRatio: expect.closeTo(360 / 12_960, 9),
    });
    expect(status.window).toEqual({
      label: '30d',
      from: '2026-10-31T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
    });
  });

  it('computes burn rates over 1h, 6h, 1d and 3d', () => {
    const { burnRates } = computeSloStatus(availability, data, now);
    expect(burnRates['1h']).toBeCloseTo(1_800 / 3_600 / 0.005, 9); // 100
    expect(burnRates['6h']).toBeCloseTo(1_800 / 21_600 / 0.005, 9);
    expect(burnRates['1d']).toBeCloseTo(1_800 / 86_400 / 0.005, 9);
    expect(burnRates['3d']).toBeCloseTo(1_800 / 259_200 / 0.005, 9);
  });

  it('pages when both windows of a page condition burn fast enough', () => {
    const status = computeSloStatus(availability, data, now);
    expect(status.status).toBe('page');
    // 1h/5m fires (100x and 200x); 6h/30m fires (16.7x and 200x);
    // 1d/2h ticket fires (4.17x and 50x); 3d/6h fires (1.39x and 16.7x).
    expect(status.firing.map(f => f.name)).toEqual([
      'page-1h',
      'page-6h',
      'ticket-1d',
      'ticket-3d',
    ]);
    expect(status.firing[0]).toMatchObject({
      longWindowSeconds: 3_600,
      shortWindowSeconds: 300,
      shortBurnRate: expect.closeTo(200, 9),
    });
  });

  it('stops the 1h page once the last 5 minutes are clean', () => {
    const resolved = new IncidentSliData(
      [
        {
          openedAt: t('2026-11-29T23:00:00Z'),
          resolvedAt: t('2026-11-29T23:50:00Z'),
        },
      ],
      now.getTime(),
    );
    const status = computeSloStatus(availability, resolved, now);
    // 1h burn = 3000/3600/0.005 = 166.7x but the last 5 minutes were clean,
    // so page-1h is silent; 6h/30m still burns (27.8x and 133x): page.
    expect(status.burnRates['1h']).toBeCloseTo(166.667, 2);
    expect(status.firing.map(f => f.name)).toEqual([
      'page-6h',
      'ticket-1d',
      'ticket-3d',
    ]);
    expect(status.status).toBe('page');
  });

  it('is ok when nothing burns', () => {
    const quiet = new IncidentSliData(
      [
        {
          openedAt: t('2026-11-10T00:00:00Z'),
          resolvedAt: t('2026-11-10T01:00:00Z'),
        },
      ],
      now.getTime(),
    );
    const status = computeSloStatus(availability, quiet, now);
    expect(status.burnRates['1h']).toBe(0);
    expect(status.firing).toEqual([]);
    expect(status.status).toBe('ok');
  });

  it('counts only the part of an incident inside the window', () => {
    const edge = new IncidentSliData(
      [
        // ended exactly at the window start: not counted
        {
          openedAt: t('2026-10-30T00:00:00Z'),
          resolvedAt: t('2026-10-31T00:00:00Z'),
        },
        // one hour of it falls inside the window
        {
          openedAt: t('2026-10-30T23:00:00Z'),
          resolvedAt: t('2026-10-31T01:00:00Z'),
        },
      ],
      now.getTime(),
    );
    expect(
      computeSloStatus(availability, edge, now).errorBudget?.consumed,
    ).toBe(3_600);
  });
});

describe('computeSloStatus with sampled events', () => {
  const minute = 60_000;
  const start = now.getTime() - 10 * minute;
  // ten one-minute samples of 100 requests; minutes 3 and 7 have 20 errors
  const samples = Array.from({ length: 10 }, (_, i) => ({
    t: start + i * minute,
    total: 100,
    good: i === 3 || i === 7 ? 80 : 100,
  }));
  const data = new SampledSliData(samples);
  const base: SloDefinition = {
    ...availability,
    target: 0.99,
    window: { kind: 'rolling', durationMs: 10 * minute, label: '10m' },
    indicator: {
      kind: 'ratio',
      source: { type: 'prometheus', good: 'g', total: 't', stepMs: minute },
    },
  };

  it('Occurrences: good events over all events', () => {
    const status = computeSloStatus(base, data, now);
    expect(status.attainment).toBeCloseTo(960 / 1000, 12);
    expect(status.errorBudget).toMatchObject({ unit: 'events', consumed: 40 });
    expect(status.errorBudget?.total).toBeCloseTo(10, 9);
    expect(status.errorBudget?.remaining).toBeCloseTo(-30, 9);
  });

  it('Timeslices: good one-minute slices over all slices', () => {
    const status = computeSloStatus(
      {
        ...base,
        budgetingMethod: 'Timeslices',
        timeslice: { target: 0.95, windowMs: minute },
      },
      data,
      now,
    );
    expect(status.attainment).toBeCloseTo(8 / 10, 12);
    expect(status.errorBudget).toMatchObject({
      unit: 'timeslices',
      consumed: 2,
    });
  });

  it('reports no-data when the window holds no events', () => {
    const status = computeSloStatus(base, new SampledSliData([]), now);
    expect(status).toMatchObject({
      status: 'no-data',
      attainment: null,
      errorBudget: null,
    });
  });
});

describe('calendar windows', () => {
  it('start at the beginning of the current month (UTC)', () => {
    const slo: SloDefinition = {
      ...availability,
      window: { kind: 'calendar', unit: 'M', label: '1M' },
    };
    const at = new Date('2026-11-22T12:00:00Z');
    const status = computeSloStatus(
      slo,
      new IncidentSliData([], at.getTime()),
      at,
    );
    expect(status.window.from).toBe('2026-11-01T00:00:00.000Z');
    expect(status.attainment).toBe(1);
    expect(status.errorBudget?.total).toBeCloseTo(0.005 * 21.5 * 86_400, 6);
  });
});
