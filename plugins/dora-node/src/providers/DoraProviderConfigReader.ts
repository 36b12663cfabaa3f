import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { DoraProviderSchedule } from '../extensions';
import { attempt, invalidConfig, readWholeNumber } from './configValues';
import { EnvironmentMatcher } from './EnvironmentMatcher';
import {
  DoraProviderRequestOptions,
  readRequestOptions,
} from './readRequestOptions';

/** Ten years: more is a typo, not a history. */
const MAX_LOOKBACK_DAYS = 3650;

const DEFAULT_SCHEDULE: DoraProviderSchedule = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
};

/**
 * Reads one provider's section of the configuration, e.g.
 * `dora.providers.pagerduty`, with the settings every provider shares:
 * `schedule`, `lookbackDays`, `baseUrl`, `requests` and `environments`.
 * A malformed value fails with `Invalid config '<full key>': <expected>`,
 * never echoing a value that may be a secret.
 *
 * @public
 */
export class DoraProviderConfigReader {
  /**
   * Reads the section at `key`; it may be absent (see `present`). A logger
   * receives the warnings about deprecated keys.
   */
  static fromConfig(
    root: Config,
    options: { key: string; logger?: LoggerService },
  ): DoraProviderConfigReader {
    const section = attempt(options.key, 'expected an object', () =>
      root.getOptionalConfig(options.key),
    );
    return new DoraProviderConfigReader(
      root,
      section ?? new ConfigReader({}),
      section !== undefined,
      options,
    );
  }

  private constructor(
    /** The whole configuration, for settings outside the section. */
    readonly root: Config,
    /** The provider's section; empty when absent. */
    readonly config: Config,
    /** Whether the section is in the configuration at all. */
    readonly present: boolean,
    private readonly options: { key: string; logger?: LoggerService },
  ) {}

  /** The error for a malformed `<section>.<key>`. */
  invalid(key: string, expected: string): Error {
    return invalidConfig(`${this.options.key}.${key}`, expected);
  }

  /** Runs a config getter, turning its type error into `invalid(key, expected)`. */
  read<T>(key: string, expected: string, get: (config: Config) => T): T {
    return attempt(`${this.options.key}.${key}`, expected, () =>
      get(this.config),
    );
  }

  /** `true`, `false` or `undefined`. */
  optionalBoolean(key: string): boolean | undefined {
    return this.read(key, 'expected true or false', c =>
      c.getOptionalBoolean(key),
    );
  }

  /**
   * A trimmed, non-empty string, or `undefined`. Safe for secrets: the
   * value never appears in an error.
   */
  optionalString(
    key: string,
    options: { allowBlank?: boolean } = {},
  ): string | undefined {
    const value = this.read(key, 'expected a string', c =>
      c.getOptionalString(key),
    );
    if (value !== undefined && !value.trim() && !options.allowBlank) {
      throw this.invalid(key, 'expected a non-empty string');
    }
    return value?.trim() || undefined;
  }

  /**
   * A required, trimmed string, e.g. an API key; `expected` says what is
   * missing. Safe for secrets: the value never appears in an error.
   */
  requiredString(key: string, expected: string): string {
    const value = this.optionalString(key, { allowBlank: true });
    if (!value) throw this.invalid(key, expected);
    return value;
  }

  /** A whole number in [min, max], or `undefined`. */
  optionalWholeNumber(
    key: string,
    bounds: { min: number; max: number },
  ): number | undefined {
    return readWholeNumber(
      this.config,
      key,
      `${this.options.key}.${key}`,
      bounds,
    );
  }

  /** When the sync runs; given keys override every 10 minutes, 5-minute timeout. */
  schedule(): DoraProviderSchedule {
    const expected =
      'expected a task schedule like { frequency: { minutes: 10 }, timeout: { minutes: 5 } }';
    const given = this.read('schedule', expected, c =>
      c.getOptional<JsonObject>('schedule'),
    );
    if (given === undefined) return { ...DEFAULT_SCHEDULE };
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      throw this.invalid('schedule', expected);
    }
    let schedule;
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        new ConfigReader({ ...(DEFAULT_SCHEDULE as JsonObject), ...given }),
      );
    } catch (error) {
      throw this.invalid('schedule', (error as Error).message);
    }
    const { frequency, timeout, initialDelay } = schedule;
    // Left out when unset, so the DORA backend's default delay applies.
    return initialDelay
      ? { frequency, timeout, initialDelay }
      : { frequency, timeout };
  }

  /** How many days back the first sync reads: 1 to 3,650. */
  lookbackDays(options: { defaultDays: number }): number {
    return (
      this.optionalWholeNumber('lookbackDays', {
        min: 1,
        max: MAX_LOOKBACK_DAYS,
      }) ?? options.defaultDays
    );
  }

  /**
   * The vendor's API: an http(s) URL without credentials, query or
   * fragment, returned without a trailing slash.
   */
  baseUrl(options: { defaultUrl: string }): string {
    const value = this.optionalString('baseUrl') ?? options.defaultUrl;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      // A value with an '@' may carry a password: not echoed.
      const got = value.includes('@') ? '' : `, got '${value}'`;
      throw this.invalid('baseUrl', `expected an http(s) URL${got}`);
    }
    if (url.username || url.password || url.search || url.hash) {
      throw this.invalid(
        'baseUrl',
        'expected a URL without credentials, query or fragment',
      );
    }
    return url.toString().replace(/\/+$/, '');
  }

  /**
   * Retries and timeouts of vendor calls, from `requests.maxAttempts`,
   * `requests.initialBackoff`, `requests.maxWait` and `requests.timeout`
   * (durations such as `500ms` or `{ seconds: 30 }`). The deprecated
   * `retry.maxAttempts`, `retry.baseDelayMs` and `retry.maxDelayMs` still
   * apply when their replacement is unset, with a warning naming it.
   */
  requests(): DoraProviderRequestOptions {
    return readRequestOptions({
      section: this.config,
      key: this.options.key,
      logger: this.options.logger,
    });
  }

  /**
   * The environments whose deployments count: `<section>.environments`,
   * else `dora.productionEnvironments`, else `production` and `prod`.
   */
  environments(): EnvironmentMatcher {
    const own = this.read(
      'environments',
      'expected a list of environment names or /regex/ patterns',
      c => c.getOptionalStringArray('environments'),
    );
    const [key, patterns] = own
      ? [`${this.options.key}.environments`, own]
      : [
          'dora.productionEnvironments',
          attempt(
            'dora.productionEnvironments',
            'expected a list of environment names or /regex/ patterns',
            () =>
              this.root.getOptionalStringArray('dora.productionEnvironments'),
          ) ?? ['production', 'prod'],
        ];
    return EnvironmentMatcher.parse(
      patterns,
      `Invalid config '${key}'`,
      message => new Error(message),
    );
  }
}
