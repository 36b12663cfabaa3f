import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** Config path of the Opsgenie provider. */
const KEY = 'dora.providers.opsgenie';

/**
 * The Opsgenie API in the US (default) and EU regions.
 *
 * @public
 */
export const OPSGENIE_BASE_URLS = {
  us: 'https://api.opsgenie.com',
  eu: 'https://api.eu.opsgenie.com',
} as const;

/**
 * Settings of the Opsgenie provider, read from `dora.providers.opsgenie`.
 *
 * @public
 */
export interface OpsgenieConfig {
  /** An Opsgenie API integration key with read access. Never logged. */
  apiKey: string;
  /** Without a trailing slash, e.g. `https://api.eu.opsgenie.com`. */
  baseUrl: string;
  /** How far back the first run reads incidents, in days. */
  lookbackDays: number;
  /** When the sync runs; default every 10 minutes, 5-minute timeout. */
  schedule: Pick<
    SchedulerServiceTaskScheduleDefinition,
    'frequency' | 'timeout' | 'initialDelay'
  >;
}

const DEFAULT_SCHEDULE: OpsgenieConfig['schedule'] = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
};

/** At most ten years: more is a typo. */
const MAX_LOOKBACK_DAYS = 3650;

function invalid(key: string, expected: string): Error {
  return new Error(`Invalid config '${KEY}.${key}': ${expected}`);
}

function readBaseUrl(config: Config): string {
  const value = config.getOptionalString('baseUrl') ?? OPSGENIE_BASE_URLS.us;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('baseUrl', `expected an http(s) URL, got '${value}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid('baseUrl', `expected an http(s) URL, got '${value}'`);
  }
  if (url.search || url.hash) {
    throw invalid('baseUrl', 'expected a URL without query or fragment');
  }
  return url.toString().replace(/\/+$/, '');
}

function readLookbackDays(config: Config): number {
  const days = config.getOptionalNumber('lookbackDays') ?? 90;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LOOKBACK_DAYS) {
    throw invalid(
      'lookbackDays',
      `expected a whole number from 1 to ${MAX_LOOKBACK_DAYS}, got ${days}`,
    );
  }
  return days;
}

function readSchedule(config: Config): OpsgenieConfig['schedule'] {
  if (!config.has('schedule')) return DEFAULT_SCHEDULE;
  try {
    const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig('schedule'),
    );
    return {
      frequency: schedule.frequency,
      timeout: schedule.timeout,
      // Left out when unset, so the DORA backend's default applies.
      ...(schedule.initialDelay && { initialDelay: schedule.initialDelay }),
    };
  } catch (error) {
    throw invalid('schedule', (error as Error).message);
  }
}

/**
 * Reads and validates `dora.providers.opsgenie`; `undefined` when the block
 * is absent (the module then adds no provider). A malformed value fails
 * naming its key; the API key itself never appears in an error.
 *
 * @public
 */
export function readOpsgenieConfig(config: Config): OpsgenieConfig | undefined {
  if (!config.has(KEY)) return undefined;
  const opsgenie = config.getConfig(KEY);
  let apiKey: string | undefined;
  try {
    apiKey = opsgenie.getOptionalString('apiKey')?.trim();
  } catch {
    throw invalid('apiKey', 'expected a string');
  }
  if (!apiKey) {
    throw invalid('apiKey', 'expected an Opsgenie API key (required)');
  }
  return {
    apiKey,
    baseUrl: readBaseUrl(opsgenie),
    lookbackDays: readLookbackDays(opsgenie),
    schedule: readSchedule(opsgenie),
  };
}
