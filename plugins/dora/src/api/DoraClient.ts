import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DoraDeploymentsPage,
  DoraEntitySlos,
  DoraHealth,
  DoraIncidentsPage,
  DoraMetrics,
  DoraSloHistory,
  DoraSlosByEntity,
} from '@paved-road/plugin-dora-common';
import {
  DoraApi,
  DoraDeploymentsQuery,
  DoraEntityMetrics,
  DoraMetricsByEntityQuery,
  DoraMetricsQuery,
  DoraScope,
  DoraTrendBucket,
  DoraTrendQuery,
} from './DoraApi';

/**
 * Options of {@link DoraClient}.
 *
 * @public
 */
export interface DoraClientOptions {
  /** Resolves the base URL of the `dora` backend plugin. */
  discoveryApi: DiscoveryApi;
  /** Sends requests with the signed-in user's credentials. */
  fetchApi: FetchApi;
}

type QueryValue = string | number | Date | undefined;

function scopeParams(scope: DoraScope): Record<string, string> {
  return 'entityRef' in scope
    ? { entityRef: scope.entityRef }
    : { owner: scope.owner };
}

/**
 * Default {@link DoraApi}: calls `/api/dora` with the user's credentials.
 *
 * @public
 */
export class DoraClient implements DoraApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: DoraClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc DoraApi.getHealth} */
  getHealth(): Promise<DoraHealth & { providers: string[] }> {
    return this.request('/health');
  }

  /** {@inheritDoc DoraApi.getMetrics} */
  getMetrics(query: DoraMetricsQuery): Promise<DoraMetrics> {
    return this.request('/metrics', {
      ...scopeParams(query),
      from: query.from,
      to: query.to,
    });
  }

  /** {@inheritDoc DoraApi.getTrend} */
  getTrend(query: DoraTrendQuery): Promise<{ buckets: DoraTrendBucket[] }> {
    return this.request('/metrics/trend', {
      ...scopeParams(query),
      bucket: 'week',
      count: query.count,
      to: query.to,
    });
  }

  /** {@inheritDoc DoraApi.getMetricsByEntity} */
  getMetricsByEntity(
    query: DoraMetricsByEntityQuery,
  ): Promise<{ items: DoraEntityMetrics[] }> {
    return this.request('/metrics/by-entity', {
      owner: query.owner,
      from: query.from,
      to: query.to,
    });
  }

  /** {@inheritDoc DoraApi.getDeployments} */
  getDeployments(query: DoraDeploymentsQuery): Promise<DoraDeploymentsPage> {
    return this.request('/deployments', {
      ...scopeParams(query),
      from: query.from,
      to: query.to,
      cursor: query.cursor,
      limit: query.limit,
    });
  }

  /** {@inheritDoc DoraApi.getIncidents} */
  getIncidents(query: DoraDeploymentsQuery): Promise<DoraIncidentsPage> {
    return this.request('/incidents', {
      ...scopeParams(query),
      from: query.from,
      to: query.to,
      cursor: query.cursor,
      limit: query.limit,
    });
  }

  /** {@inheritDoc DoraApi.getSlos} */
  getSlos(query: { entityRef: string }): Promise<DoraEntitySlos> {
    return this.request('/slos', { entityRef: query.entityRef });
  }

  /** {@inheritDoc DoraApi.getSloHistory} */
  getSloHistory(query: {
    entityRef: string;
    days?: number;
  }): Promise<DoraSloHistory> {
    return this.request('/slos/history', {
      entityRef: query.entityRef,
      days: query.days,
    });
  }

  /** {@inheritDoc DoraApi.getSlosByEntity} */
  getSlosByEntity(
    query: { owner: string } | { entityRefs: string[] },
  ): Promise<DoraSlosByEntity> {
    return this.request(
      '/slos/by-entity',
      'owner' in query
        ? { owner: query.owner }
        : { entityRefs: query.entityRefs.join(',') },
    );
  }

  private async request<T>(
    path: string,
    query: Record<string, QueryValue> = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('dora');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      params.set(key, value instanceof Date ? value.toISOString() : `${value}`);
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
