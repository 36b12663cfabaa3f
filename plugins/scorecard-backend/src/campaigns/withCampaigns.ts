import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OverviewQuery, ScorecardService } from '../service/types';
import { CampaignService } from './CampaignService';

/**
 * Adds `campaigns` (the open campaigns covering the entity) to the entity
 * route's scorecard, so the card needs no extra request. The inner service
 * has already decided that the caller may read the entity.
 *
 * @internal
 */
export class ScorecardServiceWithCampaigns implements ScorecardService {
  constructor(
    private readonly inner: ScorecardService,
    private readonly campaigns: CampaignService,
    private readonly catalog: CatalogService,
  ) {}

  async getEntityScorecard(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ) {
    const scorecard = await this.inner.getEntityScorecard(ref, credentials);
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity) return scorecard;
    return {
      ...scorecard,
      campaigns: await this.campaigns.campaignsOf(entity, scorecard),
    };
  }

  getChecks() {
    return this.inner.getChecks();
  }

  refresh(ref: CompoundEntityRef, credentials: BackstageCredentials) {
    return this.inner.refresh(ref, credentials);
  }

  getHistory(
    ref: CompoundEntityRef,
    window: { from?: Date; to?: Date },
    credentials: BackstageCredentials,
  ) {
    return this.inner.getHistory(ref, window, credentials);
  }

  getOverview(query: OverviewQuery, credentials: BackstageCredentials) {
    return this.inner.getOverview(query, credentials);
  }

  getRollup(query: OverviewQuery, credentials: BackstageCredentials) {
    return this.inner.getRollup(query, credentials);
  }
}
