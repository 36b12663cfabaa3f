import { DoraLinkRule, DoraUnlinkedReason } from './metrics';

/**
 * One incident with how it was attributed, as listed by
 * `GET /api/dora/incidents`.
 *
 * @public
 */
export interface DoraIncidentEvidence {
  /** The tool that reported the incident. */
  source: string;
  /** Id of the incident within its source. */
  id: string;
  /** Catalog entity affected. */
  entityRef: string;
  /** When the incident was opened, ISO 8601. */
  openedAt: string;
  /** When the incident was resolved, ISO 8601, or null while open. */
  resolvedAt: string | null;
  /** Severity as named by the source, or null. */
  severity: string | null;
  /** The deployment it is linked to and by which rule, or null. */
  link: {
    rule: DoraLinkRule;
    deployment: { source: string; id: string };
  } | null;
  /** Why it is linked to no deployment; null when linked. */
  unlinkedReason: DoraUnlinkedReason | null;
}

/**
 * Response of `GET /api/dora/incidents`, newest first; pass `nextCursor`
 * back as `cursor` for the next page.
 *
 * @public
 */
export interface DoraIncidentsPage {
  /** Incidents of this page, newest first. */
  items: DoraIncidentEvidence[];
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}
