import { DoraMetrics, DoraTier } from '@paved-road/plugin-dora-common';
import { DoraService } from '@paved-road/plugin-dora-node';
import {
  ScorecardFactBatch,
  ScorecardFactProvider,
  ScorecardFactRequest,
  ScorecardFactValues,
} from '@paved-road/plugin-scorecard-node';
import { perEntity, readPath } from './readPath';

const TIER_RANK: Record<DoraTier, number> = {
  low: 1,
  medium: 2,
  high: 3,
  elite: 4,
};

/** Facts derived from DoraMetrics besides its plain paths. */
function factOf(metrics: DoraMetrics, name: string): unknown {
  if (name === 'overallTierRank') {
    return metrics.overallTier ? TIER_RANK[metrics.overallTier] : undefined;
  }
  if (name.endsWith('.tierRank')) {
    const tier = readPath(
      metrics,
      `${name.slice(0, -'Rank'.length)}`,
    ) as DoraTier | null;
    return tier ? TIER_RANK[tier] : undefined;
  }
  const value = readPath(metrics, name);
  return value === null ? undefined : value;
}

/**
 * Built-in provider `dora`: the four keys of the last 30 days through the
 * DORA service ref of `@paved-road/plugin-dora-node`. Facts are paths into
 * the `/api/dora/metrics` response (`overallTier`,
 * `deploymentFrequency.perWeek`, `leadTimeForChanges.medianSeconds`,
 * `changeFailureRate.ratio`, `timeToRestore.medianSeconds`, ...), plus
 * `overallTierRank` and `<key>.tierRank` (low 1 .. elite 4) for `gte`.
 * A `null` figure (no samples) is an absent fact.
 *
 * @internal
 */
export class DoraFactProvider implements ScorecardFactProvider {
  readonly id = 'dora';

  constructor(private readonly dora: DoraService) {}

  /** One bulk read for the whole page of entities. */
  async loadFacts(request: ScorecardFactRequest): Promise<ScorecardFactBatch> {
    return perEntity(
      request.entityRefs,
      () =>
        this.dora.getMetricsByEntity({
          entityRefs: request.entityRefs,
          credentials: request.credentials,
        }),
      metrics => {
        const values: ScorecardFactValues = {};
        for (const name of request.facts) values[name] = factOf(metrics, name);
        return values;
      },
    ) as Promise<ScorecardFactBatch>;
  }
}
