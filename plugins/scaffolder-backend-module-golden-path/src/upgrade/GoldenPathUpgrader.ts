import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  DefaultGitlabCredentialsProvider,
  GithubCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { ArchetypeRegistry } from '../archetypes/ArchetypeRegistry';
import { SkeletonReader } from '../archetypes/SkeletonReader';
import { connectRepository, locateRepository } from './connectRepository';
import { Checkpoint, noCheckpoint } from './planGoldenPathUpgrade';
import {
  createRetryingFetch,
  RateLimitOptions,
  readRateLimitOptions,
} from './retryingFetch';
import { runUpgrade, RunUpgradeResult } from './runUpgrade';

/**
 * Options of {@link GoldenPathUpgrader.create}.
 *
 * @public
 */
export interface GoldenPathUpgraderOptions {
  /** The archetypes and their versions. */
  archetypes: ArchetypeRegistry;
  /** Reads archetype skeletons. */
  skeletons: SkeletonReader;
  /** SCM integrations: GitHub (`integrations.github`) and GitLab (`integrations.gitlab`) hosts. */
  integrations: ScmIntegrationRegistry;
  /** Base URL of the Backstage backend the generated CI reports to. */
  backstageBaseUrl: string;
  /** GitHub credentials; defaults to those of the integrations. */
  githubCredentialsProvider?: GithubCredentialsProvider;
  /** GitLab credentials; defaults to those of the integrations. */
  gitlabCredentialsProvider?: GitlabCredentialsProvider;
  /** Retries of rate-limited requests. */
  rateLimit?: RateLimitOptions;
}

/**
 * One repository to upgrade.
 *
 * @public
 */
export interface UpgradeRepositoryRequest {
  /**
   * Repository in the scaffolder's format, e.g.
   * `github.com?owner=acme&repo=payments` or `gitlab.com?owner=acme/team&repo=payments`.
   */
  repoUrl: string;
  /**
   * Token to act with; the integration's credentials when absent. The caller
   * decides who may use the integration's credentials (e.g. a campaign
   * manager permission).
   */
  token?: string;
  /** Version to upgrade to; the archetype's latest when absent. */
  version?: string;
  /** Folder of the repository holding the golden-path files; default `.`. */
  targetPath?: string;
  /** Branch to upgrade; the repository's default branch when absent. */
  targetBranch?: string;
  /** Branch of the change request; default `golden-path/<archetype>-<version>`. */
  branchName?: string;
  /** Plan only: read the repository, write nothing. */
  dryRun?: boolean;
}

/**
 * The state of one repository's upgrade:
 * `opened` (a change request was opened now), `already-open` (one was open
 * for the branch; nothing created), `merged` (the change request for the
 * branch was merged), `up-to-date` (nothing to change), `conflicts` (a change
 * request was opened whose `conflicts` files carry conflict markers),
 * `failed` (see `reason`).
 *
 * @public
 */
export type UpgradeState =
  | 'opened'
  | 'already-open'
  | 'merged'
  | 'up-to-date'
  | 'conflicts'
  | 'failed';

/**
 * The outcome of upgrading one repository.
 *
 * @public
 */
export interface UpgradeRepositoryResult {
  /** Where the repository's upgrade stands. */
  state: UpgradeState;
  /** `owner/repo` or `group/project`; the `repoUrl` when it could not be resolved. */
  repository: string;
  /** Version the repository is at, when it could be read. */
  fromVersion?: string;
  /** Version upgraded to, when it could be resolved. */
  toVersion?: string;
  /** Branch of the change request. */
  branch?: string;
  /** The pull request (GitHub) or merge request (GitLab), when there is one. */
  changeRequest?: { number: number; url: string };
  /** Paths changed, relative to the repository; empty when the change request already existed. */
  files: string[];
  /** Paths changed on both sides, left with conflict markers. */
  conflicts: string[];
  /** Why the upgrade failed; never contains a token. */
  reason?: string;
  /** Set on a dry run: `state` is what a real run would reach. */
  dryRun?: boolean;
}

/** Where generated CI reports deployments: `goldenPath.backstageBaseUrl`, else `backend.baseUrl`. */
export function readBackstageBaseUrl(config: Config): string {
  return (
    config.getOptionalString('goldenPath.backstageBaseUrl') ??
    config.getString('backend.baseUrl')
  );
}

function redact(message: string, secrets: Array<string | undefined>): string {
  return secrets.reduce<string>(
    (m, s) => (s && s.length >= 4 ? m.split(s).join('***') : m),
    message,
  );
}

/**
 * Connects to the repository and runs the upgrade, throwing on failure; the
 * scaffolder action calls it with its checkpoints.
 *
 * @internal
 */
export class UpgradeRunner {
  private constructor(
    private readonly options: GoldenPathUpgraderOptions,
    private readonly githubCredentials: GithubCredentialsProvider,
    private readonly gitlabCredentials: GitlabCredentialsProvider,
    private readonly fetchFn: typeof fetch,
  ) {}

  static create(options: GoldenPathUpgraderOptions): UpgradeRunner {
    const { integrations } = options;
    return new UpgradeRunner(
      options,
      options.githubCredentialsProvider ??
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      options.gitlabCredentialsProvider ??
        DefaultGitlabCredentialsProvider.fromIntegrations(integrations),
      createRetryingFetch(options.rateLimit),
    );
  }

  async run(
    request: UpgradeRepositoryRequest,
    checkpoint: Checkpoint = noCheckpoint,
  ): Promise<RunUpgradeResult> {
    const location = locateRepository(
      request.repoUrl,
      this.options.integrations,
    );
    const repository = await connectRepository({
      location,
      token: request.token,
      integrations: this.options.integrations,
      githubCredentials: this.githubCredentials,
      gitlabCredentials: this.gitlabCredentials,
      fetch: this.fetchFn,
    });
    return runUpgrade({
      ...request,
      archetypes: this.options.archetypes,
      skeletons: this.options.skeletons,
      backstageBaseUrl: this.options.backstageBaseUrl,
      repository,
      checkpoint,
    });
  }
}

/**
 * The per-repository engine of golden-path upgrades, shared by the
 * `golden-path:upgrade` action and fleet campaigns: re-renders the golden-path
 * files at a newer archetype version, merges them three-way with the team's
 * changes and opens a GitHub pull request or GitLab merge request. Idempotent
 * and resumable: re-running never opens a duplicate. Rate-limited requests are
 * retried, honouring `retry-after`.
 *
 * @public
 */
export class GoldenPathUpgrader {
  private constructor(
    private readonly runner: UpgradeRunner,
    private readonly integrations: ScmIntegrationRegistry,
  ) {}

  /**
   * Built from app-config as the scaffolder module builds it:
   * `goldenPath.archetypes`, `goldenPath.backstageBaseUrl` (default
   * `backend.baseUrl`), `goldenPath.upgrade.rateLimit` (unless
   * `options.rateLimit` is given) and `integrations`.
   */
  static fromConfig(
    config: Config,
    options: { reader: UrlReaderService; rateLimit?: RateLimitOptions },
  ): GoldenPathUpgrader {
    return GoldenPathUpgrader.create({
      archetypes: ArchetypeRegistry.fromConfig(config),
      skeletons: SkeletonReader.create({ reader: options.reader }),
      integrations: ScmIntegrations.fromConfig(config),
      backstageBaseUrl: readBackstageBaseUrl(config),
      rateLimit: options.rateLimit ?? readRateLimitOptions(config),
    });
  }

  /** Built from the given archetypes, skeleton reader and integrations. */
  static create(options: GoldenPathUpgraderOptions): GoldenPathUpgrader {
    return new GoldenPathUpgrader(
      UpgradeRunner.create(options),
      options.integrations,
    );
  }

  /**
   * Upgrades one repository. Never throws: a failure is returned as state
   * `failed` with its reason, so a fleet run can go on to the next one.
   */
  async upgrade(
    request: UpgradeRepositoryRequest,
  ): Promise<UpgradeRepositoryResult> {
    try {
      const { changes: _changes, ...result } = await this.runner.run(request);
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      let repository = request.repoUrl;
      try {
        repository = locateRepository(request.repoUrl, this.integrations).slug;
      } catch {
        // keep the repoUrl as given
      }
      return {
        state: 'failed',
        repository,
        files: [],
        conflicts: [],
        reason: redact(message, [request.token]),
      };
    }
  }
}
