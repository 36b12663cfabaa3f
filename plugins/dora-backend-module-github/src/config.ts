import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createEnvironmentMatcher } from './environmentMatcher';

const KEY = 'dora.providers.github';

/** Ten years: more is a typo, not a history. */
const MAX_LOOKBACK_DAYS = 3650;

/**
 * Where deployments come from: GitHub deployments and their statuses, or the
 * runs of one GitHub Actions workflow.
 *
 * @public
 */
export type GithubProviderMode = 'deployments' | 'workflowRuns';

/**
 * Bounds of the retries of every GitHub call (see `fetchWithRetry`).
 *
 * @public
 */
export interface GithubRetryConfig {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** Delay before the first retry of a 5xx or timeout. Default 500 ms. */
  baseDelayMs?: number;
  /** The longest single wait; a longer rate limit ends the run. Default 60 s. */
  maxDelayMs?: number;
}

/**
 * Settings of the GitHub provider, read from `dora.providers.github`.
 *
 * @public
 */
export interface GithubProviderConfig {
  /** False: the module adds no provider. Default true. */
  enabled: boolean;
  /** Host of the `integrations.github` entry to use, e.g. `github.com`. */
  host: string;
  /** Deployments and statuses, or runs of one workflow. */
  mode: GithubProviderMode;
  /** Workflow file name (e.g. `deploy.yml`) or id; workflowRuns mode only. */
  workflow?: string;
  /** Only runs on this branch count; workflowRuns mode only. */
  branch?: string;
  /** Environment names or `/regex/` patterns of production deployments. */
  environments: string[];
  /** Environment recorded for workflow runs. Default `production`. */
  workflowEnvironment: string;
  /** Signing secret of the webhook; without it there is no webhook route. */
  webhookSecret?: string;
  /** How far back the first sync of a repository reads. Default 90. */
  lookbackDays: number;
  /** Items per page of GitHub list calls, 1 to 100. Default 100. */
  pageSize: number;
  /** When the sync runs. Default every 10 minutes, 5-minute timeout. */
  schedule: Pick<
    SchedulerServiceTaskScheduleDefinition,
    'frequency' | 'timeout' | 'initialDelay'
  >;
  /** Retries of each GitHub call. */
  retry: GithubRetryConfig;
}

function invalid(key: string, expected: string): Error {
  return new Error(`Invalid config '${KEY}.${key}': ${expected}`);
}

/** Reads a value with a config getter, naming the key when the type is off. */
function read<T>(get: () => T, key: string, expected: string): T {
  try {
    return get();
  } catch {
    throw invalid(key, expected);
  }
}

function readMode(config: Config): GithubProviderMode {
  const mode = read(
    () => config.getOptional('mode'),
    'mode',
    "expected 'deployments' or 'workflowRuns'",
  );
  if (mode === undefined) return 'deployments';
  if (mode !== 'deployments' && mode !== 'workflowRuns') {
    throw invalid('mode', "expected 'deployments' or 'workflowRuns'");
  }
  return mode;
}

function readText(config: Config, key: string): string | undefined {
  const value = read(
    () => config.getOptionalString(key),
    key,
    'expected a string',
  );
  if (value !== undefined && !value.trim()) {
    throw invalid(key, 'expected a non-empty string');
  }
  return value?.trim();
}

function readWholeNumber(
  config: Config,
  key: string,
  min: number,
  max: number,
  name: string = key,
): number | undefined {
  const expected = `expected a whole number from ${min} to ${max}`;
  const value = read(() => config.getOptionalNumber(key), name, expected);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(name, `${expected}, got ${value}`);
  }
  return value;
}

function readEnvironments(root: Config, config: Config): string[] {
  const patterns = read(
    () => config.getOptionalStringArray('environments'),
    'environments',
    'expected a list of environment names or /regex/ patterns',
  ) ??
    root.getOptionalStringArray('dora.productionEnvironments') ?? [
      'production',
      'prod',
    ];
  if (patterns.length === 0) {
    throw invalid('environments', 'expected at least one environment');
  }
  try {
    createEnvironmentMatcher(patterns);
  } catch (error) {
    throw invalid('environments', (error as Error).message);
  }
  return patterns;
}

function readSchedule(config: Config): GithubProviderConfig['schedule'] {
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

function readRetry(config: Config): GithubRetryConfig {
  const retry = read(
    () => config.getOptionalConfig('retry'),
    'retry',
    'expected an object',
  );
  if (!retry) return {};
  const number = (key: string, min: number, max: number) =>
    readWholeNumber(retry, key, min, max, `retry.${key}`);
  return {
    maxAttempts: number('maxAttempts', 1, 20),
    baseDelayMs: number('baseDelayMs', 0, 600_000),
    maxDelayMs: number('maxDelayMs', 0, 3_600_000),
  };
}

function readHost(root: Config, config: Config): string {
  const host = readText(config, 'host') ?? 'github.com';
  if (!ScmIntegrations.fromConfig(root).github.byHost(host)) {
    throw invalid(
      'host',
      `expected the host of an 'integrations.github' entry, got '${host}'`,
    );
  }
  return host;
}

/**
 * Reads and validates `dora.providers.github`; `undefined` when the section
 * is absent (the module then does nothing). A malformed value fails naming
 * its key, never echoing a secret.
 *
 * @public
 */
export function readGithubProviderConfig(
  root: Config,
): GithubProviderConfig | undefined {
  const config = root.getOptionalConfig(KEY);
  if (!config) return undefined;
  const enabled = read(
    () => config.getOptionalBoolean('enabled'),
    'enabled',
    'expected true or false',
  );
  const mode = readMode(config);
  const workflow = readText(config, 'workflow');
  if (mode === 'workflowRuns' && !workflow) {
    throw invalid(
      'workflow',
      "expected the workflow file name (e.g. 'deploy.yml') or id in mode 'workflowRuns'",
    );
  }
  const webhookSecret = read(
    () => config.getOptionalString('webhookSecret'),
    'webhookSecret',
    'expected a string',
  );
  if (webhookSecret !== undefined && !webhookSecret.trim()) {
    throw invalid('webhookSecret', 'expected a non-empty secret');
  }
  return {
    enabled: enabled ?? true,
    host: readHost(root, config),
    mode,
    workflow,
    branch: readText(config, 'branch'),
    environments: readEnvironments(root, config),
    workflowEnvironment:
      readText(config, 'workflowEnvironment') ?? 'production',
    webhookSecret,
    lookbackDays:
      readWholeNumber(config, 'lookbackDays', 1, MAX_LOOKBACK_DAYS) ?? 90,
    pageSize: readWholeNumber(config, 'pageSize', 1, 100) ?? 100,
    schedule: readSchedule(config),
    retry: readRetry(config),
  };
}
