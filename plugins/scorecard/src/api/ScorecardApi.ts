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
  owners?: string[];
  kinds?: string[];
  level?: string;
  failing?: string;
  cursor?: string;
  limit?: number;
}

/**
 * Client for the scorecard backend (`/api/scorecard`).
 *
 * @public
 */
export interface ScorecardApi {
  getHealth(): Promise<ScorecardHealth>;
  getChecks(): Promise<ScorecardChecksResponse>;
  getEntityScorecard(entity: CompoundEntityRef): Promise<EntityScorecard>;
  refreshEntityScorecard(entity: CompoundEntityRef): Promise<EntityScorecard>;
  getHistory(
    entity: CompoundEntityRef,
    window?: { from?: Date; to?: Date },
  ): Promise<ScorecardHistory>;
  getOverview(query: ScorecardOverviewQuery): Promise<ScorecardOverviewPage>;
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
