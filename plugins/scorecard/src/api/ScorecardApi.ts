import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import { DoraOutcomes } from '@paved-road/plugin-dora-common';
import {
  CampaignDetail,
  CampaignInput,
  CampaignList,
  CampaignSummary,
  CampaignUpgradeStart,
  EntityScorecard,
  OutcomesPulseAnswer,
  OutcomesPulseComments,
  OutcomesPulseRequest,
  ScorecardChecksResponse,
  ScorecardExemption,
  ScorecardExemptionDecision,
  ScorecardExemptionPage,
  ScorecardExemptionRequest,
  ScorecardExemptionStatus,
  ScorecardHealth,
  ScorecardHistory,
  ScorecardOutcomes,
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
  /** Only entities exempt from the check with this id, or from any check with `*`. */
  exempt?: string;
  /** Opaque cursor of the next page, from the previous page's `pageInfo`. */
  cursor?: string;
  /** Page size, 1 to 500; the backend defaults to 50. */
  limit?: number;
}

/**
 * Filters of the exemption list.
 *
 * @public
 */
export interface ScorecardExemptionQuery {
  /** Only exemptions in one of these states. */
  statuses?: ScorecardExemptionStatus[];
  /** Only exemptions of this entity, e.g. `component:default/payments-api`. */
  entityRef?: string;
  /** Opaque cursor of the next page, from the previous page's `nextCursor`. */
  cursor?: string;
  /** Page size, 1 to 500; the backend defaults to 50. */
  limit?: number;
}

/**
 * Window and owner of the DORA outcomes (`GET /api/dora/outcomes`).
 *
 * @public
 */
export interface ScorecardDoraOutcomesQuery {
  /** Start of the window (inclusive). */
  from: Date;
  /** End of the window (exclusive). */
  to: Date;
  /** Only the services of this owner and its child groups, e.g. `group:default/payments`. */
  owner?: string;
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
  /** Asks for an exemption of one entity from one check (needs `scorecard.exemption.request`). */
  requestExemption(
    entity: CompoundEntityRef,
    request: ScorecardExemptionRequest,
  ): Promise<ScorecardExemption>;
  /** Approves or denies a pending exemption (needs `scorecard.exemption.approve`). */
  decideExemption(
    id: string,
    decision: ScorecardExemptionDecision,
  ): Promise<ScorecardExemption>;
  /** One page of exemptions of the entities the user may read. */
  listExemptions(
    query: ScorecardExemptionQuery,
  ): Promise<ScorecardExemptionPage>;
  /** The platform's outcomes: adoption, templates, SLO coverage, exemptions, pulses (needs `scorecard.outcomes.read`). */
  getOutcomes(): Promise<ScorecardOutcomes>;
  /** Answers a developer satisfaction pulse; a second answer in the same quarter replaces the first. */
  answerPulse(request: OutcomesPulseRequest): Promise<OutcomesPulseAnswer>;
  /** The pulse answers with a comment, optionally of one template (needs `scorecard.outcomes.comments.read`). */
  getPulseComments(query?: {
    templateRef?: string;
  }): Promise<OutcomesPulseComments>;
  /**
   * Time to first deploy and paved road vs off road from the DORA backend
   * (`GET /api/dora/outcomes`), which the Outcomes page shows beside the
   * scorecard's figures.
   */
  getDoraOutcomes(query: ScorecardDoraOutcomesQuery): Promise<DoraOutcomes>;
  /** Every campaign with its overall progress (`GET /campaigns`). */
  listCampaigns(): Promise<CampaignList>;
  /** One campaign: progress per team, history, entities not done and upgrades. */
  getCampaign(id: string): Promise<CampaignDetail>;
  /** Creates a campaign (needs `scorecard.campaign.manage`). */
  createCampaign(input: CampaignInput): Promise<CampaignSummary>;
  /**
   * Opens golden-path upgrade pull or merge requests for the campaign's
   * lagging entities, in the background (needs `scorecard.campaign.manage`).
   */
  startCampaignUpgrades(id: string): Promise<CampaignUpgradeStart>;
}

/**
 * ApiRef of {@link ScorecardApi}.
 *
 * @public
 */
export const scorecardApiRef = createApiRef<ScorecardApi>({
  id: 'plugin.scorecard.api',
});
