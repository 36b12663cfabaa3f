import { http, HttpResponse } from 'msw';
import { PagerDutyIncident } from '../types';

export const TOKEN = 'pd-test-token-0123';

/** One `GET /incidents` request as PagerDuty received it. */
export interface RecordedCall {
  origin: string;
  serviceIds: string[];
  since: number;
  until: number;
  offset: number;
  limit: number;
  total: boolean;
  timeZone: string | null;
  authorization: string | null;
  accept: string | null;
}

/** One `GET /incidents/{id}/alerts` request as PagerDuty received it. */
export interface RecordedAlertCall {
  incidentId: string;
  limit: string | null;
  sortBy: string | null;
  authorization: string | null;
  accept: string | null;
}

/**
 * An alert shaped like the documented `GET /incidents/{id}/alerts` item;
 * `details` is what the sender put in Events API v2 `custom_details`.
 */
export function alert(of: PagerDutyIncident, details: Record<string, unknown>) {
  return {
    id: `A${of.id}`,
    type: 'alert',
    summary: 'Checkout error rate above 5%',
    self: `https://api.pagerduty.com/incidents/${of.id}/alerts/A${of.id}`,
    html_url: `https://acme.pagerduty.com/alerts/A${of.id}`,
    created_at: of.created_at,
    status: of.status === 'resolved' ? 'resolved' : 'triggered',
    alert_key: 'baf7cf21b1da41b4b0221008339ff357',
    service: {
      id: of.service.id,
      type: 'service_reference',
      summary: 'Payments',
    },
    body: {
      type: 'alert_body',
      contexts: [{ type: 'link', href: 'https://grafana.acme.test/d/1' }],
      details,
      cef_details: { details, event_class: 'error-rate' },
    },
    incident: { id: of.id, type: 'incident_reference' },
    suppressed: false,
    severity: 'critical',
    integration: {
      id: 'PQ12345',
      type: 'events_api_v2_inbound_integration_reference',
      summary: 'Events API v2',
    },
  };
}

/** Answers instead of the fake's data, e.g. a 503; undefined: no fault. */
export type Fault = (call: RecordedCall) => Response | undefined;

export function incident(
  id: string,
  serviceId: string,
  createdAt: string,
  extra: Partial<PagerDutyIncident> = {},
): PagerDutyIncident {
  return {
    id,
    incident_number: 1,
    status: 'triggered',
    created_at: createdAt,
    last_status_change_at: createdAt,
    urgency: 'high',
    priority: null,
    service: { id: serviceId },
    ...extra,
  };
}

/**
 * PagerDuty's `GET /incidents` in memory, shaped like the documented
 * response: filters by `service_ids[]` and creation time, classic offset
 * pagination refusing offsets past 10,000, `total` only when asked for.
 */
export function fakePagerDuty(options?: {
  baseUrl?: string;
  delayMs?: number;
}) {
  const baseUrl = options?.baseUrl ?? 'https://api.pagerduty.com';
  const incidents: PagerDutyIncident[] = [];
  const calls: RecordedCall[] = [];
  const state: {
    fault?: Fault;
    alertFault?: (call: RecordedAlertCall) => Response | undefined;
  } = {};

  const handler = http.get(`${baseUrl}/incidents`, async ({ request }) => {
    const url = new URL(request.url);
    const call: RecordedCall = {
      origin: url.origin,
      serviceIds: url.searchParams.getAll('service_ids[]'),
      since: Date.parse(url.searchParams.get('since') ?? ''),
      until: Date.parse(url.searchParams.get('until') ?? ''),
      offset: Number(url.searchParams.get('offset') ?? 0),
      limit: Number(url.searchParams.get('limit') ?? 25),
      total: url.searchParams.get('total') === 'true',
      timeZone: url.searchParams.get('time_zone'),
      authorization: request.headers.get('authorization'),
      accept: request.headers.get('accept'),
    };
    calls.push(call);
    if (options?.delayMs) {
      await new Promise(resolve => setTimeout(resolve, options.delayMs));
    }
    const fault = state.fault?.(call);
    if (fault) return fault;
    if (call.authorization !== `Token token=${TOKEN}`) {
      return HttpResponse.json(
        { error: { message: 'Authentication failed', code: 2006 } },
        { status: 401 },
      );
    }
    if (call.offset + call.limit > 10_000) {
      return HttpResponse.json(
        { error: { message: 'Offset must be less than 10000', code: 2001 } },
        { status: 400 },
      );
    }
    const matching = incidents
      .filter(i => call.serviceIds.includes(i.service.id))
      .filter(i => {
        const at = Date.parse(i.created_at);
        return at >= call.since && at < call.until;
      })
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    const page = matching.slice(call.offset, call.offset + call.limit);
    return HttpResponse.json({
      incidents: page,
      limit: call.limit,
      offset: call.offset,
      more: call.offset + page.length < matching.length,
      total: call.total ? matching.length : null,
    });
  });

  /** Custom details of each incident's first alert, by incident id. */
  const alertDetails = new Map<string, Record<string, unknown>>();
  const alertCalls: RecordedAlertCall[] = [];
  const alertsHandler = http.get(
    `${baseUrl}/incidents/:id/alerts`,
    ({ request, params }) => {
      const url = new URL(request.url);
      const id = String(params.id);
      const call: RecordedAlertCall = {
        incidentId: id,
        limit: url.searchParams.get('limit'),
        sortBy: url.searchParams.get('sort_by'),
        authorization: request.headers.get('authorization'),
        accept: request.headers.get('accept'),
      };
      alertCalls.push(call);
      const fault = state.alertFault?.(call);
      if (fault) return fault;
      const found = incidents.find(i => i.id === id);
      if (!found) {
        return HttpResponse.json(
          { error: { message: 'Not Found', code: 2100 } },
          { status: 404 },
        );
      }
      const details = alertDetails.get(id);
      const alerts = details ? [alert(found, details)] : [];
      return HttpResponse.json({
        alerts,
        limit: Number(call.limit ?? 25),
        offset: 0,
        more: false,
        total: null,
      });
    },
  );

  return {
    handler,
    /** `GET /incidents/{id}/alerts`, for the first alert's details. */
    alertsHandler,
    alertDetails,
    alertCalls,
    incidents,
    calls,
    /** Makes later alert requests fail (or not) as `fault` decides. */
    setAlertFault(fault?: (call: RecordedAlertCall) => Response | undefined) {
      state.alertFault = fault;
    },
    /** Makes later requests fail (or not) as `fault` decides. */
    setFault(fault?: Fault) {
      state.fault = fault;
    },
  };
}
