import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  EntityScorecard,
  ScorecardChecksResponse,
  ScorecardHealth,
  ScorecardHistory,
  ScorecardOverviewPage,
  ScorecardRollup,
} from '@paved-road/plugin-scorecard-common';

/**
 * Filters of the overview. `level: 'none'` selects entities below the first
 * level; `failing` a check id.
 *
 * @public
 */
export interface ScorecardOverviewQuery {
  /** Only entities owned by one of these entity refs, e.g. `group:default/payments`. */
  owners?: string[];
  /** Only entities of one of these kinds, e.g. `component`. */
  kinds?: string[];
  /** Only entities at this level id, or `none` for those below the first level. */
  level?: string;
  /** Only entities failing the check with this id. */
  failing?: string;
  /** Opaque cursor of the next page, from the previous page's `pageInfo`. */
  cursor?: string;
  /** Page size, 1 to 500; the backend defaults to 50. */
  limit?: number;
}

/**
 * Client for the scorecard backend (`/api/scorecard`).
 *
 * @public
 */
export interface ScorecardApi {
  /** Whether the scorecard backend answers, and its installed fact providers. */
  getHealth(): Promise<ScorecardHealth>;
  /** The configured levels and checks. */
  getChecks(): Promise<ScorecardChecksResponse>;
  /** The stored scorecard of one entity. */
  getEntityScorecard(entity: CompoundEntityRef): Promise<EntityScorecard>;
  /** Re-evaluates one entity's scorecard now and returns it (needs `scorecard.entity.refresh`). */
  refreshEntityScorecard(entity: CompoundEntityRef): Promise<EntityScorecard>;
  /** One entity's past scores and levels, optionally within a time window. */
  getHistory(
    entity: CompoundEntityRef,
    window?: { from?: Date; to?: Date },
  ): Promise<ScorecardHistory>;
  /** One page of entities with their level and score, filtered by `query`. */
  getOverview(query: ScorecardOverviewQuery): Promise<ScorecardOverviewPage>;
  /** Entities per owner and level for the same filters, for the team roll-up. */
  getRollup(
    query: Omit<ScorecardOverviewQuery, 'cursor' | 'limit'>,
  ): Promise<ScorecardRollup>;
}

/**
 * ApiRef of {@link ScorecardApi}.
 *
 * @public
 */
export const scorecardApiRef = createApiRef<ScorecardApi>({
  id: 'plugin.scorecard.api',
});
