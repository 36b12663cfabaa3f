import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import { incidentAttributes } from '@paved-road/plugin-dora-node';
import { PagerDutyIncident } from './types';

/**
 * Event `source` of incidents from PagerDuty.
 *
 * @public
 */
export const PAGERDUTY_SOURCE = 'pagerduty';

/**
 * When a resolved incident was resolved: `resolved_at`, else the last status
 * change (which, for a resolved incident, is the resolution). Never before
 * the incident was opened, so clock skew cannot make a batch invalid.
 */
function resolvedAt(incident: PagerDutyIncident): string | null {
  if (incident.status !== 'resolved') return null;
  const at = incident.resolved_at ?? incident.last_status_change_at;
  if (!at) return null;
  return Date.parse(at) < Date.parse(incident.created_at)
    ? incident.created_at
    : at;
}

/** The priority's name (e.g. `P1`) when priorities are on, else urgency. */
function severity(incident: PagerDutyIncident): string | undefined {
  const priority = incident.priority?.summary?.trim();
  return priority || incident.urgency || undefined;
}

/**
 * The fields `dora.incidents.exclude` filters can match: `priority` (the
 * priority's name, e.g. `P1`, absent without one) and `urgency` (`high` or
 * `low`).
 */
function attributesOf(incident: PagerDutyIncident) {
  return incidentAttributes({
    priority: incident.priority?.summary ?? undefined,
    urgency: incident.urgency,
  });
}

/**
 * Turns a PagerDuty incident into DORA incident events, one per entity that
 * carries its service. The event id is the incident id; when a service
 * belongs to several entities, each gets its own event, with the entity ref
 * appended to the id so that none overwrites another. `deploymentId`, when
 * found in the incident's first alert, is set on each.
 *
 * @public
 */
export function toIncidentEvents(
  incident: PagerDutyIncident,
  entityRefs: string[],
  options: { deploymentId?: string } = {},
): DoraIncidentEvent[] {
  const attributes = attributesOf(incident);
  return entityRefs.map(entityRef => {
    const event: DoraIncidentEvent = {
      kind: 'incident',
      source: PAGERDUTY_SOURCE,
      id: entityRefs.length === 1 ? incident.id : `${incident.id}/${entityRef}`,
      entityRef,
      openedAt: incident.created_at,
      resolvedAt: resolvedAt(incident),
    };
    const level = severity(incident);
    if (level) event.severity = level;
    if (options.deploymentId) event.deploymentId = options.deploymentId;
    if (attributes) event.attributes = attributes;
    return event;
  });
}
