import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ScorecardHealth } from '@paved-road/plugin-scorecard-common';
import { ScorecardApi } from './ScorecardApi';

/**
 * Options of {@link ScorecardClient}.
 *
 * @public
 */
export interface ScorecardClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
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

  getHealth(): Promise<ScorecardHealth & { providers: string[] }> {
    return this.request('/health');
  }

  private async request<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('scorecard');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
