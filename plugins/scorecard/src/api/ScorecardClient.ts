import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityScorecard,
  ScorecardChecksResponse,
  ScorecardHealth,
  ScorecardHistory,
  ScorecardOverviewPage,
  ScorecardRollup,
} from '@paved-road/plugin-scorecard-common';
import { ScorecardApi, ScorecardOverviewQuery } from './ScorecardApi';

/**
 * Options of {@link ScorecardClient}.
 *
 * @public
 */
export interface ScorecardClientOptions {
  /** Resolves the base URL of the `scorecard` backend plugin. */
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
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit) params.set('limit', String(query.limit));
  return params;
}

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

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('scorecard');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
