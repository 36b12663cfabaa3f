import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  ScorecardHealth,
  ScorecardHistory,
  ScorecardOutcomes,
  ScorecardOverviewPage,
  ScorecardRollup,
} from '@paved-road/plugin-scorecard-common';
import {
  ScorecardApi,
  ScorecardDoraOutcomesQuery,
  ScorecardExemptionQuery,
  ScorecardOverviewQuery,
} from './ScorecardApi';

/**
 * Options of {@link ScorecardClient}.
 *
 * @public
 */
export interface ScorecardClientOptions {
  /** Resolves the base URLs of the `scorecard` and `dora` backend plugins. */
  discoveryApi: DiscoveryApi;
  /** Sends requests with the signed-in user's credentials. */
  fetchApi: FetchApi;
}

const entityPath = (ref: CompoundEntityRef) =>
  `/entities/${[ref.kind, ref.namespace ?? 'default', ref.name]
    .map(encodeURIComponent)
    .join('/')}`;

function overviewParams(query: ScorecardOverviewQuery): URLSearchParams {
  const params = new URLSearchParams();
  query.owners?.forEach(o => params.append('owner', o));
  query.kinds?.forEach(k => params.append('kind', k));
  if (query.level) params.set('level', query.level);
  if (query.failing) params.set('failing', query.failing);
  if (query.exempt) params.set('exempt', query.exempt);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit) params.set('limit', String(query.limit));
  return params;
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * Default {@link ScorecardApi}: calls `/api/scorecard` with the user's credentials.
 *
 * @public
 */
export class ScorecardClient implements ScorecardApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: ScorecardClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc ScorecardApi.getHealth} */
  getHealth(): Promise<ScorecardHealth> {
    return this.request('/health');
  }

  /** {@inheritDoc ScorecardApi.getChecks} */
  getChecks(): Promise<ScorecardChecksResponse> {
    return this.request('/checks');
  }

  /** {@inheritDoc ScorecardApi.getEntityScorecard} */
  getEntityScorecard(entity: CompoundEntityRef): Promise<EntityScorecard> {
    return this.request(entityPath(entity));
  }

  /** {@inheritDoc ScorecardApi.refreshEntityScorecard} */
  refreshEntityScorecard(entity: CompoundEntityRef): Promise<EntityScorecard> {
    return this.request(`${entityPath(entity)}/refresh`, { method: 'POST' });
  }

  /** {@inheritDoc ScorecardApi.getHistory} */
  getHistory(
    entity: CompoundEntityRef,
    window: { from?: Date; to?: Date } = {},
  ): Promise<ScorecardHistory> {
    const params = new URLSearchParams();
    if (window.from) params.set('from', window.from.toISOString());
    if (window.to) params.set('to', window.to.toISOString());
    const query = params.toString();
    return this.request(
      `${entityPath(entity)}/history${query ? `?${query}` : ''}`,
    );
  }

  /** {@inheritDoc ScorecardApi.getOverview} */
  getOverview(query: ScorecardOverviewQuery): Promise<ScorecardOverviewPage> {
    return this.request(`/overview?${overviewParams(query)}`);
  }

  /** {@inheritDoc ScorecardApi.getRollup} */
  getRollup(
    query: Omit<ScorecardOverviewQuery, 'cursor' | 'limit'>,
  ): Promise<ScorecardRollup> {
    return this.request(`/overview/rollup?${overviewParams(query)}`);
  }

  /** {@inheritDoc ScorecardApi.requestExemption} */
  requestExemption(
    entity: CompoundEntityRef,
    request: ScorecardExemptionRequest,
  ): Promise<ScorecardExemption> {
    return this.request(`${entityPath(entity)}/exemptions`, json(request));
  }

  /** {@inheritDoc ScorecardApi.decideExemption} */
  decideExemption(
    id: string,
    decision: ScorecardExemptionDecision,
  ): Promise<ScorecardExemption> {
    return this.request(
      `/exemptions/${encodeURIComponent(id)}/decision`,
      json(decision),
    );
  }

  /** {@inheritDoc ScorecardApi.listExemptions} */
  listExemptions(
    query: ScorecardExemptionQuery,
  ): Promise<ScorecardExemptionPage> {
    const params = new URLSearchParams();
    query.statuses?.forEach(s => params.append('status', s));
    if (query.entityRef) params.set('entityRef', query.entityRef);
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.limit) params.set('limit', String(query.limit));
    return this.request(`/exemptions?${params}`);
  }

  /** {@inheritDoc ScorecardApi.getOutcomes} */
  getOutcomes(): Promise<ScorecardOutcomes> {
    return this.request('/outcomes');
  }

  /** {@inheritDoc ScorecardApi.answerPulse} */
  answerPulse(request: OutcomesPulseRequest): Promise<OutcomesPulseAnswer> {
    return this.request('/outcomes/pulse', json(request));
  }

  /** {@inheritDoc ScorecardApi.getPulseComments} */
  getPulseComments(
    query: { templateRef?: string } = {},
  ): Promise<OutcomesPulseComments> {
    const params = new URLSearchParams();
    if (query.templateRef) params.set('templateRef', query.templateRef);
    const search = params.toString();
    return this.request(
      `/outcomes/pulse/comments${search ? `?${search}` : ''}`,
    );
  }

  // Called here rather than through the DORA frontend plugin's API so the
  // scorecard plugin needs only `@paved-road/plugin-dora-common` (types) and
  // works in apps without the DORA frontend.
  /** {@inheritDoc ScorecardApi.getDoraOutcomes} */
  getDoraOutcomes(query: ScorecardDoraOutcomesQuery): Promise<DoraOutcomes> {
    const params = new URLSearchParams({
      from: query.from.toISOString(),
      to: query.to.toISOString(),
    });
    if (query.owner) params.set('owner', query.owner);
    return this.request(`/outcomes?${params}`, undefined, 'dora');
  }

  /** {@inheritDoc ScorecardApi.listCampaigns} */
  listCampaigns(): Promise<CampaignList> {
    return this.request('/campaigns');
  }

  /** {@inheritDoc ScorecardApi.getCampaign} */
  getCampaign(id: string): Promise<CampaignDetail> {
    return this.request(`/campaigns/${encodeURIComponent(id)}`);
  }

  /** {@inheritDoc ScorecardApi.createCampaign} */
  createCampaign(input: CampaignInput): Promise<CampaignSummary> {
    return this.request('/campaigns', json(input));
  }

  /** {@inheritDoc ScorecardApi.startCampaignUpgrades} */
  startCampaignUpgrades(id: string): Promise<CampaignUpgradeStart> {
    return this.request(`/campaigns/${encodeURIComponent(id)}/upgrades`, {
      method: 'POST',
    });
  }

  private async request<T>(
    path: string,
    init?: RequestInit,
    pluginId = 'scorecard',
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(pluginId);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
