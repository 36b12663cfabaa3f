import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';

/**
 * The example app's components, used when `dora.demo.entities` is not set.
 *
 * @public
 */
export const DEFAULT_DEMO_ENTITIES: readonly string[] = [
  'component:default/payments-api',
  'component:default/ledger',
  'component:default/checkout-web',
  'component:default/deploy-reporter',
  'component:default/search-service',
  'component:default/inventory-service',
];

/** At most ten years of history: more is a typo, not a demo. */
const MAX_DAYS = 3650;

/**
 * Settings of the demo data provider, read from `dora.demo`.
 *
 * @public
 */
export interface DemoConfig {
  /** Whether the demo provider runs (`dora.demo.enabled`). Default: false. */
  enabled: boolean;
  /** Normalized entity refs, e.g. `component:default/ledger`. */
  entities: string[];
  /** Days of history to generate, 1 to 3650 (`dora.demo.days`). Default: 365. */
  days: number;
}

function readEntities(config: Config | undefined): string[] {
  const key = 'dora.demo.entities';
  const refs = config?.getOptionalStringArray('entities');
  if (refs === undefined) return [...DEFAULT_DEMO_ENTITIES];
  if (refs.length === 0) {
    throw new Error(
      `Invalid config '${key}': expected at least one entity ref`,
    );
  }
  const normalized = refs.map((ref, index) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US');
    } catch {
      throw new Error(
        `Invalid config '${key}[${index}]': expected an entity ref like component:default/name, got '${ref}'`,
      );
    }
  });
  return [...new Set(normalized)];
}

function readDays(config: Config | undefined): number {
  const days = config?.getOptionalNumber('days') ?? 365;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new Error(
      `Invalid config 'dora.demo.days': expected a whole number from 1 to ${MAX_DAYS}, got ${days}`,
    );
  }
  return days;
}

/**
 * Reads and validates `dora.demo`; a malformed value fails naming its key.
 *
 * @public
 */
export function readDemoConfig(config: Config): DemoConfig {
  const demo = config.getOptionalConfig('dora.demo');
  const enabled = demo?.getOptionalBoolean('enabled') ?? false;
  // Validated even when disabled, so a typo shows before someone turns it on.
  return { enabled, entities: readEntities(demo), days: readDays(demo) };
}
