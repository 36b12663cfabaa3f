import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import {
  DoraProviderRequestOptions,
  fetchWithRetry,
  vendorResponseError,
  vendorResponseStatus,
} from '@paved-road/plugin-dora-node';
import {
  GithubCommit,
  GithubComparison,
  GithubDeployment,
  GithubDeploymentStatus,
  GithubWorkflowRun,
  GithubWorkflowRuns,
} from './types';

/** Compare pages read at most for one deployment (10 × per_page commits). */
const MAX_COMPARE_PAGES = 10;

/**
 * A page of a list call, and whether GitHub announced a next one.
 *
 * @public
 */
export interface GithubPage<T> {
  items: T[];
  hasNext: boolean;
}

/**
 * Options of every {@link GithubClient} call.
 *
 * @public
 */
export interface GithubCallOptions {
  signal?: AbortSignal;
}

/**
 * The few GitHub REST calls the provider makes, all through
 * `fetchWithRetry`, with credentials from `integrations.github` (a token or
 * a GitHub App installation token) and the host's API base URL (GitHub
 * Enterprise included).
 *
 * @public
 */
export class GithubClient {
  private constructor(
    private readonly options: {
      host: string;
      apiBaseUrl: string;
      credentials: GithubCredentialsProvider;
      requests?: Partial<DoraProviderRequestOptions>;
    },
  ) {}

  /** Uses the `integrations.github` entry of `host`. */
  static fromConfig(
    config: Config,
    options: { host: string; requests?: Partial<DoraProviderRequestOptions> },
  ): GithubClient {
    const integrations = ScmIntegrations.fromConfig(config);
    const integration = integrations.github.byHost(options.host);
    if (!integration) {
      throw new Error(
        `No 'integrations.github' entry for host '${options.host}'`,
      );
    }
    return new GithubClient({
      host: options.host,
      apiBaseUrl: integration.config.apiBaseUrl!.replace(/\/+$/, ''),
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      requests: options.requests,
    });
  }

  /** `GET /repos/{owner}/{repo}/deployments`, newest first. */
  async listDeployments(
    repo: string,
    query: { page: number; perPage: number; environment?: string },
    options: GithubCallOptions = {},
  ): Promise<GithubPage<GithubDeployment>> {
    const { body, hasNext } = await this.get<GithubDeployment[]>(
      repo,
      '/deployments',
      {
        environment: query.environment,
        per_page: query.perPage,
        page: query.page,
      },
      options,
    );
    return { items: body, hasNext };
  }

  /** `GET /repos/{owner}/{repo}/deployments/{id}/statuses`, newest first. */
  async listDeploymentStatuses(
    repo: string,
    deploymentId: number,
    query: { perPage: number },
    options: GithubCallOptions = {},
  ): Promise<GithubDeploymentStatus[]> {
    const { body } = await this.get<GithubDeploymentStatus[]>(
      repo,
      `/deployments/${deploymentId}/statuses`,
      { per_page: query.perPage },
      options,
    );
    return body;
  }

  /**
   * Commits reachable from `head` but not from `base`, through every page of
   * `GET /repos/{owner}/{repo}/compare/{base}...{head}` (at most ten).
   * `undefined` when GitHub does not know one of the commits any more.
   */
  async compareCommits(
    repo: string,
    base: string,
    head: string,
    query: { perPage: number },
    options: GithubCallOptions = {},
  ): Promise<GithubCommit[] | undefined> {
    const commits: GithubCommit[] = [];
    const path = `/compare/${encodeURIComponent(base)}...${encodeURIComponent(
      head,
    )}`;
    for (let page = 1; page <= MAX_COMPARE_PAGES; page++) {
      let result: { body: GithubComparison; hasNext: boolean };
      try {
        result = await this.get<GithubComparison>(
          repo,
          path,
          { per_page: query.perPage, page },
          options,
        );
      } catch (error) {
        if (vendorResponseStatus(error) === 404) return undefined;
        throw error;
      }
      commits.push(...result.body.commits);
      const done =
        result.body.commits.length === 0 ||
        commits.length >= result.body.total_commits;
      if (done) break;
    }
    return commits;
  }

  /** `GET /repos/{owner}/{repo}/commits/{sha}`. */
  async getCommit(
    repo: string,
    sha: string,
    options: GithubCallOptions = {},
  ): Promise<GithubCommit> {
    const { body } = await this.get<GithubCommit>(
      repo,
      `/commits/${encodeURIComponent(sha)}`,
      {},
      options,
    );
    return body;
  }

  /** `GET /repos/{owner}/{repo}/actions/workflows/{workflow}/runs`. */
  async listWorkflowRuns(
    repo: string,
    workflow: string,
    query: { page: number; perPage: number; branch?: string; status?: string },
    options: GithubCallOptions = {},
  ): Promise<GithubPage<GithubWorkflowRun>> {
    const { body, hasNext } = await this.get<GithubWorkflowRuns>(
      repo,
      `/actions/workflows/${encodeURIComponent(workflow)}/runs`,
      {
        branch: query.branch,
        status: query.status,
        per_page: query.perPage,
        page: query.page,
      },
      options,
    );
    return { items: body.workflow_runs, hasNext };
  }

  /** `GET /repos/{owner}/{repo}/actions/runs`: runs of every workflow, newest first. */
  async listRepositoryRuns(
    repo: string,
    query: { page: number; perPage: number },
    options: GithubCallOptions = {},
  ): Promise<GithubPage<GithubWorkflowRun>> {
    const { body, hasNext } = await this.get<GithubWorkflowRuns>(
      repo,
      '/actions/runs',
      { per_page: query.perPage, page: query.page },
      options,
    );
    return { items: body.workflow_runs, hasNext };
  }

  private async get<T>(
    repo: string,
    path: string,
    query: Record<string, string | number | undefined>,
    options: GithubCallOptions,
  ): Promise<{ body: T; hasNext: boolean }> {
    const [owner, name] = repo.split('/');
    const url = new URL(
      `${this.options.apiBaseUrl}/repos/${encodeURIComponent(
        owner,
      )}/${encodeURIComponent(name)}${path}`,
    );
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const { headers: auth } = await this.options.credentials.getCredentials({
      url: `https://${this.options.host}/${owner}/${name}`,
    });
    const response = await fetchWithRetry(
      url.toString(),
      {
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          ...auth,
        },
      },
      { ...this.options.requests, signal: options.signal },
    );
    if (!response.ok) {
      // Origin and path only: the query may carry filters, the token is in a header.
      throw await vendorResponseError(
        `GitHub GET ${url.origin}${url.pathname} failed`,
        response,
      );
    }
    return {
      body: (await response.json()) as T,
      hasNext: /rel="next"/.test(response.headers.get('link') ?? ''),
    };
  }
}
