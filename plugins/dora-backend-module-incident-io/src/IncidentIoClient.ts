import {
  FetchWithRetryOptions,
  fetchWithRetry,
  vendorResponseError,
} from '@paved-road/plugin-dora-node';
import { IncidentIoIncident } from './types';

/** incident.io's largest page size. */
export const INCIDENT_IO_PAGE_SIZE = 250;

/**
 * The incident.io REST call the provider needs, through `fetchWithRetry`.
 * Errors name the call, never the key.
 *
 * @internal
 */
export class IncidentIoClient {
  constructor(
    private readonly options: {
      baseUrl: string;
      apiKey: string;
      signal: AbortSignal;
      retry?: Omit<FetchWithRetryOptions, 'signal'>;
    },
  ) {}

  /**
   * One page of incidents updated on or after the given UTC date
   * (`YYYY-MM-DD`), continuing after `after` when given.
   */
  async listIncidents(params: {
    updatedFrom: string;
    after?: string;
  }): Promise<{ incidents: IncidentIoIncident[]; after?: string }> {
    const query = new URLSearchParams({
      page_size: String(INCIDENT_IO_PAGE_SIZE),
      'updated_at[gte]': params.updatedFrom,
    });
    if (params.after) query.set('after', params.after);
    const response = await fetchWithRetry(
      `${this.options.baseUrl}/v2/incidents?${query}`,
      {
        headers: {
          Authorization: `Bearer ${this.options.apiKey}`,
          Accept: 'application/json',
        },
      },
      { ...this.options.retry, signal: this.options.signal },
    );
    if (!response.ok) {
      const hint =
        response.status === 401 || response.status === 403
          ? "; check that 'dora.providers.incidentIo.apiKey' is an API key that can view incidents"
          : '';
      throw await vendorResponseError(
        `incident.io GET /v2/incidents failed${hint}`,
        response,
      );
    }
    const body = await response.json();
    if (!Array.isArray(body?.incidents)) {
      throw new Error(
        "incident.io GET /v2/incidents answered without an 'incidents' array",
      );
    }
    return {
      incidents: body.incidents,
      after: body.pagination_meta?.after || undefined,
    };
  }
}
