import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import { EntityAnnotationIndex } from '@paved-road/plugin-dora-node';
import { incidentAttributes } from '@paved-road/plugin-dora-node';
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

/** The DORA backend's longest id. */
const MAX_ID = 256;

/** The incident's entries of a custom field, matched by id or name. */
function fieldEntries(incident: IncidentIoIncident, field: string) {
  const wanted = field.trim().toLowerCase();
  return (incident.custom_field_entries ?? []).filter(entry => {
    const { id, name } = entry.custom_field ?? {};
    return id === field || name?.trim().toLowerCase() === wanted;
  });
}

/**
 * The deployment id in the custom field `field` (matched by id or name,
 * like the service field): its first text value, else its option's value,
 * else its number. `undefined` when the incident has none.
 */
export function deploymentIdOf(
  incident: IncidentIoIncident,
  field: string,
): string | undefined {
  for (const entry of fieldEntries(incident, field)) {
    for (const value of entry.values ?? []) {
      const candidate = [
        value.value_text,
        value.value_option?.value,
        value.value_numeric,
      ]
        .find(v => typeof v === 'string' && v.trim())
        ?.trim();
      if (candidate && candidate.length <= MAX_ID) return candidate;
    }
  }
  return undefined;
}

/**
 * The fields `dora.incidents.exclude` filters can match: `incidentType`
 * (the incident type's name, on accounts using types) and `mode`
 * (`standard` or `retrospective`; test and tutorial incidents are never
 * stored).
 */
function attributesOf(incident: IncidentIoIncident) {
  return incidentAttributes({
    incidentType: incident.incident_type?.name,
    mode: incident.mode,
  });
}

/** The values of the service field: catalog entry names, ids, aliases ... */
function serviceValues(incident: IncidentIoIncident, field: string): string[] {
  const values: string[] = [];
  for (const entry of fieldEntries(incident, field)) {
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
  options: {
    index: EntityAnnotationIndex;
    serviceField: string;
    /** The custom field holding the deployment id, if configured. */
    deploymentIdField?: string;
  },
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
  const deploymentId = options.deploymentIdField
    ? deploymentIdOf(incident, options.deploymentIdField)
    : undefined;
  const attributes = attributesOf(incident);
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
      ...(deploymentId && { deploymentId }),
      ...(attributes && { attributes }),
    }),
  );
  return { kind: 'matched', events };
}
