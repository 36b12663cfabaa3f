import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

const KEY = 'dora.providers.pagerduty';

/**
 * PagerDuty's REST API in the US service region; EU accounts use
 * `https://api.eu.pagerduty.com`.
 *
 * @public
 */
export const PAGERDUTY_DEFAULT_BASE_URL = 'https://api.pagerduty.com';

/** Ten years: more is a typo, not a history. */
const MAX_LOOKBACK_DAYS = 3650;

/**
 * Settings of the PagerDuty provider, read from `dora.providers.pagerduty`.
 *
 * @public
 */
export interface PagerDutyConfig {
  /** REST API base URL without a trailing slash. */
  baseUrl: string;
  /** REST API key (read-only is enough). */
  token: string;
  /** Signing secrets of v3 webhook subscriptions; empty: no webhook route. */
  webhookSecrets: string[];
  /** How far back the first sync of a service reads. */
  lookbackDays: number;
  /** When the sync runs; default every 10 minutes, 5-minute timeout. */
  schedule: Pick<
    SchedulerServiceTaskScheduleDefinition,
    'frequency' | 'timeout' | 'initialDelay'
  >;
}

function invalid(key: string, expected: string): Error {
  return new Error(`Invalid config '${KEY}.${key}': ${expected}`);
}

function readBaseUrl(config: Config): string {
  const value =
    config.getOptionalString('baseUrl') ?? PAGERDUTY_DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('baseUrl', `expected an http(s) URL, got '${value}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid('baseUrl', `expected an http(s) URL, got '${value}'`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw invalid(
      'baseUrl',
      'expected a URL without credentials, query or fragment',
    );
  }
  return value.replace(/\/+$/, '');
}

function readToken(config: Config): string {
  const token = config.getOptionalString('token')?.trim();
  if (!token) {
    // Never echo the value: it is a secret.
    throw invalid('token', 'expected a PagerDuty REST API key');
  }
  return token;
}

function readWebhookSecrets(config: Config): string[] {
  let secrets: string[] | undefined;
  try {
    secrets = config.getOptionalStringArray('webhookSecrets');
  } catch {
    throw invalid('webhookSecrets', 'expected a list of signing secrets');
  }
  return (secrets ?? []).map((secret, index) => {
    if (!secret.trim()) {
      throw invalid(`webhookSecrets[${index}]`, 'expected a non-empty secret');
    }
    return secret;
  });
}

function readLookbackDays(config: Config): number {
  let days: number | undefined;
  try {
    days = config.getOptionalNumber('lookbackDays');
  } catch {
    throw invalid('lookbackDays', 'expected a number of days');
  }
  days ??= 180;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LOOKBACK_DAYS) {
    throw invalid(
      'lookbackDays',
      `expected a whole number from 1 to ${MAX_LOOKBACK_DAYS}, got ${days}`,
    );
  }
  return days;
}

function readSchedule(config: Config): PagerDutyConfig['schedule'] {
  const schedule = config.getOptionalConfig('schedule');
  if (!schedule) {
    return { frequency: { minutes: 10 }, timeout: { minutes: 5 } };
  }
  try {
    const { frequency, timeout, initialDelay } =
      readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
    return { frequency, timeout, ...(initialDelay && { initialDelay }) };
  } catch (error) {
    throw invalid('schedule', (error as Error).message);
  }
}

/**
 * Reads and validates `dora.providers.pagerduty`; `undefined` when the
 * section is absent (the module then does nothing). A malformed value fails
 * naming its key, never echoing a secret.
 *
 * @public
 */
export function readPagerDutyConfig(
  config: Config,
): PagerDutyConfig | undefined {
  const pagerduty = config.getOptionalConfig(KEY);
  if (!pagerduty) return undefined;
  return {
    baseUrl: readBaseUrl(pagerduty),
    token: readToken(pagerduty),
    webhookSecrets: readWebhookSecrets(pagerduty),
    lookbackDays: readLookbackDays(pagerduty),
    schedule: readSchedule(pagerduty),
  };
}
