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

  it('keeps at most `concurrency` calls in flight and the results in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const dora: DoraService = {
      getMetrics: async ({ entityRef }) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise(resolve => setTimeout(resolve, 5));
        inFlight--;
        return { ...metrics, entityRefs: [entityRef] };
      },
      getSlos: async () => {
        throw new Error('not used');
      },
    };
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const refs = names.map(n => `component:default/${n}`);
    const batch = await new DoraFactProvider(dora, 3).loadFacts({
      entities: names.map(n => component(n)),
      entityRefs: refs,
      facts: ['entityRefs'],
      credentials: mockCredentials.service(),
    });
    expect(peak).toBe(3);
    expect([...batch.entries()]).toEqual(
      refs.map(ref => [ref, { entityRefs: [ref] }]),
    );
  });
});
