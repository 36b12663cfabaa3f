import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ScorecardExemption,
  ScorecardExemptionDecision,
  ScorecardExemptionPage,
  ScorecardExemptionPolicy,
  ScorecardExemptionRequest,
  ScorecardExemptionStatus,
} from '@paved-road/plugin-scorecard-common';

/** `GET /exemptions` query, parsed. @internal */
export interface ExemptionQuery {
  statuses?: ScorecardExemptionStatus[];
  entityRef?: string;
  cursor?: string;
  limit?: number;
}

/** What the router needs for exemptions. @internal */
export interface ExemptionService {
  policy(): ScorecardExemptionPolicy;
  request(
    ref: CompoundEntityRef,
    body: ScorecardExemptionRequest,
    credentials: BackstageCredentials,
  ): Promise<ScorecardExemption>;
  decide(
    id: string,
    body: ScorecardExemptionDecision,
    credentials: BackstageCredentials,
  ): Promise<ScorecardExemption>;
  list(
    query: ExemptionQuery,
    credentials: BackstageCredentials,
  ): Promise<ScorecardExemptionPage>;
}
