import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** Config path of the incident.io provider. */
const KEY = 'dora.providers.incidentIo';

/**
 * Settings of the incident.io provider, read from
 * `dora.providers.incidentIo`.
 *
 * @public
 */
export interface IncidentIoConfig {
  /** An incident.io API key that can view incidents. Never logged. */
  apiKey: string;
  /** Without a trailing slash; default `https://api.incident.io`. */
  baseUrl: string;
  /**
   * Name (or id) of the incident custom field naming the affected services;
   * default `Affected services`.
   */
  serviceField: string;
  /** How far back the first run reads incidents, in days. */
  lookbackDays: number;
  /** When the sync runs; default every 10 minutes, 5-minute timeout. */
  schedule: Pick<
    SchedulerServiceTaskScheduleDefinition,
    'frequency' | 'timeout' | 'initialDelay'
  >;
  /**
   * The webhook endpoint's signing secret (`whsec_...`); without it the
   * webhook route answers 404.
   */
  webhookSecret?: string;
}

const DEFAULT_SCHEDULE: IncidentIoConfig['schedule'] = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
};

const MAX_LOOKBACK_DAYS = 3650;

function invalid(key: string, expected: string): Error {
  return new Error(`Invalid config '${KEY}.${key}': ${expected}`);
}

function readString(config: Config, key: string): string | undefined {
  try {
    return config.getOptionalString(key)?.trim() || undefined;
  } catch {
    throw invalid(key, 'expected a string');
  }
}

function readBaseUrl(config: Config): string {
  const value = readString(config, 'baseUrl') ?? 'https://api.incident.io';
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalid('baseUrl', `expected an http(s) URL, got '${value}'`);
  }
  if (url.search || url.hash) {
    throw invalid('baseUrl', 'expected a URL without query or fragment');
  }
  return url.toString().replace(/\/+$/, '');
}

function readLookbackDays(config: Config): number {
  let days: number;
  try {
    days = config.getOptionalNumber('lookbackDays') ?? 90;
  } catch {
    throw invalid('lookbackDays', 'expected a number');
  }
  if (!Number.isInteger(days) || days < 1 || days > MAX_LOOKBACK_DAYS) {
    throw invalid(
      'lookbackDays',
      `expected a whole number from 1 to ${MAX_LOOKBACK_DAYS}, got ${days}`,
    );
  }
  return days;
}

function readSchedule(config: Config): IncidentIoConfig['schedule'] {
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

function readWebhookSecret(config: Config): string | undefined {
  const secret = readString(config, 'webhookSecret');
  if (secret === undefined) return undefined;
  const key = secret.replace(/^whsec_/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length < 16) {
    throw invalid(
      'webhookSecret',
      "expected the endpoint's signing secret, 'whsec_' followed by base64",
    );
  }
  return secret;
}

/**
 * Reads and validates `dora.providers.incidentIo`; `undefined` when the
 * block is absent (the module then adds no provider). A malformed value
 * fails naming its key; secrets never appear in an error.
 *
 * @public
 */
export function readIncidentIoConfig(
  config: Config,
): IncidentIoConfig | undefined {
  if (!config.has(KEY)) return undefined;
  const incidentIo = config.getConfig(KEY);
  const apiKey = readString(incidentIo, 'apiKey');
  if (!apiKey) {
    throw invalid('apiKey', 'expected an incident.io API key (required)');
  }
  return {
    apiKey,
    baseUrl: readBaseUrl(incidentIo),
    serviceField: readString(incidentIo, 'serviceField') ?? 'Affected services',
    lookbackDays: readLookbackDays(incidentIo),
    schedule: readSchedule(incidentIo),
    ...(readWebhookSecret(incidentIo) && {
      webhookSecret: readWebhookSecret(incidentIo),
    }),
  };
}
