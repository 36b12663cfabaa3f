import {
  DoraProviderRequestOptions,
  fetchWithRetry,
  vendorResponseError,
} from '@paved-road/plugin-dora-node';
import {
  GitlabCommit,
  GitlabDeployment,
  GitlabPipeline,
  GitlabMergeRequest,
  GitlabProject,
} from './types';

const PER_PAGE = 100;

/** Query parameters; undefined values are left out. */
type Query = Record<string, string | number | boolean | undefined>;

/**
 * The few GitLab REST calls the provider makes, all through
 * `fetchWithRetry` (rate limits, 5xx and timeouts retried, bounded).
 * Pages are followed with GitLab's `x-next-page` header.
 */
export class GitlabClient {
  constructor(
    private readonly options: {
      apiBaseUrl: string;
      token?: string;
      requests: DoraProviderRequestOptions;
      /** Deployments per page; GitLab allows up to 100. */
      pageSize?: number;
    },
  ) {}

  /** `undefined` when the project does not exist or the token cannot see it. */
  async getProject(
    idOrPath: string | number,
    signal?: AbortSignal,
  ): Promise<GitlabProject | undefined> {
    return this.getOptional<GitlabProject>(
      `/projects/${enc(idOrPath)}`,
      signal,
    );
  }

  /** Successful deployments finished after the instant, oldest first. */
  async *deploymentPages(
    projectId: number,
    query: { finishedAfter: string; environment?: string },
    signal?: AbortSignal,
  ): AsyncGenerator<GitlabDeployment[]> {
    yield* this.pages<GitlabDeployment>(
      `/projects/${projectId}/deployments`,
      {
        order_by: 'finished_at',
        sort: 'asc',
        status: 'success',
        finished_after: query.finishedAfter,
        environment: query.environment,
        per_page: this.options.pageSize ?? PER_PAGE,
      },
      signal,
    );
  }

  /** Pipelines updated after the instant, by `updated_at` then id, oldest first. */
  async *pipelinePages(
    projectId: number,
    query: { updatedAfter: string },
    signal?: AbortSignal,
  ): AsyncGenerator<GitlabPipeline[]> {
    yield* this.pages<GitlabPipeline>(
      `/projects/${projectId}/pipelines`,
      {
        order_by: 'updated_at',
        sort: 'asc',
        updated_after: query.updatedAfter,
        per_page: this.options.pageSize ?? PER_PAGE,
      },
      signal,
    );
  }

  /** `GET /projects/:id/pipelines/:pipeline_id`; `undefined` when gone. */
  async getPipeline(
    projectId: number,
    pipelineId: number,
    signal?: AbortSignal,
  ): Promise<GitlabPipeline | undefined> {
    return this.getOptional<GitlabPipeline>(
      `/projects/${projectId}/pipelines/${pipelineId}`,
      signal,
    );
  }

  async getDeployment(
    projectId: number,
    deploymentId: number,
    signal?: AbortSignal,
  ): Promise<GitlabDeployment | undefined> {
    return this.getOptional<GitlabDeployment>(
      `/projects/${projectId}/deployments/${deploymentId}`,
      signal,
    );
  }

  async deploymentMergeRequests(
    projectId: number,
    deploymentId: number,
    signal?: AbortSignal,
  ): Promise<GitlabMergeRequest[]> {
    return this.all<GitlabMergeRequest>(
      `/projects/${projectId}/deployments/${deploymentId}/merge_requests`,
      { per_page: PER_PAGE },
      signal,
    );
  }

  async mergeRequestCommits(
    projectId: number,
    iid: number,
    signal?: AbortSignal,
  ): Promise<GitlabCommit[]> {
    return this.all<GitlabCommit>(
      `/projects/${projectId}/merge_requests/${iid}/commits`,
      { per_page: PER_PAGE },
      signal,
    );
  }

  /** Every project of a group and its subgroups, archived ones left out. */
  async groupProjects(
    group: string,
    signal?: AbortSignal,
  ): Promise<GitlabProject[]> {
    return this.all<GitlabProject>(
      `/groups/${enc(group)}/projects`,
      {
        include_subgroups: true,
        archived: false,
        simple: true,
        per_page: PER_PAGE,
      },
      signal,
    );
  }

  private async all<T>(
    path: string,
    query: Query,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages<T>(path, query, signal)) {
      items.push(...page);
    }
    return items;
  }

  private async *pages<T>(
    path: string,
    query: Query,
    signal?: AbortSignal,
  ): AsyncGenerator<T[]> {
    let page: string | undefined = '1';
    while (page) {
      const response = await this.request(path, { ...query, page }, signal);
      const body = await response.json();
      if (!Array.isArray(body)) {
        throw new Error(`GitLab 'GET ${path}' did not answer with a list`);
      }
      yield body as T[];
      page = response.headers.get('x-next-page')?.trim() || undefined;
    }
  }

  private async getOptional<T>(
    path: string,
    signal?: AbortSignal,
  ): Promise<T | undefined> {
    const response = await this.request(path, {}, signal, [404]);
    if (response.status === 404) {
      await response.arrayBuffer().catch(() => undefined);
      return undefined;
    }
    return (await response.json()) as T;
  }

  private async request(
    path: string,
    query: Query,
    signal?: AbortSignal,
    allowed: number[] = [],
  ): Promise<Response> {
    const url = new URL(`${this.options.apiBaseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const { requests, token } = this.options;
    const response = await fetchWithRetry(
      url.toString(),
      {
        headers: {
          Accept: 'application/json',
          ...(token ? { 'PRIVATE-TOKEN': token } : {}),
        },
      },
      { ...requests, signal },
    );
    if (!response.ok && !allowed.includes(response.status)) {
      // Path only: the query may carry filters, the token is in a header.
      throw await vendorResponseError(
        `GitLab GET ${url.pathname} failed`,
        response,
      );
    }
    return response;
  }
}

function enc(value: string | number): string {
  return encodeURIComponent(String(value));
}
