import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityScorecard,
  ScorecardChecksResponse,
  ScorecardHistory,
  ScorecardOverviewPage,
  ScorecardRollup,
} from '@paved-road/plugin-scorecard-common';

/** Filters and paging of the overview, as parsed from the query. @internal */
export interface OverviewQuery {
  owners?: string[];
  kinds?: string[];
  level?: string;
  failing?: string;
  /** A check id, or `*` for entities with any exempt check. */
  exempt?: string;
  cursor?: string;
  limit?: number;
}

/** What the router needs from the scorecard. @internal */
export interface ScorecardService {
  getChecks(): ScorecardChecksResponse;
  getEntityScorecard(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecard>;
  refresh(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecard>;
  getHistory(
    ref: CompoundEntityRef,
    window: { from?: Date; to?: Date },
    credentials: BackstageCredentials,
  ): Promise<ScorecardHistory>;
  getOverview(
    query: OverviewQuery,
    credentials: BackstageCredentials,
  ): Promise<ScorecardOverviewPage>;
  getRollup(
    query: OverviewQuery,
    credentials: BackstageCredentials,
  ): Promise<ScorecardRollup>;
}
