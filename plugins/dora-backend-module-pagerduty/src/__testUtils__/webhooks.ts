import { createHmac } from 'node:crypto';

export const SECRET_OLD = 'whsec-old-0001';
export const SECRET_NEW = 'whsec-new-0002';

let nextEventId = 1;

/**
 * A v3 webhook delivery shaped like PagerDuty's documented payload; each
 * call is a new event (a new `event.id`) unless `eventId` is given.
 */
export function incidentDelivery(options: {
  eventId?: string;
  type?: string;
  incidentId?: string;
  serviceId?: string;
  status?: string;
  createdAt?: string;
  occurredAt?: string;
  priority?: string;
  urgency?: 'high' | 'low';
}) {
  return {
    event: {
      id: options.eventId ?? `01DEN4HPBQAMGYGPGL8MR7Z${nextEventId++}`,
      event_type: options.type ?? 'incident.triggered',
      resource_type: 'incident',
      occurred_at: options.occurredAt ?? '2026-11-20T10:05:00.000Z',
      agent: null,
      client: null,
      data: {
        id: options.incidentId ?? 'Q1WEB',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/Q1WEB',
        html_url: 'https://acme.pagerduty.com/incidents/Q1WEB',
        number: 42,
        status: options.status ?? 'triggered',
        incident_key: 'abc',
        created_at: options.createdAt ?? '2026-11-20T10:00:00.000Z',
        title: 'Checkout is down',
        service: {
          html_url: 'https://acme.pagerduty.com/services/PPAY001',
          id: options.serviceId ?? 'PPAY001',
          self: 'https://api.pagerduty.com/services/PPAY001',
          summary: 'Payments',
          type: 'service_reference',
        },
        assignees: [],
        escalation_policy: null,
        teams: [],
        priority: options.priority
          ? {
              html_url:
                'https://acme.pagerduty.com/account/incident_priorities',
              id: 'PRIO1',
              self: 'https://api.pagerduty.com/priorities/PRIO1',
              summary: options.priority,
              type: 'priority_reference',
            }
          : null,
        urgency: options.urgency ?? 'high',
        conference_bridge: null,
        resolve_reason: null,
      },
    },
  };
}

export function sign(secret: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
