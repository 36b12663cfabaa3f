import { DORA_MAX_INCIDENT_ATTRIBUTES } from '@paved-road/plugin-dora-common';

/** Bounds of `DoraIncidentEvent.attributes`, as the DORA backend checks them. */
const MAX_NAME = 64;
const MAX_VALUE = 256;
const MAX_ITEMS = 50;

function boundedValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, MAX_VALUE) : undefined;
}

/**
 * Vendor fields as `DoraIncidentEvent.attributes`, kept within the bounds
 * the DORA backend accepts so that one odd incident never fails a batch:
 * values are trimmed and cut to 256 characters, lists to 50 distinct items;
 * empty values, names longer than 64 characters and names past the 20th
 * are left out. `undefined` when nothing is left.
 *
 * @public
 */
export function incidentAttributes(
  fields: Record<string, unknown>,
): Record<string, string | string[]> | undefined {
  const attributes: Record<string, string | string[]> = {};
  let count = 0;
  for (const [name, raw] of Object.entries(fields)) {
    if (count >= DORA_MAX_INCIDENT_ATTRIBUTES) break;
    if (!name || name.length > MAX_NAME) continue;
    let value: string | string[] | undefined;
    if (Array.isArray(raw)) {
      const items = [
        ...new Set(raw.map(boundedValue).filter(v => v !== undefined)),
      ];
      value = items.length > 0 ? items.slice(0, MAX_ITEMS) : undefined;
    } else {
      value = boundedValue(raw);
    }
    if (value === undefined) continue;
    attributes[name] = value;
    count += 1;
  }
  return count > 0 ? attributes : undefined;
}
