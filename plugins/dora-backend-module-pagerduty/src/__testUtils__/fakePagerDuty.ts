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
  const state: { fault?: Fault } = {};

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

  return {
    handler,
    incidents,
    calls,
    /** Makes later requests fail (or not) as `fault` decides. */
    setFault(fault?: Fault) {
      state.fault = fault;
    },
  };
}
