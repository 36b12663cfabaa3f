import { mockCredentials } from '@backstage/backend-test-utils';
import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import { DoraService } from '@paved-road/plugin-dora-node';
import { component } from '../__testUtils__/fixtures';
import { SloFactProvider } from './SloFactProvider';

const slos: DoraEntitySlos = {
  entityRef: 'component:default/a',
  definitions: { type: 'annotation', location: './slo.yaml' },
  slos: [
    {
      name: 'availability',
      displayName: 'Availability',
      target: 0.995,
      budgetingMethod: 'Occurrences',
      window: { label: '28d', from: '', to: '' },
      attainment: 0.998,
      errorBudget: {
        unit: 'events',
        total: 100,
        consumed: 40,
        remaining: 60,
        remainingRatio: 0.6,
      },
      burnRates: { '1h': 1, '6h': 1, '1d': 1, '3d': 1 },
      status: 'ok',
      firing: [],
    },
    {
      name: 'latency',
      displayName: 'Latency',
      target: 0.99,
      budgetingMethod: 'Occurrences',
      window: { label: '28d', from: '', to: '' },
      attainment: 0.991,
      errorBudget: {
        unit: 'events',
        total: 100,
        consumed: 90,
        remaining: 10,
        remainingRatio: 0.1,
      },
      burnRates: { '1h': 3, '6h': 2, '1d': 1, '3d': 1 },
      status: 'ticket',
      firing: [],
    },
  ],
};

describe('SloFactProvider', () => {
  it('reads a page of entities in one call with the request credentials', async () => {
    const credentials = mockCredentials.service();
    const seen: Array<{ entityRefs: string[]; credentials?: unknown }> = [];
    const notUsed = async (): Promise<never> => {
      throw new Error('not used');
    };
    const dora: DoraService = {
      getMetrics: notUsed,
      getSlos: notUsed,
      getMetricsByEntity: notUsed,
      getSlosByEntity: async options => {
        seen.push(options);
        return {
          items: [
            slos,
            {
              entityRef: 'component:default/none',
              definitions: { type: 'none' },
              slos: [],
            },
            {
              entityRef: 'component:default/broken',
              definitions: { type: 'annotation' },
              error: { message: "'spec.target' must be below 1" },
              slos: [],
            },
          ],
          notFound: ['component:default/gone'],
        };
      },
    };
    const provider = new SloFactProvider(dora);
    const batch = await provider.loadFacts({
      entities: ['a', 'none', 'broken', 'gone'].map(n => component(n)),
      entityRefs: ['a', 'none', 'broken', 'gone'].map(
        n => `component:default/${n}`,
      ),
      facts: ['defined'],
      credentials,
    });
    expect(batch.get('component:default/a')).toEqual({
      defined: true,
      count: 2,
      attainment: 0.991,
      budgetRemaining: 0.1,
      status: 'ticket',
    });
    expect(batch.get('component:default/none')).toMatchObject({
      defined: false,
      count: 0,
      attainment: undefined,
    });
    expect((batch.get('component:default/broken') as Error).message).toBe(
      "SLO definitions: 'spec.target' must be below 1",
    );
    expect((batch.get('component:default/gone') as Error).message).toBe(
      "No entity 'component:default/gone' in the catalog",
    );
    expect(seen.map(s => s.entityRefs)).toEqual([
      ['a', 'none', 'broken', 'gone'].map(n => `component:default/${n}`),
    ]);
    expect(seen.every(s => s.credentials === credentials)).toBe(true);
  });
});
