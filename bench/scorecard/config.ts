/*
 * The bench's scorecard config (the 20 checks) and the in-memory provider
 * standing in for DORA and SLO facts, shared by bench.ts, api.ts and pass.ts.
 */
import { JsonObject, JsonValue } from '@backstage/types';
import { ScorecardFactProvider } from '@paved-road/plugin-scorecard-node';
import { CHECKS } from './workload';

/** The 20 checks as `scorecard` config. */
export function scorecardConfig(): JsonObject {
  return {
    levels: [
      { id: 'bronze', title: 'Bronze' },
      { id: 'silver', title: 'Silver' },
      { id: 'gold', title: 'Gold' },
    ],
    checks: CHECKS.map(c => ({
      id: c.id,
      title: c.id,
      fact: c.fact,
      operator: c.operator,
      value: c.value as JsonValue,
      level: c.level,
      filter: { kind: ['component'] },
    })),
  };
}

/** The in-memory provider standing in for DORA and SLO facts. */
export function benchProvider(
  metrics: Map<string, Record<string, unknown>>,
): ScorecardFactProvider {
  return {
    id: 'bench',
    async loadFacts({ entityRefs, facts }) {
      const batch = new Map<string, Record<string, unknown>>();
      for (const ref of entityRefs) {
        const all = metrics.get(ref) ?? {};
        const values: Record<string, unknown> = {};
        for (const f of facts) values[f] = all[f];
        batch.set(ref, values);
      }
      return batch;
    },
  };
}
