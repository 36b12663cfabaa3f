import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { attempt, invalidConfig, readWholeNumber } from './configValues';

/**
 * The `requests` settings of a provider in app-config, e.g.
 * `dora.providers.pagerduty.requests`; provider modules use it in their
 * `config.d.ts`.
 *
 * @public
 */
export interface DoraProviderRequestsConfig {
  /** Attempts per call in all, the first included, 1 to 20. Default: 5. */
  maxAttempts?: number;
  /**
   * First backoff after a 5xx or a timeout, e.g. `500ms` or
   * `{ seconds: 1 }`; doubles on each retry. Default: 500 ms.
   */
  initialBackoff?: HumanDuration | string;
  /**
   * Longest single wait; a rate limit asking for longer ends the run (the
   * next one resumes from the saved cursor). At most 1 hour. Default: 1 minute.
   */
  maxWait?: HumanDuration | string;
  /** Timeout of each attempt, at most 10 minutes. Default: 30 seconds. */
  timeout?: HumanDuration | string;
}

/**
 * How a provider calls its vendor: the options of `fetchWithRetry`, read
 * from the provider's `requests` settings.
 *
 * @public
 */
export interface DoraProviderRequestOptions {
  /** Attempts in all, the first included (`requests.maxAttempts`). */
  maxAttempts: number;
  /** First backoff after a 5xx or timeout, ms (`requests.initialBackoff`). */
  baseDelayMs: number;
  /** Longest single wait, backoff or rate limit, ms (`requests.maxWait`). */
  maxDelayMs: number;
  /** Per-attempt timeout, ms (`requests.timeout`). */
  timeoutMs: number;
}

/** The defaults of `fetchWithRetry`. */
const DEFAULT_REQUESTS: DoraProviderRequestOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  timeoutMs: 30_000,
};

/** `requests.<key>` durations: the option they set and their upper bound. */
const REQUEST_DURATIONS = [
  { name: 'initialBackoff', option: 'baseDelayMs', maxMs: 600_000 },
  { name: 'maxWait', option: 'maxDelayMs', maxMs: 3_600_000 },
  { name: 'timeout', option: 'timeoutMs', maxMs: 600_000 },
] as const;

/** Deprecated `retry.<key>` numbers (ms) and the `requests` key replacing them. */
const DEPRECATED_RETRY = [
  { name: 'maxAttempts', replacement: 'maxAttempts', min: 1, max: 20 },
  { name: 'baseDelayMs', replacement: 'initialBackoff', min: 0, max: 600_000 },
  { name: 'maxDelayMs', replacement: 'maxWait', min: 0, max: 3_600_000 },
] as const;

/**
 * Reads `<key>.requests` (and the deprecated `<key>.retry`) of a
 * provider's section; see `DoraProviderConfigReader.requests`.
 */
export function readRequestOptions(options: {
  section: Config;
  key: string;
  logger?: LoggerService;
}): DoraProviderRequestOptions {
  const { section, key } = options;
  const values = { ...DEFAULT_REQUESTS, ...readDeprecatedRetry(options) };
  const requests = attempt(`${key}.requests`, 'expected an object', () =>
    section.getOptionalConfig('requests'),
  );
  if (!requests) return values;
  const maxAttempts = readWholeNumber(
    requests,
    'maxAttempts',
    `${key}.requests.maxAttempts`,
    { min: 1, max: 20 },
  );
  if (maxAttempts !== undefined) values.maxAttempts = maxAttempts;
  for (const { name, option, maxMs } of REQUEST_DURATIONS) {
    if (!requests.has(name)) continue;
    const fullKey = `${key}.requests.${name}`;
    const expected = `expected a duration of at most ${durationText(
      maxMs,
    )}, e.g. '500ms' or { seconds: 30 }`;
    const ms = attempt(fullKey, expected, () =>
      durationToMilliseconds(readDurationFromConfig(requests, { key: name })),
    );
    if (!(ms >= 0 && ms <= maxMs) || (name === 'timeout' && ms === 0)) {
      throw invalidConfig(fullKey, expected);
    }
    values[option] = ms;
  }
  return values;
}

function readDeprecatedRetry(options: {
  section: Config;
  key: string;
  logger?: LoggerService;
}): Partial<DoraProviderRequestOptions> {
  const { section, key } = options;
  const retry = attempt(`${key}.retry`, 'expected an object', () =>
    section.getOptionalConfig('retry'),
  );
  if (!retry) return {};
  const values: Partial<DoraProviderRequestOptions> = {};
  for (const old of DEPRECATED_RETRY) {
    if (!retry.has(old.name)) continue;
    options.logger?.warn(
      `Config '${key}.retry.${old.name}' is deprecated; use '${key}.requests.${old.replacement}' instead`,
    );
    values[old.name] = readWholeNumber(
      retry,
      old.name,
      `${key}.retry.${old.name}`,
      { min: old.min, max: old.max },
    );
  }
  return values;
}

function durationText(ms: number): string {
  return ms >= 3_600_000 ? `${ms / 3_600_000} hour` : `${ms / 60_000} minutes`;
}
