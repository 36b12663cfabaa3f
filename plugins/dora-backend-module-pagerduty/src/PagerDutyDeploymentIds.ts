import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyAlert } from './types';

/** Incidents whose answer is remembered, oldest forgotten first. */
const CACHE_SIZE = 10_000;
/** The DORA backend's longest id. */
const MAX_ID = 256;

/**
 * The value at `field` of an alert's custom details: the key as written,
 * else (for a dotted key) the nested path. Strings and numbers only;
 * anything else (an object, an empty string) is no id.
 */
export function deploymentIdOf(
  alert: PagerDutyAlert | undefined,
  field: string,
): string | undefined {
  const details = alert?.body?.details;
  if (typeof details !== 'object' || details === null) return undefined;
  let value: unknown = (details as Record<string, unknown>)[field];
  if (value === undefined && field.includes('.')) {
    value = field
      .split('.')
      .reduce<unknown>(
        (at, key) =>
          typeof at === 'object' && at !== null
            ? (at as Record<string, unknown>)[key]
            : undefined,
        details,
      );
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return id && id.length <= MAX_ID ? id : undefined;
}

/**
 * Finds the deployment id of incidents in their first alert's custom
 * details (`deploymentIdField`): one `GET /incidents/{id}/alerts?limit=1`
 * per incident, retried like every PagerDuty request. A first alert does
 * not change, so answers (also "none") are remembered for the last 10,000
 * incidents: an open incident re-read on every run costs one request only.
 */
export class PagerDutyDeploymentIds {
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly options: { client: PagerDutyClient; field: string },
  ) {}

  async lookup(
    incidentId: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const cached = this.cache.get(incidentId);
    if (cached !== undefined) return cached ?? undefined;
    const alert = await this.options.client.firstAlert({ incidentId, signal });
    const id = deploymentIdOf(alert, this.options.field);
    this.cache.set(incidentId, id ?? null);
    if (this.cache.size > CACHE_SIZE) {
      this.cache.delete(this.cache.keys().next().value!);
    }
    return id;
  }
}
