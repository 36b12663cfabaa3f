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
} as DoraMetrics;

describe('DoraFactProvider', () => {
  it('reads metric paths, tier ranks and per-entity failures', async () => {
    const calls: string[] = [];
    const dora: DoraService = {
      getMetrics: async ({ entityRef, credentials }) => {
        calls.push(
          `${entityRef} ${(credentials?.principal as { type: string }).type}`,
        );
        if (entityRef.endsWith('/b')) throw new Error('no such entity');
        return metrics;
      },
      getSlos: async () => {
        throw new Error('not used');
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
      ],
      credentials: mockCredentials.service(),
    });
    expect(batch.get('component:default/a')).toEqual({
      overallTier: 'high',
      overallTierRank: 3,
      'deploymentFrequency.perWeek': 9.3,
      'leadTimeForChanges.tierRank': 3,
      'timeToRestore.medianSeconds': undefined,
    });
    expect(batch.get('component:default/b')).toEqual(
      new Error('no such entity'),
    );
    expect(calls.sort()).toEqual([
      'component:default/a service',
      'component:default/b service',
    ]);
  });
});
