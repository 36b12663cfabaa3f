import {
  FetchWithRetryOptions,
  fetchWithRetry,
  vendorResponseError,
} from '@paved-road/plugin-dora-node';
import {
  PagerDutyAlert,
  PagerDutyIncident,
  PagerDutyIncidentsPage,
} from './types';

/** PagerDuty refuses classic pagination past this many results. */
export const PAGERDUTY_MAX_OFFSET = 10_000;
const PAGE_SIZE = 100;
/** A window is never sliced below one second. */
const MIN_SLICE_MS = 1000;

/**
 * Options of {@link PagerDutyClient}.
 *
 * @public
 */
export interface PagerDutyClientOptions {
  baseUrl: string;
  token: string;
  /** Retry and backoff settings of every request; tests shorten the waits. */
  retry?: Omit<FetchWithRetryOptions, 'signal'>;
}

/**
 * A time window of incident creation, in epoch milliseconds: `since`
 * inclusive, `until` exclusive.
 *
 * @public
 */
export interface PagerDutyWindow {
  since: number;
  until: number;
}

/**
 * Reads incidents from PagerDuty's REST API v2.
 *
 * @public
 */
export class PagerDutyClient {
  private constructor(private readonly options: PagerDutyClientOptions) {}

  static create(options: PagerDutyClientOptions): PagerDutyClient {
    return new PagerDutyClient(options);
  }

  /** One page of incidents of one service created in a window. */
  async listIncidents(request: {
    serviceId: string;
    window: PagerDutyWindow;
    offset: number;
    total?: boolean;
    signal?: AbortSignal;
  }): Promise<PagerDutyIncidentsPage> {
    const query = new URLSearchParams();
    query.append('service_ids[]', request.serviceId);
    query.set('since', new Date(request.window.since).toISOString());
    query.set('until', new Date(request.window.until).toISOString());
    query.set('limit', String(PAGE_SIZE));
    query.set('offset', String(request.offset));
    query.set('time_zone', 'UTC');
    // A stable order keeps offsets meaningful while pages are read.
    query.set('sort_by', 'created_at:asc');
    if (request.total) query.set('total', 'true');
    const response = await fetchWithRetry(
      `${this.options.baseUrl}/incidents?${query}`,
      { headers: this.headers() },
      { ...this.options.retry, signal: request.signal },
    );
    if (!response.ok) {
      throw await vendorResponseError(
        `PagerDuty GET /incidents of service '${request.serviceId}' failed`,
        response,
      );
    }
    const body = (await response.json()) as Partial<PagerDutyIncidentsPage>;
    if (!Array.isArray(body.incidents)) {
      throw new Error(
        `PagerDuty answered GET /incidents without an 'incidents' list`,
      );
    }
    return {
      incidents: body.incidents,
      limit: Number(body.limit ?? PAGE_SIZE),
      offset: Number(body.offset ?? request.offset),
      more: body.more === true,
      total: typeof body.total === 'number' ? body.total : null,
    };
  }

  /**
   * The incident's first alert (oldest `created_at`), one request of one
   * result; `undefined` when the incident has none or PagerDuty no longer
   * knows it (404).
   */
  async firstAlert(request: {
    incidentId: string;
    signal?: AbortSignal;
  }): Promise<PagerDutyAlert | undefined> {
    const query = new URLSearchParams({
      limit: '1',
      offset: '0',
      sort_by: 'created_at:asc',
    });
    const path = `/incidents/${encodeURIComponent(request.incidentId)}/alerts`;
    const response = await fetchWithRetry(
      `${this.options.baseUrl}${path}?${query}`,
      { headers: this.headers() },
      { ...this.options.retry, signal: request.signal },
    );
    if (response.status === 404) {
      await response.arrayBuffer().catch(() => undefined);
      return undefined;
    }
    if (!response.ok) {
      throw await vendorResponseError(
        `PagerDuty GET /incidents/${request.incidentId}/alerts failed`,
        response,
      );
    }
    const body = (await response.json()) as { alerts?: unknown };
    if (!Array.isArray(body.alerts)) {
      throw new Error(
        `PagerDuty answered GET /incidents/${request.incidentId}/alerts without an 'alerts' list`,
      );
    }
    return body.alerts[0] as PagerDutyAlert | undefined;
  }

  private headers() {
    return {
      Authorization: `Token token=${this.options.token}`,
      Accept: 'application/vnd.pagerduty+json;version=2',
    };
  }

  /**
   * Every incident of a service created in a window. A window holding more
   * incidents than offset pagination reaches is split in halves by time,
   * recursively, so nothing past the cap is lost.
   */
  async listWindow(request: {
    serviceId: string;
    window: PagerDutyWindow;
    signal?: AbortSignal;
  }): Promise<PagerDutyIncident[]> {
    const { window } = request;
    const first = await this.listIncidents({
      ...request,
      offset: 0,
      total: true,
    });
    const canSplit = window.until - window.since > MIN_SLICE_MS;
    if (first.more && (first.total ?? 0) > PAGERDUTY_MAX_OFFSET && canSplit) {
      return this.listHalves(request);
    }
    const incidents = [...first.incidents];
    let page = first;
    while (page.more && page.incidents.length > 0) {
      const offset = page.offset + page.incidents.length;
      if (offset + PAGE_SIZE > PAGERDUTY_MAX_OFFSET) {
        // No total came back, yet the cap is reached: slice after all.
        if (canSplit) return this.listHalves(request);
        throw new Error(
          `More than ${PAGERDUTY_MAX_OFFSET} incidents of service '${request.serviceId}' were created within one second`,
        );
      }
      page = await this.listIncidents({ ...request, offset });
      incidents.push(...page.incidents);
    }
    return incidents;
  }

  private async listHalves(request: {
    serviceId: string;
    window: PagerDutyWindow;
    signal?: AbortSignal;
  }): Promise<PagerDutyIncident[]> {
    const { since, until } = request.window;
    const middle = since + Math.floor((until - since) / 2);
    const early = await this.listWindow({
      ...request,
      window: { since, until: middle },
    });
    const late = await this.listWindow({
      ...request,
      window: { since: middle, until },
    });
    return [...early, ...late];
  }
}
