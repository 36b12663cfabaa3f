import { http, HttpResponse } from 'msw';
import { IncidentIoIncident } from '../types';

/** A request the fake incident.io received. */
export interface RecordedRequest {
  url: URL;
  authorization: string | null;
}

/**
 * An in-memory incident.io account behind msw, shaped like the documented
 * `GET /v2/incidents`: newest first, `updated_at[gte]` (a date), `page_size`,
 * `after` (an incident id) and `pagination_meta.after`. `intercept` may
 * answer a request instead (429, 5xx ...).
 */
export function fakeIncidentIo(options: { baseUrl: string; apiKey: string }) {
  const account = {
    incidents: [] as IncidentIoIncident[],
    requests: [] as RecordedRequest[],
    intercept: undefined as undefined | ((url: URL) => Response | undefined),
  };
  const handlers = [
    http.get(`${options.baseUrl}/v2/incidents`, ({ request }) => {
      const url = new URL(request.url);
      const authorization = request.headers.get('authorization');
      account.requests.push({ url, authorization });
      if (authorization !== `Bearer ${options.apiKey}`) {
        return HttpResponse.json(
          { type: 'authentication_error', status: 401 },
          { status: 401 },
        );
      }
      const intercepted = account.intercept?.(url);
      if (intercepted) return intercepted;
      const from = Date.parse(url.searchParams.get('updated_at[gte]') ?? '');
      const size = Number(url.searchParams.get('page_size') ?? 25);
      const all = account.incidents
        .filter(i => Number.isNaN(from) || Date.parse(i.updated_at) >= from)
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
      const after = url.searchParams.get('after');
      const start = after ? all.findIndex(i => i.id === after) + 1 : 0;
      const incidents = all.slice(start, start + size);
      const more = start + size < all.length;
      return HttpResponse.json({
        incidents,
        pagination_meta: {
          page_size: size,
          total_record_count: all.length,
          ...(more && { after: incidents[incidents.length - 1].id }),
        },
      });
    }),
  ];
  return { account, handlers };
}

/** A documented `incident_type` object, e.g. `Default` or `Security`. */
export function incidentType(name: string) {
  return {
    id: `it-${name.toLowerCase()}`,
    name,
    description: `${name} incidents`,
    is_default: name === 'Default',
    private_incidents_only: false,
    create_in_triage: 'optional',
  };
}

/**
 * A text custom field entry as documented (`custom_field_entries[]`), e.g.
 * a `Deployment` field a responder fills in.
 */
export function textField(name: string, text: string) {
  return {
    custom_field: {
      id: `cf-${name.toLowerCase()}`,
      name,
      description: `${name} of the incident`,
      field_type: 'text',
      options: [],
    },
    values: [{ value_text: text }],
  };
}

/** A single-select custom field entry with one chosen option. */
export function selectField(name: string, option: string) {
  return {
    custom_field: {
      id: `cf-${name.toLowerCase()}`,
      name,
      description: `${name} of the incident`,
      field_type: 'single_select',
      options: [],
    },
    values: [
      {
        value_option: {
          id: `opt-${option}`,
          custom_field_id: `cf-${name.toLowerCase()}`,
          sort_key: 10,
          value: option,
        },
      },
    ],
  };
}

/** An incident affecting the `Payments` catalog entry, resolved an hour in. */
export function incident(
  id: string,
  createdAt: number,
  overrides: Partial<IncidentIoIncident> & {
    services?: string[];
    /** More custom field entries, e.g. `textField('Deployment', 'd-1')`. */
    fields?: IncidentIoIncident['custom_field_entries'];
  } = {},
): IncidentIoIncident {
  const { services = ['Payments'], fields = [], ...rest } = overrides;
  return {
    id,
    reference: `INC-${id}`,
    name: `Incident ${id}`,
    mode: 'standard',
    incident_status: { id: 'st-closed', name: 'Closed', category: 'closed' },
    severity: { id: 'sev-2', name: 'Major' },
    incident_type: incidentType('Default'),
    created_at: new Date(createdAt).toISOString(),
    updated_at: new Date(createdAt + 2 * 3_600_000).toISOString(),
    incident_timestamp_values: [
      {
        incident_timestamp: { id: 'ts-res', name: 'Resolved at' },
        value: { value: new Date(createdAt + 3_600_000).toISOString() },
      },
    ],
    custom_field_entries: [
      {
        custom_field: {
          id: 'cf-services',
          name: 'Affected services',
          field_type: 'multi_select',
        },
        values: services.map(name => ({
          value_catalog_entry: {
            id: `ce-${name.toLowerCase()}`,
            name,
            external_id: `ext-${name.toLowerCase()}`,
          },
        })),
      },
      ...fields,
    ],
    ...rest,
  };
}
