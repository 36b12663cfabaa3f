import { OpsgenieIncident, OpsgenieTimelineEntry } from './OpsgenieClient';

/** Statuses after which an Opsgenie incident no longer has impact. */
export function isFinished(incident: OpsgenieIncident): boolean {
  return incident.status === 'resolved' || incident.status === 'closed';
}

function latest(
  entries: OpsgenieTimelineEntry[],
  match: (type: string) => boolean,
): number | undefined {
  let found: number | undefined;
  for (const entry of entries) {
    const type = entry.type ?? '';
    const time = Date.parse(entry.eventTime ?? '');
    if (!match(type) || Number.isNaN(time)) continue;
    if (found === undefined || time > found) found = time;
  }
  return found;
}

/**
 * When an incident stopped having impact, as an ISO string; `null` while it
 * is open. Read from its timeline: the latest entry whose type names a
 * resolution (e.g. `IncidentResolved`), else the latest closing entry
 * (`IncidentClosed`), else the incident's `updatedAt`. Never before
 * `createdAt`, which the DORA backend would reject.
 */
export function resolvedAtOf(
  incident: OpsgenieIncident,
  timeline: OpsgenieTimelineEntry[],
): string | null {
  if (!isFinished(incident)) return null;
  const opened = Date.parse(incident.createdAt);
  const resolved =
    latest(
      timeline,
      type => /resolve/i.test(type) && !/unresolve/i.test(type),
    ) ??
    latest(timeline, type => /close/i.test(type) && !/reopen/i.test(type)) ??
    Date.parse(incident.updatedAt ?? '');
  if (Number.isNaN(resolved)) return new Date(opened).toISOString();
  return new Date(Math.max(resolved, opened)).toISOString();
}
