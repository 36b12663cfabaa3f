import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DoraProvider,
  DoraProviderSyncContext,
  DoraProviderWebhook,
  VendorRequestError,
} from '@paved-road/plugin-dora-node';
import { GitlabProviderConfig } from './config';
import { GitlabClient } from './GitlabClient';
import { GitlabDeploymentHook } from './GitlabDeploymentHook';
import { GitlabBuildSync } from './GitlabBuildSync';
import { GitlabDeploymentSync } from './GitlabDeploymentSync';
import { GitlabProjectIndex } from './GitlabProjectIndex';
import { GitlabProject } from './types';

/** How long webhook deliveries reuse the catalog index. */
const WEBHOOK_INDEX_TTL_MS = 60_000;

/**
 * Options of {@link GitlabDoraProvider.create}.
 *
 * @public
 */
export interface GitlabDoraProviderOptions {
  /** Validated settings, from {@link readGitlabProviderConfig}. */
  config: GitlabProviderConfig;
  /** Reads the entities annotated with GitLab projects. */
  catalog: CatalogService;
  /** Gives the backend's own credentials for the catalog. */
  auth: AuthService;
  /** The current time; tests pin it. Default: `Date.now`. */
  now?: () => number;
  /** Deployments per GitLab page, up to 100 (the default). */
  pageSize?: number;
}

interface SyncTarget {
  project: GitlabProject;
  entityRefs: string[];
}

/**
 * The `gitlab` DORA provider: polls successful deployments of the projects
 * that catalog entities annotate (`gitlab.com/project-slug`,
 * `gitlab.com/project-id`), with the commits of their merge requests as
 * changes, and receives Deployment Hooks when a webhook token is set.
 *
 * @public
 */
export class GitlabDoraProvider implements DoraProvider {
  /** Also the webhook path: `/api/dora/webhooks/gitlab`. */
  readonly id = 'gitlab';
  /** From `dora.providers.gitlab.schedule`. */
  readonly schedule: DoraProvider['schedule'];
  /** Present when `webhookToken` or `webhookTokens` is set. */
  readonly webhook?: DoraProviderWebhook;

  /** Builds the provider; nothing is requested until the first sync. */
  static create(options: GitlabDoraProviderOptions): GitlabDoraProvider {
    return new GitlabDoraProvider(options);
  }

  private readonly client: GitlabClient;
  private readonly deployments: GitlabDeploymentSync;
  private readonly builds?: GitlabBuildSync;
  private cachedIndex?: { at: number; index: Promise<GitlabProjectIndex> };

  private constructor(private readonly options: GitlabDoraProviderOptions) {
    const { config } = options;
    this.schedule = config.schedule;
    this.client = new GitlabClient({
      apiBaseUrl: config.apiBaseUrl,
      token: config.token,
      requests: config.requests,
      pageSize: options.pageSize,
    });
    this.deployments = new GitlabDeploymentSync({
      client: this.client,
      environments: config.environments,
      lookbackDays: config.lookbackDays,
      now: options.now ?? Date.now,
    });
    if (config.builds) {
      this.builds = new GitlabBuildSync({
        client: this.client,
        lookbackDays: config.lookbackDays,
        now: options.now ?? Date.now,
      });
    }
    if (config.webhookTokens.length > 0) {
      this.webhook = new GitlabDeploymentHook({
        webhookTokens: config.webhookTokens,
        client: this.client,
        sync: this.deployments,
        environments: config.environments,
        loadIndex: () => this.webhookIndex(),
      });
    }
  }

  /**
   * Syncs every project annotated in the catalog (and of the configured
   * groups) from its cursor; fails listing the projects it could not read.
   */
  async sync(context: DoraProviderSyncContext): Promise<void> {
    const problems: string[] = [];
    const targets = await this.targets(context, problems);
    for (const { project, entityRefs } of targets) {
      context.signal.throwIfAborted();
      try {
        await this.deployments.syncProject(project, entityRefs, context);
        await this.builds?.syncProject(project, entityRefs, context);
      } catch (e) {
        // GitLab is down or rate limiting: stop, the next run resumes.
        if (e instanceof VendorRequestError || context.signal.aborted) throw e;
        problems.push(
          `project '${project.path_with_namespace}': ${(e as Error).message}`,
        );
      }
    }
    if (problems.length > 0) {
      throw new Error(
        `GitLab sync incomplete (other projects were synced): ${problems.join(
          '; ',
        )}`,
      );
    }
  }

  /**
   * The index as webhooks use it: reused for 60 s (`WEBHOOK_INDEX_TTL_MS`), so a
   * burst of deliveries costs one catalog query; a failed load is not kept.
   */
  private webhookIndex(): Promise<GitlabProjectIndex> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cachedIndex;
    if (cached && now - cached.at < WEBHOOK_INDEX_TTL_MS) return cached.index;
    const index = this.loadIndex();
    const entry = { at: now, index };
    this.cachedIndex = entry;
    index.catch(() => {
      if (this.cachedIndex === entry) this.cachedIndex = undefined;
    });
    return index;
  }

  private loadIndex(): Promise<GitlabProjectIndex> {
    return GitlabProjectIndex.loadWith(this.options);
  }

  /** Annotated projects, plus every project of the configured groups. */
  private async targets(
    context: DoraProviderSyncContext,
    problems: string[],
  ): Promise<SyncTarget[]> {
    const index = await this.loadIndex();
    const byId = new Map<number, GitlabProject>();
    for (const key of index.projectKeys()) {
      try {
        const project = await this.client.getProject(key, context.signal);
        if (project) byId.set(project.id, project);
        else {
          problems.push(
            `project '${key}' does not exist or the token cannot read it`,
          );
        }
      } catch (e) {
        if (e instanceof VendorRequestError || context.signal.aborted) throw e;
        problems.push(`project '${key}': ${(e as Error).message}`);
      }
    }
    for (const group of this.options.config.groups) {
      try {
        for (const project of await this.client.groupProjects(
          group,
          context.signal,
        )) {
          byId.set(project.id, project);
        }
      } catch (e) {
        if (e instanceof VendorRequestError || context.signal.aborted) throw e;
        problems.push(`group '${group}': ${(e as Error).message}`);
      }
    }
    return [...byId.values()]
      .sort((a, b) => a.id - b.id)
      .map(project => ({ project, entityRefs: index.entityRefs(project) }));
  }
}
