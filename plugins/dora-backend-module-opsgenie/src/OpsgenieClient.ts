import {
  FetchWithRetryOptions,
  fetchWithRetry,
  vendorResponseError,
} from '@paved-road/plugin-dora-node';

/**
 * An Opsgenie incident as listed by `GET /v1/incidents`.
 *
 * @public
 */
export interface OpsgenieIncident {
  /** The incident's UUID. */
  id: string;
  /** The short number shown in the Opsgenie UI. */
  tinyId?: string;
  /** The incident's title. */
  message?: string;
  /** `open`, `resolved` or `closed`. */
  status: string;
  /** `P1` (critical) to `P5`. */
  priority?: string;
  /** When it was created (ISO 8601); the event's `openedAt`. */
  createdAt: string;
  /** Its last change (ISO 8601); the resolve time of last resort. */
  updatedAt?: string;
  /** Ids of the impacted Opsgenie services. */
  impactedServices?: string[];
  /** The incident's tags. */
  tags?: string[];
  /**
   * Custom key-value properties (given as `details` when the incident is
   * created).
   */
  extraProperties?: Record<string, string>;
}

/**
 * One entry of an incident's timeline
 * (`GET /v2/incident-timelines/{id}/entries`).
 *
 * @public
 */
export interface OpsgenieTimelineEntry {
  /** The entry's id. */
  id?: string;
  /** E.g. `incident` for system entries, `custom` for notes. */
  group?: string;
  /** What happened, e.g. `IncidentResolved`. */
  type?: string;
  /** When it happened (ISO 8601). */
  eventTime?: string;
  /** Whether the entry is hidden in the UI. */
  hidden?: boolean;
}

/**
 * An Opsgenie service (`GET /v1/services`).
 *
 * @public
 */
export interface OpsgenieService {
  /** The service's UUID, as listed in an incident's `impactedServices`. */
  id: string;
  /** The service's name. */
  name: string;
}

/** Opsgenie's largest page size. */
export const OPSGENIE_PAGE_SIZE = 100;

/**
 * The few Opsgenie REST calls the provider needs, each through
 * `fetchWithRetry`. Errors name the call, never the key.
 *
 * @internal
 */
export class OpsgenieClient {
  constructor(
    private readonly options: {
      baseUrl: string;
      apiKey: string;
      signal: AbortSignal;
      retry?: Omit<FetchWithRetryOptions, 'signal'>;
    },
  ) {}

  /** One page of incidents created at or after `createdFrom`, oldest first. */
  async listIncidents(params: {
    createdFrom: number;
    offset: number;
  }): Promise<{ incidents: OpsgenieIncident[]; hasMore: boolean }> {
    const query = new URLSearchParams({
      query: `createdAt>=${params.createdFrom}`,
      offset: String(params.offset),
      limit: String(OPSGENIE_PAGE_SIZE),
      sort: 'createdAt',
      order: 'asc',
    });
    const body = await this.get(`/v1/incidents?${query}`);
    const incidents = asArray(body?.data, 'GET /v1/incidents', 'data');
    return {
      incidents: incidents as OpsgenieIncident[],
      hasMore: incidents.length > 0 && Boolean(body?.paging?.next),
    };
  }

  /** One incident by id; `undefined` when Opsgenie no longer has it. */
  async getIncident(id: string): Promise<OpsgenieIncident | undefined> {
    const body = await this.get(
      `/v1/incidents/${encodeURIComponent(id)}?identifierType=id`,
      { allowNotFound: true },
    );
    return body?.data as OpsgenieIncident | undefined;
  }

  /** Every entry of an incident's timeline; empty when it has none. */
  async listTimeline(id: string): Promise<OpsgenieTimelineEntry[]> {
    const entries: OpsgenieTimelineEntry[] = [];
    const path = `/v2/incident-timelines/${encodeURIComponent(id)}/entries`;
    let offset: string | undefined;
    // Bounded: a timeline is hundreds of entries at most.
    for (let page = 0; page < 50; page++) {
      const query = new URLSearchParams({ limit: String(OPSGENIE_PAGE_SIZE) });
      if (offset) query.set('offset', offset);
      const body = await this.get(`${path}?${query}`, { allowNotFound: true });
      const batch = asArray(
        body?.data?.entries ?? [],
        `GET ${path}`,
        'entries',
      );
      entries.push(...(batch as OpsgenieTimelineEntry[]));
      offset = body?.data?.nextOffset;
      if (!offset || batch.length === 0) break;
    }
    return entries;
  }

  /** Every service of the account, to match annotations by name. */
  async listServices(): Promise<OpsgenieService[]> {
    const services: OpsgenieService[] = [];
    for (let offset = 0; ; ) {
      const query = new URLSearchParams({
        offset: String(offset),
        limit: String(OPSGENIE_PAGE_SIZE),
      });
      const body = await this.get(`/v1/services?${query}`);
      const page = asArray(body?.data, 'GET /v1/services', 'data');
      services.push(...(page as OpsgenieService[]));
      if (page.length === 0 || !body?.paging?.next) return services;
      offset += page.length;
    }
  }

  private async get(
    pathAndQuery: string,
    options: { allowNotFound?: boolean } = {},
  ): Promise<any> {
    const response = await fetchWithRetry(
      `${this.options.baseUrl}${pathAndQuery}`,
      {
        headers: {
          Authorization: `GenieKey ${this.options.apiKey}`,
          Accept: 'application/json',
        },
      },
      { ...this.options.retry, signal: this.options.signal },
    );
    if (response.status === 404 && options.allowNotFound) {
      await response.arrayBuffer().catch(() => undefined);
      return undefined;
    }
    if (!response.ok) {
      // Path only: the query may carry filters, the key is in a header.
      const path = pathAndQuery.split('?')[0];
      const hint =
        response.status === 401 || response.status === 403
          ? "; check that 'dora.providers.opsgenie.apiKey' is an API integration key with read access"
          : '';
      throw await vendorResponseError(
        `Opsgenie GET ${path} failed${hint}`,
        response,
      );
    }
    return response.json();
  }
}

function asArray(value: unknown, call: string, field: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new Error(`Opsgenie ${call} answered without a '${field}' array`);
  }
  return value;
}
