import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { EnvironmentFilter } from './EnvironmentFilter';

const PREFIX = 'dora.providers.gitlab';
const MAX_LOOKBACK_DAYS = 3650;

/**
 * How vendor requests are retried; see `fetchWithRetry` in
 * `@paved-road/plugin-dora-node`.
 *
 * @public
 */
export interface GitlabRequestOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before the first retry of a 5xx or timeout, in milliseconds. */
  initialBackoffMs: number;
  /** Longest single wait, backoff or rate limit, in milliseconds. */
  maxWaitMs: number;
  /** Per-attempt timeout, in milliseconds. */
  timeoutMs: number;
}

/**
 * Settings of the GitLab DORA provider, read from `dora.providers.gitlab`
 * and the matching `integrations.gitlab` entry.
 *
 * @public
 */
export interface GitlabProviderConfig {
  /** Whether the provider is added at all. */
  enabled: boolean;
  /** GitLab host the projects live on, e.g. `gitlab.com`. */
  host: string;
  /** API base of that host, e.g. `https://gitlab.com/api/v4`. */
  apiBaseUrl: string;
  /** From `integrations.gitlab[].token`; never logged. */
  token?: string;
  /** Secret token of the Deployment events webhook; never logged. */
  webhookToken?: string;
  /** When the sync runs. */
  schedule: Pick<
    SchedulerServiceTaskScheduleDefinition,
    'frequency' | 'timeout' | 'initialDelay'
  >;
  /** How far back the first sync of a project goes. */
  lookbackDays: number;
  /** Which GitLab environments are ingested. */
  environments: EnvironmentFilter;
  /** Groups whose projects are also polled, to count unmatched ones. */
  groups: string[];
  /** Retries and timeouts of GitLab requests. */
  requests: GitlabRequestOptions;
}

function configError(key: string, expected: string): Error {
  const name = key ? `${PREFIX}.${key}` : PREFIX;
  return new Error(`Invalid config '${name}': ${expected}`);
}

/** Runs a Backstage config reader, naming our key in its error. */
function readOrFail<T>(key: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw configError(key, (e as Error).message);
  }
}

function readSchedule(config: Config | undefined) {
  const given = config?.getOptional('schedule');
  if (given !== undefined && (typeof given !== 'object' || given === null)) {
    throw configError('schedule', 'expected an object');
  }
  // Frequency and timeout have defaults here, unlike the Backstage reader.
  const merged = new ConfigReader({
    frequency: { minutes: 10 },
    timeout: { minutes: 5 },
    ...(given as object | undefined),
  });
  const { frequency, timeout, initialDelay } = readOrFail('schedule', () =>
    readSchedulerServiceTaskScheduleDefinitionFromConfig(merged),
  );
  return initialDelay
    ? { frequency, timeout, initialDelay }
    : { frequency, timeout };
}

function durationMs(
  config: Config | undefined,
  key: string,
  fallbackMs: number,
): number {
  if (!config?.has(key)) return fallbackMs;
  const d = readOrFail(`requests.${key}`, () =>
    readDurationFromConfig(config, { key }),
  );
  const days = (d.years ?? 0) * 365 + (d.months ?? 0) * 30 + (d.weeks ?? 0) * 7;
  return (
    (((days + (d.days ?? 0)) * 24 + (d.hours ?? 0)) * 60 + (d.minutes ?? 0)) *
      60_000 +
    (d.seconds ?? 0) * 1000 +
    (d.milliseconds ?? 0)
  );
}

function readRequests(config: Config | undefined): GitlabRequestOptions {
  const requests = readOrFail('requests', () =>
    config?.getOptionalConfig('requests'),
  );
  const maxAttempts = readOrFail('requests.maxAttempts', () =>
    requests?.getOptionalNumber('maxAttempts'),
  );
  if (
    maxAttempts !== undefined &&
    (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20)
  ) {
    throw configError(
      'requests.maxAttempts',
      `expected a whole number from 1 to 20, got ${maxAttempts}`,
    );
  }
  return {
    maxAttempts: maxAttempts ?? 5,
    initialBackoffMs: durationMs(requests, 'initialBackoff', 500),
    maxWaitMs: durationMs(requests, 'maxWait', 60_000),
    timeoutMs: durationMs(requests, 'timeout', 30_000),
  };
}

function readLookbackDays(config: Config | undefined): number {
  const days = readOrFail('lookbackDays', () =>
    config?.getOptionalNumber('lookbackDays'),
  );
  if (days === undefined) return 90;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LOOKBACK_DAYS) {
    throw configError(
      'lookbackDays',
      `expected a whole number from 1 to ${MAX_LOOKBACK_DAYS}, got ${days}`,
    );
  }
  return days;
}

function readOptionalString(config: Config | undefined, key: string) {
  const value = readOrFail(key, () => config?.getOptionalString(key));
  if (value !== undefined && value.trim() === '') {
    throw configError(key, 'expected a non-empty string');
  }
  return value;
}

function readIntegration(root: Config, host: string) {
  const integration = ScmIntegrations.fromConfig(root).gitlab.byHost(host);
  if (!integration) {
    throw configError(
      'host',
      `no 'integrations.gitlab' entry has host '${host}'`,
    );
  }
  return integration.config;
}

/**
 * Reads and validates `dora.providers.gitlab`; a malformed value fails at
 * start-up naming its key.
 *
 * @public
 */
export function readGitlabProviderConfig(root: Config): GitlabProviderConfig {
  const config = readOrFail('', () => root.getOptionalConfig(PREFIX));
  const enabled = readOrFail('enabled', () =>
    config?.getOptionalBoolean('enabled'),
  );
  const host = readOptionalString(config, 'host') ?? 'gitlab.com';
  const integration = readIntegration(root, host);
  const groups =
    readOrFail('groups', () => config?.getOptionalStringArray('groups')) ?? [];
  const environments = readOrFail('environments', () =>
    config?.getOptionalStringArray('environments'),
  );
  return {
    // Like the other providers: on once `dora.providers.gitlab` is present.
    enabled: enabled ?? config !== undefined,
    host: integration.host,
    apiBaseUrl: integration.apiBaseUrl.replace(/\/+$/, ''),
    token: integration.token,
    webhookToken: readOptionalString(config, 'webhookToken'),
    schedule: readSchedule(config),
    lookbackDays: readLookbackDays(config),
    environments: EnvironmentFilter.parse(
      environments ??
        root.getOptionalStringArray('dora.productionEnvironments') ?? [
          'production',
          'prod',
        ],
      pattern => configError('environments', pattern),
    ),
    groups: groups.map((group, index) => {
      if (!group.trim()) {
        throw configError(`groups[${index}]`, 'expected a group path or id');
      }
      return group.trim();
    }),
    requests: readRequests(config),
  };
}
