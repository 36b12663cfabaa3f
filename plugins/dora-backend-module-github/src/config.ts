import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  DoraProviderConfigReader,
  DoraProviderRequestOptions,
  DoraProviderSchedule,
  EnvironmentMatcher,
} from '@paved-road/plugin-dora-node';

const KEY = 'dora.providers.github';

/**
 * Where deployments come from: GitHub deployments and their statuses, or the
 * runs of one GitHub Actions workflow.
 *
 * @public
 */
export type GithubProviderMode = 'deployments' | 'workflowRuns';

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
  /** The production environments of deployments mode. */
  environments: EnvironmentMatcher;
  /** Environment recorded for workflow runs. Default `production`. */
  workflowEnvironment: string;
  /**
   * Signing secrets of the webhook (`webhookSecret` and `webhookSecrets`);
   * several while one is rotated. Empty: no webhook route.
   */
  webhookSecrets: string[];
  /**
   * Whether the sync also turns completed workflow runs (of every workflow)
   * into build events. Default false.
   */
  builds: boolean;
  /** How far back the first sync of a repository reads. Default 90. */
  lookbackDays: number;
  /** Items per page of GitHub list calls, 1 to 100. Default 100. */
  pageSize: number;
  /** When the sync runs. Default every 10 minutes, 5-minute timeout. */
  schedule: DoraProviderSchedule;
  /** Retries and timeouts of each GitHub call. */
  requests: DoraProviderRequestOptions;
}

function readMode(reader: DoraProviderConfigReader): GithubProviderMode {
  const expected = "expected 'deployments' or 'workflowRuns'";
  const mode = reader.read('mode', expected, c => c.getOptional('mode'));
  if (mode === undefined) return 'deployments';
  if (mode !== 'deployments' && mode !== 'workflowRuns') {
    throw reader.invalid('mode', expected);
  }
  return mode;
}

function readHost(reader: DoraProviderConfigReader): string {
  const host = reader.optionalString('host') ?? 'github.com';
  if (!ScmIntegrations.fromConfig(reader.root).github.byHost(host)) {
    throw reader.invalid(
      'host',
      `expected the host of an 'integrations.github' entry, got '${host}'`,
    );
  }
  return host;
}

function readWebhookSecrets(reader: DoraProviderConfigReader): string[] {
  const secret = reader.read('webhookSecret', 'expected a string', c =>
    c.getOptionalString('webhookSecret'),
  );
  if (secret !== undefined && !secret.trim()) {
    throw reader.invalid('webhookSecret', 'expected a non-empty secret');
  }
  const list = reader.read(
    'webhookSecrets',
    'expected a list of secrets',
    c => c.getOptionalStringArray('webhookSecrets') ?? [],
  );
  list.forEach((value, index) => {
    if (!value.trim()) {
      throw reader.invalid(
        `webhookSecrets[${index}]`,
        'expected a non-empty secret',
      );
    }
  });
  return [...(secret === undefined ? [] : [secret]), ...list];
}

/**
 * Reads and validates `dora.providers.github`; `undefined` when the section
 * is absent (the module then does nothing). A malformed value fails naming
 * its key, never echoing a secret; deprecated keys are logged.
 *
 * @public
 */
export function readGithubProviderConfig(
  root: Config,
  options: { logger?: LoggerService } = {},
): GithubProviderConfig | undefined {
  const reader = DoraProviderConfigReader.fromConfig(root, {
    key: KEY,
    logger: options.logger,
  });
  if (!reader.present) return undefined;
  const mode = readMode(reader);
  const workflow = reader.optionalString('workflow');
  if (mode === 'workflowRuns' && !workflow) {
    throw reader.invalid(
      'workflow',
      "expected the workflow file name (e.g. 'deploy.yml') or id in mode 'workflowRuns'",
    );
  }
  return {
    enabled: reader.optionalBoolean('enabled') ?? true,
    host: readHost(reader),
    mode,
    workflow,
    branch: reader.optionalString('branch'),
    environments: reader.environments(),
    workflowEnvironment:
      reader.optionalString('workflowEnvironment') ?? 'production',
    webhookSecrets: readWebhookSecrets(reader),
    builds: reader.optionalBoolean('builds.enabled') ?? false,
    lookbackDays: reader.lookbackDays({ defaultDays: 90 }),
    pageSize:
      reader.optionalWholeNumber('pageSize', { min: 1, max: 100 }) ?? 100,
    schedule: reader.schedule(),
    requests: reader.requests(),
  };
}
