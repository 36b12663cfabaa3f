import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DoraDeploymentsPage,
  DoraEntitySlos,
  DoraHealth,
  DoraMetrics,
} from '@paved-road/plugin-dora-common';
import {
  DoraApi,
  DoraDeploymentsQuery,
  DoraMetricsQuery,
  DoraScope,
} from './DoraApi';

/**
 * Options of {@link DoraClient}.
 *
 * @public
 */
export interface DoraClientOptions {
  discoveryApi: DiscoveryApi;
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

  getHealth(): Promise<DoraHealth & { providers: string[] }> {
    return this.request('/health');
  }

  getMetrics(query: DoraMetricsQuery): Promise<DoraMetrics> {
    return this.request('/metrics', {
      ...scopeParams(query),
      from: query.from,
      to: query.to,
    });
  }

  getDeployments(query: DoraDeploymentsQuery): Promise<DoraDeploymentsPage> {
    return this.request('/deployments', {
      ...scopeParams(query),
      from: query.from,
      to: query.to,
      cursor: query.cursor,
      limit: query.limit,
    });
  }

  getSlos(query: { entityRef: string }): Promise<DoraEntitySlos> {
    return this.request('/slos', { entityRef: query.entityRef });
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
