import { http, HttpResponse } from 'msw';
import {
  OpsgenieIncident,
  OpsgenieService,
  OpsgenieTimelineEntry,
} from '../OpsgenieClient';

/** A request the fake Opsgenie received. */
export interface RecordedRequest {
  url: URL;
  authorization: string | null;
}

/**
 * An in-memory Opsgenie account served through msw handlers shaped like the
 * documented REST API: incidents (search by `createdAt>=`, offset paging
 * with `paging.next`), single incidents, incident timelines and services.
 * `intercept` may answer a request instead (429, 5xx ...).
 */
export function fakeOpsgenie(options: { baseUrl: string; apiKey: string }) {
  const account = {
    incidents: [] as OpsgenieIncident[],
    timelines: new Map<string, OpsgenieTimelineEntry[]>(),
    services: [] as OpsgenieService[],
    requests: [] as RecordedRequest[],
    intercept: undefined as undefined | ((url: URL) => Response | undefined),
  };

  function receive(request: Request): URL | Response {
    const url = new URL(request.url);
    const authorization = request.headers.get('authorization');
    account.requests.push({ url, authorization });
    if (authorization !== `GenieKey ${options.apiKey}`) {
      return HttpResponse.json(
        { message: 'Could not authenticate', took: 0.001, requestId: 'r' },
        { status: 401 },
      );
    }
    return account.intercept?.(url) ?? url;
  }

  function page<T>(url: URL, items: T[]) {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const data = items.slice(offset, offset + limit);
    const next = new URL(url);
    next.searchParams.set('offset', String(offset + limit));
    return HttpResponse.json({
      data,
      paging: {
        ...(offset + limit < items.length && { next: next.toString() }),
        first: url.toString(),
      },
      took: 0.01,
      requestId: 'req-1',
    });
  }

  const handlers = [
    http.get(`${options.baseUrl}/v1/incidents`, ({ request }) => {
      const url = receive(request);
      if (url instanceof Response) return url;
      const match = /^createdAt>=(\d+)$/.exec(url.searchParams.get('query')!);
      const from = match ? Number(match[1]) : 0;
      const items = account.incidents
        .filter(i => Date.parse(i.createdAt) >= from)
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      return page(url, items);
    }),
    http.get(`${options.baseUrl}/v1/incidents/:id`, ({ request, params }) => {
      const url = receive(request);
      if (url instanceof Response) return url;
      const found = account.incidents.find(i => i.id === params.id);
      if (!found) {
        return HttpResponse.json({ message: 'No incident' }, { status: 404 });
      }
      return HttpResponse.json({ data: found, took: 0.01, requestId: 'r' });
    }),
    http.get(
      `${options.baseUrl}/v2/incident-timelines/:id/entries`,
      ({ request, params }) => {
        const url = receive(request);
        if (url instanceof Response) return url;
        const entries = account.timelines.get(String(params.id));
        if (!entries) {
          return HttpResponse.json({ message: 'No timeline' }, { status: 404 });
        }
        return HttpResponse.json({ data: { entries }, took: 0.01 });
      },
    ),
    http.get(`${options.baseUrl}/v1/services`, ({ request }) => {
      const url = receive(request);
      if (url instanceof Response) return url;
      return page(url, account.services);
    }),
  ];

  return { account, handlers };
}

/**
 * An incident shaped like the documented `GET /v1/incidents` item
 * (`tags`, `extraProperties`, `impactedServices` ...), impacting the
 * Payments service, created at `createdAt`.
 */
export function incident(
  id: string,
  createdAt: number,
  overrides: Partial<OpsgenieIncident> = {},
): OpsgenieIncident {
  return {
    id,
    tinyId: id.replace(/\D/g, '') || '1',
    message: `Incident ${id}`,
    status: 'resolved',
    priority: 'P2',
    tags: ['checkout'],
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(createdAt + 3_600_000).toISOString(),
    impactedServices: ['svc-payments'],
    extraProperties: { region: 'eu-west-1' },
    ...overrides,
  };
}

/** A timeline with a creation and a resolution entry. */
export function resolvedTimeline(
  createdAt: number,
  resolvedAt: number,
): OpsgenieTimelineEntry[] {
  return [
    {
      id: 'e1',
      group: 'incident',
      type: 'IncidentCreated',
      eventTime: new Date(createdAt).toISOString(),
      hidden: false,
    },
    {
      id: 'e2',
      group: 'incident',
      type: 'IncidentResolved',
      eventTime: new Date(resolvedAt).toISOString(),
      hidden: false,
    },
  ];
}
