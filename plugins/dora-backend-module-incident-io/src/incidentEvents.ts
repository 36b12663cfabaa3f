import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import { EntityAnnotationIndex } from '@paved-road/plugin-dora-node';
import { IncidentIoIncident } from './types';

/** Provider id and event `source`. */
export const SOURCE = 'incident-io';

/** Modes that are not real incidents. */
const EXCLUDED_MODES = new Set(['test', 'tutorial']);
/**
 * Status categories that are not (or not yet) an incident with impact:
 * declined, merged into another, canceled, or still being triaged.
 */
const EXCLUDED_CATEGORIES = new Set([
  'triage',
  'declined',
  'merged',
  'canceled',
]);
/** Categories after which the impact is over. */
const RESOLVED_CATEGORIES = new Set(['learning', 'post-incident', 'closed']);

/** What became of one incident. */
export type IncidentOutcome =
  | { kind: 'excluded'; reason: string }
  | { kind: 'unmatched' }
  | { kind: 'matched'; events: DoraIncidentEvent[] };

function timestamp(incident: IncidentIoIncident, name: string): number {
  const entry = incident.incident_timestamp_values?.find(
    t => t.incident_timestamp?.name?.trim().toLowerCase() === name,
  );
  return Date.parse(entry?.value?.value ?? '');
}

/**
 * When the incident's impact ended, or `null` while it is open. Resolved
 * once its status category is post-incident (`learning`) or `closed`; the
 * time is its `Resolved at` timestamp, else `Closed at`, else `updated_at`.
 */
export function resolvedAtOf(incident: IncidentIoIncident): number | null {
  if (!RESOLVED_CATEGORIES.has(incident.incident_status?.category)) {
    return null;
  }
  for (const candidate of [
    timestamp(incident, 'resolved at'),
    timestamp(incident, 'closed at'),
    Date.parse(incident.updated_at),
  ]) {
    if (!Number.isNaN(candidate)) return candidate;
  }
  return null;
}

/** The values of the service field: catalog entry names, ids, aliases ... */
function serviceValues(incident: IncidentIoIncident, field: string): string[] {
  const wanted = field.trim().toLowerCase();
  const values: string[] = [];
  for (const entry of incident.custom_field_entries ?? []) {
    const { id, name } = entry.custom_field ?? {};
    if (id !== field && name?.trim().toLowerCase() !== wanted) continue;
    for (const value of entry.values ?? []) {
      const catalog = value.value_catalog_entry;
      if (catalog) {
        values.push(catalog.name, catalog.id, ...(catalog.aliases ?? []));
        if (catalog.external_id) values.push(catalog.external_id);
      }
      if (value.value_option?.value) values.push(value.value_option.value);
      if (value.value_text) values.push(...value.value_text.split(','));
    }
  }
  return values.filter(Boolean);
}

/**
 * Turns an incident into events, one per matched entity, or says why
 * there are none.
 */
export function incidentOutcome(
  incident: IncidentIoIncident,
  options: { index: EntityAnnotationIndex; serviceField: string },
): IncidentOutcome {
  if (EXCLUDED_MODES.has(incident.mode)) {
    return { kind: 'excluded', reason: `mode ${incident.mode}` };
  }
  const category = incident.incident_status?.category;
  if (EXCLUDED_CATEGORIES.has(category)) {
    return { kind: 'excluded', reason: `status ${category}` };
  }
  const refs = new Set<string>();
  for (const value of serviceValues(incident, options.serviceField)) {
    for (const ref of options.index.lookup(value)) refs.add(ref);
  }
  const created = Date.parse(incident.created_at);
  if (refs.size === 0 || Number.isNaN(created)) return { kind: 'unmatched' };
  const reported = timestamp(incident, 'reported at');
  const opened = Number.isNaN(reported) ? created : reported;
  const resolved = resolvedAtOf(incident);
  const events = [...refs].sort().map(
    (entityRef): DoraIncidentEvent => ({
      kind: 'incident',
      source: SOURCE,
      // One event per incident and entity: an incident affecting two
      // services of two entities counts for both.
      id: `${incident.id}:${entityRef}`,
      entityRef,
      openedAt: new Date(opened).toISOString(),
      resolvedAt:
        resolved === null
          ? null
          : new Date(Math.max(resolved, opened)).toISOString(),
      ...(incident.severity?.name && { severity: incident.severity.name }),
    }),
  );
  return { kind: 'matched', events };
}
