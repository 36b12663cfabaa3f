import { AuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DoraProvider,
  DoraProviderSchedule,
  DoraProviderSyncContext,
  DoraProviderWebhook,
  VendorRequestError,
} from '@paved-road/plugin-dora-node';
import { GithubProviderConfig } from './config';
import { GithubClient } from './GithubClient';
import { GithubWebhook } from './GithubWebhook';
import { RepositoryLookup } from './RepositoryLookup';
import {
  CandidateSource,
  DeploymentsSource,
  WorkflowRunsSource,
} from './sources';
import { syncRepository } from './syncRepository';
import { syncBuilds } from './syncBuilds';

const REPO_SLUG = /^[^/\s]+\/[^/\s]+$/;

/**
 * Options of {@link GithubDoraProvider}.
 *
 * @public
 */
export interface GithubDoraProviderOptions {
  /** The provider's settings, from {@link readGithubProviderConfig}. */
  config: GithubProviderConfig;
  /** The root config, for the `integrations.github` entry of the host. */
  rootConfig: Config;
  /** Reads the entities annotated with `github.com/project-slug`. */
  catalog: CatalogService;
  /** Gives the module's own credentials for catalog reads. */
  auth: AuthService;
  /** The current time; tests pin it. Default: `Date.now`. */
  now?: () => number;
}

/**
 * The `github` DORA provider: deployments (or runs of one workflow) of the
 * repositories that catalog entities name in `github.com/project-slug`,
 * pulled on a schedule with one cursor per repository, and pushed by
 * GitHub's `deployment_status` / `workflow_run` webhooks.
 *
 * @public
 */
export class GithubDoraProvider implements DoraProvider {
  /** Provider id, also the webhook path segment. */
  readonly id = 'github';
  /** From `dora.providers.github.schedule`. */
  readonly schedule: DoraProviderSchedule;
  /** Present when `webhookSecret` or `webhookSecrets` is configured. */
  readonly webhook?: DoraProviderWebhook;

  private readonly source: CandidateSource;
  private readonly repositories: RepositoryLookup;
  private readonly now: () => number;

  private readonly client: GithubClient;

  private constructor(private readonly options: GithubDoraProviderOptions) {
    const { config } = options;
    const client = GithubClient.fromConfig(options.rootConfig, {
      host: config.host,
      requests: config.requests,
    });
    this.client = client;
    this.schedule = config.schedule;
    this.now = options.now ?? Date.now;
    this.source =
      config.mode === 'workflowRuns'
        ? new WorkflowRunsSource(client, config)
        : new DeploymentsSource(client, config);
    this.repositories = new RepositoryLookup(options);
    if (config.webhookSecrets.length > 0) {
      this.webhook = new GithubWebhook({
        secrets: config.webhookSecrets,
        config,
        client,
        source: this.source,
        isProduction: environment => config.environments.matches(environment),
        repositories: this.repositories,
      });
    }
  }

  /** Fails when `integrations.github` has no entry for the host. */
  static create(options: GithubDoraProviderOptions): GithubDoraProvider {
    return new GithubDoraProvider(options);
  }

  /** Syncs every annotated repository; see the README. */
  async sync(context: DoraProviderSyncContext): Promise<void> {
    const index = await this.repositories.load();
    const repos = index.values();
    const failures: string[] = [];
    for (const repo of repos) {
      context.signal.throwIfAborted();
      if (!REPO_SLUG.test(repo)) {
        context.logger.warn(
          `Skipping github.com/project-slug '${repo}' of ${index
            .lookup(repo)
            .join(', ')}: expected 'owner/repo'`,
        );
        continue;
      }
      try {
        let events = await this.syncRepository(
          repo,
          index.lookup(repo),
          context,
        );
        if (this.options.config.builds) {
          events += await syncBuilds({
            repo,
            entityRefs: index.lookup(repo),
            client: this.client,
            pageSize: this.options.config.pageSize,
            lookbackDays: this.options.config.lookbackDays,
            context,
            now: this.now(),
          });
        }
        context.logger.debug(`GitHub '${repo}': ${events} events`);
      } catch (error) {
        // GitHub down or rate limited: the other repositories would fare
        // no better, so the run stops; their cursors stay where they are.
        if (error instanceof VendorRequestError || context.signal.aborted) {
          throw error;
        }
        failures.push(`'${repo}': ${(error as Error).message}`);
        context.logger.warn(
          `GitHub sync of '${repo}' failed: ${(error as Error).message}`,
        );
      }
    }
    if (failures.length) {
      throw new Error(
        `GitHub sync failed for ${failures.length} of ${
          repos.length
        } repositories: ${failures.join('; ')}`,
      );
    }
  }

  private syncRepository(
    repo: string,
    entityRefs: string[],
    context: DoraProviderSyncContext,
  ) {
    const { config } = this.options;
    const client = this.client;
    return syncRepository({
      repo,
      entityRefs,
      mode: config.mode,
      source: this.source,
      client,
      pageSize: config.pageSize,
      lookbackDays: config.lookbackDays,
      context,
      now: this.now(),
    });
  }
}
