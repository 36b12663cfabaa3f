/**
 * The fields of a PagerDuty incident this module reads, as returned by
 * `GET /incidents` (REST API v2) and, mostly, in v3 webhook payloads.
 *
 * @public
 */
export interface PagerDutyIncident {
  id: string;
  incident_number?: number;
  status: 'triggered' | 'acknowledged' | 'resolved' | string;
  created_at: string;
  last_status_change_at?: string;
  resolved_at?: string | null;
  urgency?: 'high' | 'low' | string;
  priority?: { summary?: string | null } | null;
  service: { id: string };
}

/**
 * One page of `GET /incidents` (classic offset pagination).
 *
 * @public
 */
export interface PagerDutyIncidentsPage {
  incidents: PagerDutyIncident[];
  limit: number;
  offset: number;
  more: boolean;
  /** Only filled when asked for with `total=true`. */
  total: number | null;
}

/**
 * The fields of a PagerDuty alert this module reads, as returned by
 * `GET /incidents/{id}/alerts` (REST API v2). `body.details` holds the
 * custom details the sender attached (Events API v2
 * `payload.custom_details`).
 *
 * @public
 */
export interface PagerDutyAlert {
  id: string;
  created_at?: string;
  body?: { type?: string; details?: unknown } | null;
}
