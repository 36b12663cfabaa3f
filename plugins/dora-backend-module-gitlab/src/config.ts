import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  DoraProviderConfigReader,
  DoraProviderRequestOptions,
  DoraProviderSchedule,
  EnvironmentMatcher,
} from '@paved-road/plugin-dora-node';

const KEY = 'dora.providers.gitlab';

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
  /**
   * Secret tokens of the Deployment events webhook (`webhookToken` and
   * `webhookTokens`), several while one is rotated; never logged.
   */
  webhookTokens: string[];
  /** When the sync runs. */
  schedule: DoraProviderSchedule;
  /** How far back the first sync of a project goes. */
  lookbackDays: number;
  /** Which GitLab environments are ingested. */
  environments: EnvironmentMatcher;
  /** Groups whose projects are also polled, to count unmatched ones. */
  groups: string[];
  /** Retries and timeouts of GitLab requests. */
  requests: DoraProviderRequestOptions;
  /** Whether finished pipelines are also synced as build events. Default false. */
  builds: boolean;
}

function readIntegration(reader: DoraProviderConfigReader, host: string) {
  const integration = ScmIntegrations.fromConfig(reader.root).gitlab.byHost(
    host,
  );
  if (!integration) {
    throw reader.invalid(
      'host',
      `no 'integrations.gitlab' entry has host '${host}'`,
    );
  }
  return integration.config;
}

/** `webhookToken` and `webhookTokens`, each non-empty. */
function readWebhookTokens(reader: DoraProviderConfigReader): string[] {
  const token = reader.optionalString('webhookToken');
  const list = reader.read(
    'webhookTokens',
    'expected a list of secret tokens',
    c => c.getOptionalStringArray('webhookTokens') ?? [],
  );
  list.forEach((value, index) => {
    if (!value.trim()) {
      throw reader.invalid(
        `webhookTokens[${index}]`,
        'expected a non-empty secret token',
      );
    }
  });
  return [...(token ? [token] : []), ...list];
}

function readGroups(reader: DoraProviderConfigReader): string[] {
  const groups =
    reader.read('groups', 'expected a list of group paths or ids', c =>
      c.getOptionalStringArray('groups'),
    ) ?? [];
  return groups.map((group, index) => {
    if (!group.trim()) {
      throw reader.invalid(`groups[${index}]`, 'expected a group path or id');
    }
    return group.trim();
  });
}

/**
 * Reads and validates `dora.providers.gitlab`; a malformed value fails at
 * start-up naming its key. Without the section the provider is off.
 *
 * @public
 */
export function readGitlabProviderConfig(
  root: Config,
  options: { logger?: LoggerService } = {},
): GitlabProviderConfig {
  const reader = DoraProviderConfigReader.fromConfig(root, {
    key: KEY,
    logger: options.logger,
  });
  const enabled = reader.optionalBoolean('enabled');
  const integration = readIntegration(
    reader,
    reader.optionalString('host') ?? 'gitlab.com',
  );
  return {
    // Like the other providers: on once `dora.providers.gitlab` is present.
    enabled: enabled ?? reader.present,
    host: integration.host,
    apiBaseUrl: integration.apiBaseUrl.replace(/\/+$/, ''),
    token: integration.token,
    webhookTokens: readWebhookTokens(reader),
    schedule: reader.schedule(),
    lookbackDays: reader.lookbackDays({ defaultDays: 90 }),
    environments: reader.environments(),
    groups: readGroups(reader),
    requests: reader.requests(),
    builds: reader.optionalBoolean('builds.enabled') ?? false,
  };
}
