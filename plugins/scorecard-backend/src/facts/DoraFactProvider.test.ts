import { mockCredentials } from '@backstage/backend-test-utils';
import { DoraMetrics } from '@paved-road/plugin-dora-common';
import { DoraService } from '@paved-road/plugin-dora-node';
import { component } from '../__testUtils__/fixtures';
import { DoraFactProvider } from './DoraFactProvider';

const metrics = {
  window: { from: '2026-10-23T00:00:00Z', to: '2026-11-22T00:00:00Z' },
  entityRefs: ['component:default/a'],
  deploymentFrequency: {
    deployments: 40,
    deploymentDays: 20,
    perWeek: 9.3,
    tier: 'elite',
  },
  leadTimeForChanges: {
    changes: 50,
    medianSeconds: 7200,
    p90Seconds: 86400,
    tier: 'high',
  },
  changeFailureRate: {
    deployments: 40,
    failedDeployments: 2,
    ratio: 0.05,
    tier: 'elite',
  },
  timeToRestore: { incidents: 0, medianSeconds: null, tier: null },
  failedDeploymentRecoveryTime: { incidents: 0, medianSeconds: null },
  reworkRate: { deployments: 40, reworkDeployments: 1, ratio: 0.025 },
  benchmark: '2024',
  overallTier: 'high',
  builds: {
    builds: 30,
    succeeded: 27,
    failed: 3,
    cancelled: 0,
    medianSeconds: 420,
    p90Seconds: 900,
    successRate: 0.9,
  },
} as DoraMetrics;

const notUsed = async (): Promise<never> => {
  throw new Error('not used');
};

describe('DoraFactProvider', () => {
  it('reads metric paths and tier ranks of a page of entities in one call', async () => {
    const calls: Array<{ refs: string[]; principal: string }> = [];
    const dora: DoraService = {
      getMetrics: notUsed,
      getSlos: notUsed,
      getSlosByEntity: notUsed,
      getMetricsByEntity: async ({ entityRefs, credentials }) => {
        calls.push({
          refs: entityRefs,
          principal: (credentials?.principal as { type: string }).type,
        });
        return {
          items: [{ ...metrics, entityRef: 'component:default/a' }],
          notFound: ['component:default/b'],
        };
      },
    };
    const batch = await new DoraFactProvider(dora).loadFacts({
      entities: [component('a'), component('b')],
      entityRefs: ['component:default/a', 'component:default/b'],
      facts: [
        'overallTier',
        'overallTierRank',
        'deploymentFrequency.perWeek',
        'leadTimeForChanges.tierRank',
        'timeToRestore.medianSeconds',
        'builds.medianSeconds',
        'builds.successRate',
      ],
      credentials: mockCredentials.service(),
    });
    expect(calls).toEqual([
      {
        refs: ['component:default/a', 'component:default/b'],
        principal: 'service',
      },
    ]);
    expect(batch.get('component:default/a')).toEqual({
      overallTier: 'high',
      overallTierRank: 3,
      'deploymentFrequency.perWeek': 9.3,
      'leadTimeForChanges.tierRank': 3,
      'timeToRestore.medianSeconds': undefined,
      'builds.medianSeconds': 420,
      'builds.successRate': 0.9,
    });
    expect(batch.get('component:default/b')).toEqual(
      new Error("No entity 'component:default/b' in the catalog"),
    );
  });

  it('gives every entity the error of a failed call', async () => {
    const dora: DoraService = {
      getMetrics: notUsed,
      getSlos: notUsed,
      getSlosByEntity: notUsed,
      getMetricsByEntity: async () => {
        throw new Error('DORA backend unavailable');
      },
    };
    const refs = ['component:default/a', 'component:default/b'];
    const batch = await new DoraFactProvider(dora).loadFacts({
      entities: [component('a'), component('b')],
      entityRefs: refs,
      facts: ['overallTier'],
      credentials: mockCredentials.service(),
    });
    expect([...batch.entries()]).toEqual(
      refs.map(ref => [ref, new Error('DORA backend unavailable')]),
    );
  });
});
