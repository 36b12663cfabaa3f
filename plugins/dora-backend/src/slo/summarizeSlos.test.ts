import { DoraEntitySlos, DoraSloStatus } from '@paved-road/plugin-dora-common';
import { summarizeSlos } from './summarizeSlos';

function slo(
  name: string,
  remainingRatio: number | null,
  status: DoraSloStatus['status'] = 'ok',
): DoraSloStatus {
  return {
    name,
    displayName: name.toUpperCase(),
    target: 0.99,
    budgetingMethod: 'Occurrences',
    window: { label: '30d', from: '', to: '' },
    attainment: remainingRatio === null ? null : 0.995,
    errorBudget:
      remainingRatio === null
        ? null
        : {
            unit: 'events',
            total: 100,
            consumed: 100 * (1 - remainingRatio),
            remaining: 100 * remainingRatio,
            remainingRatio,
          },
    burnRates: { '1h': null, '6h': null, '1d': null, '3d': null },
    status,
    firing:
      status === 'page' || status === 'ticket'
        ? [
            {
              name: 'burn',
              severity: status,
              threshold: 1,
              longWindowSeconds: 3600,
              shortWindowSeconds: 300,
              longBurnRate: 2,
              shortBurnRate: 2,
            },
          ]
        : [],
  };
}

const entity = (
  entityRef: string,
  slos: DoraEntitySlos['slos'],
): DoraEntitySlos => ({
  entityRef,
  definitions: { type: 'config' },
  slos,
});

describe('summarizeSlos', () => {
  it('counts SLOs at risk by budget under 25% or a firing alert, and the median budget burned', () => {
    const summary = summarizeSlos([
      entity('component:default/a', [
        slo('healthy', 0.9),
        slo('edge', 0.25), // exactly 25% left: not at risk
        slo('low', 0.1),
      ]),
      entity('component:default/b', [
        slo('burning', 0.8, 'ticket'),
        slo('overspent', -0.5, 'page'),
        slo('empty', null, 'no-data'),
        {
          name: 'down',
          displayName: 'DOWN',
          target: 0.9,
          status: 'error',
          reason: 'x',
        },
      ]),
      entity('component:default/c', []),
    ]);

    expect(summary).toEqual({
      slos: 7,
      atRisk: 3,
      errors: 1,
      // burned: 0.1, 0.75, 0.9, 0.2, 1.5 -> median 0.75
      medianBudgetBurned: 0.75,
      atRiskSlos: [
        {
          entityRef: 'component:default/b',
          name: 'overspent',
          displayName: 'OVERSPENT',
          status: 'page',
          budgetRemaining: -0.5,
        },
        expect.objectContaining({ name: 'low', budgetRemaining: 0.1 }),
        expect.objectContaining({ name: 'burning', status: 'ticket' }),
      ],
    });
  });

  it('has no median without data and averages the middle two of an even count', () => {
    expect(summarizeSlos([]).medianBudgetBurned).toBeNull();
    expect(
      summarizeSlos([
        entity('component:default/a', [slo('x', 0.5), slo('y', 0.9)]),
      ]).medianBudgetBurned,
    ).toBeCloseTo(0.3, 12);
  });
});
