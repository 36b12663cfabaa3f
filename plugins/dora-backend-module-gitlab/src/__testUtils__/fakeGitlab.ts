import { HttpResponse, http } from 'msw';
import {
  GitlabCommit,
  GitlabDeployment,
  GitlabMergeRequest,
  GitlabPipeline,
  GitlabProject,
} from '../types';

/** Times relative to T0, like the DORA backend's tests. */
export const T0 = Date.parse('2026-11-01T00:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (ms: number) => new Date(T0 + ms).toISOString();

/** A deployment shaped like GitLab's documented `GET .../deployments` item. */
export function gitlabDeployment(
  id: number,
  finishedMs: number,
  extra: Partial<GitlabDeployment> = {},
): GitlabDeployment {
  const sha = `${String(id).padStart(4, '0')}`.repeat(10);
  return {
    id,
    iid: id,
    status: 'success',
    sha,
    created_at: at(finishedMs - 600_000),
    updated_at: at(finishedMs + 1000),
    finished_at: at(finishedMs),
    environment: { id: 9, name: 'production' },
    deployable: {
      started_at: at(finishedMs - 300_000),
      finished_at: at(finishedMs),
      commit: {
        id: sha,
        title: `Deploy ${id}`,
        message: `Deploy ${id}\n`,
        created_at: at(finishedMs - 3 * HOUR),
        committed_date: at(finishedMs - 2 * HOUR),
      },
    },
    ...extra,
  };
}

/**
 * A commit shaped like an item of GitLab's documented
 * `GET .../merge_requests/:iid/commits`: `title` is the first line of
 * `message`.
 */
export function gitlabCommit(
  sha: string,
  committedMs: number,
  message = `Change ${sha.slice(0, 8)}\n`,
): GitlabCommit {
  return {
    id: sha,
    title: message.split('\n', 1)[0].replace(/\r$/, ''),
    message,
    created_at: at(committedMs),
    committed_date: at(committedMs),
  };
}

interface FakeProject extends GitlabProject {
  deployments: GitlabDeployment[];
  /** Merge requests by deployment id. */
  mergeRequests: Record<number, GitlabMergeRequest[]>;
  /** Commits by merge request iid. */
  commits: Record<number, GitlabCommit[]>;
  /** Pipelines as the single-pipeline call answers them. */
  pipelines: GitlabPipeline[];
}

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  token: string | null;
}

/**
 * A small GitLab REST API (v4) behind msw: projects by id or path,
 * deployments filtered and ordered as documented (`status`,
 * `finished_after`, `order_by=finished_at`, `sort`, `environment`), offset
 * pagination with `x-next-page`, merge requests per deployment, commits
 * per merge request, projects of a group. Records every request.
 */
export class FakeGitlab {
  readonly requests: RecordedRequest[] = [];
  private readonly projects = new Map<number, FakeProject>();
  private readonly groups = new Map<string, number[]>();

  constructor(readonly apiBaseUrl: string, private readonly token: string) {}

  addProject(
    project: GitlabProject & Partial<FakeProject>,
    options: { group?: string } = {},
  ): FakeProject {
    const full: FakeProject = {
      deployments: [],
      mergeRequests: {},
      commits: {},
      pipelines: [],
      ...project,
    };
    this.projects.set(project.id, full);
    if (options.group) {
      this.groups.set(options.group, [
        ...(this.groups.get(options.group) ?? []),
        project.id,
      ]);
    }
    return full;
  }

  project(id: number): FakeProject {
    return this.projects.get(id)!;
  }

  /** Requests to a path (no query), e.g. `/projects/7/deployments`. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter(r => r.path === path);
  }

  handlers() {
    const base = this.apiBaseUrl;
    return [
      http.get(`${base}/projects/:id`, ({ request, params }) =>
        this.guard(request, () => {
          const project = this.find(params.id as string);
          return project
            ? HttpResponse.json({
                id: project.id,
                path_with_namespace: project.path_with_namespace,
              })
            : notFound('Project');
        }),
      ),
      http.get(`${base}/projects/:id/deployments`, ({ request, params }) =>
        this.guard(request, () => {
          const project = this.find(params.id as string);
          if (!project) return notFound('Project');
          return paginate(request, this.listDeployments(project, request));
        }),
      ),
      http.get(
        `${base}/projects/:id/deployments/:deploymentId`,
        ({ request, params }) =>
          this.guard(request, () => {
            const found = this.find(params.id as string)?.deployments.find(
              d => d.id === Number(params.deploymentId),
            );
            return found ? HttpResponse.json(found) : notFound('Deployment');
          }),
      ),
      http.get(
        `${base}/projects/:id/deployments/:deploymentId/merge_requests`,
        ({ request, params }) =>
          this.guard(request, () => {
            const project = this.find(params.id as string);
            if (!project) return notFound('Project');
            return paginate(
              request,
              project.mergeRequests[Number(params.deploymentId)] ?? [],
            );
          }),
      ),
      http.get(
        `${base}/projects/:id/merge_requests/:iid/commits`,
        ({ request, params }) =>
          this.guard(request, () => {
            const project = this.find(params.id as string);
            if (!project) return notFound('Project');
            return paginate(request, project.commits[Number(params.iid)] ?? []);
          }),
      ),
      http.get(`${base}/projects/:id/pipelines`, ({ request, params }) =>
        this.guard(request, () => {
          const project = this.find(params.id as string);
          if (!project) return notFound('Project');
          return paginate(request, this.listPipelines(project, request));
        }),
      ),
      http.get(
        `${base}/projects/:id/pipelines/:pipelineId`,
        ({ request, params }) =>
          this.guard(request, () => {
            const found = this.find(params.id as string)?.pipelines.find(
              p => p.id === Number(params.pipelineId),
            );
            return found ? HttpResponse.json(found) : notFound('Pipeline');
          }),
      ),
      http.get(`${base}/groups/:group/projects`, ({ request, params }) =>
        this.guard(request, () => {
          const ids = this.groups.get(
            decodeURIComponent(params.group as string),
          );
          if (!ids) return notFound('Group');
          return paginate(
            request,
            ids.map(id => {
              const p = this.projects.get(id)!;
              return { id: p.id, path_with_namespace: p.path_with_namespace };
            }),
          );
        }),
      ),
    ];
  }

  private guard(request: Request, respond: () => Response): Response {
    const url = new URL(request.url);
    const token = request.headers.get('private-token');
    this.requests.push({
      path: url.pathname.slice(new URL(this.apiBaseUrl).pathname.length),
      query: url.searchParams,
      token,
    });
    if (token !== this.token) {
      return HttpResponse.json(
        { message: '401 Unauthorized' },
        { status: 401 },
      );
    }
    return respond();
  }

  private find(idOrPath: string): FakeProject | undefined {
    const key = decodeURIComponent(idOrPath);
    if (/^\d+$/.test(key)) return this.projects.get(Number(key));
    return [...this.projects.values()].find(
      p => p.path_with_namespace.toLowerCase() === key.toLowerCase(),
    );
  }

  private listDeployments(project: FakeProject, request: Request) {
    const query = new URL(request.url).searchParams;
    const status = query.get('status');
    const environment = query.get('environment');
    const after = query.get('finished_after');
    const finished = (d: GitlabDeployment) => Date.parse(d.finished_at ?? '');
    const items = project.deployments.filter(
      d =>
        (!status || d.status === status) &&
        (!environment || d.environment?.name === environment) &&
        (!after || finished(d) >= Date.parse(after)),
    );
    if (query.get('order_by') === 'finished_at') {
      items.sort((a, b) => finished(a) - finished(b) || a.id - b.id);
    }
    return query.get('sort') === 'desc' ? items.reverse() : items;
  }

  /** `updated_after` (inclusive here), `order_by=updated_at|id`, `sort`. */
  private listPipelines(project: FakeProject, request: Request) {
    const query = new URL(request.url).searchParams;
    const after = query.get('updated_after');
    const updated = (p: GitlabPipeline) => Date.parse(p.updated_at ?? '');
    const items = project.pipelines.filter(
      p => !after || updated(p) >= Date.parse(after),
    );
    if (query.get('order_by') === 'updated_at') {
      items.sort((a, b) => updated(a) - updated(b) || a.id - b.id);
    } else {
      items.sort((a, b) => b.id - a.id);
    }
    if (query.get('sort') === 'asc' && query.get('order_by') !== 'updated_at') {
      items.reverse();
    }
    if (
      query.get('sort') === 'desc' &&
      query.get('order_by') === 'updated_at'
    ) {
      items.reverse();
    }
    return items.map(listedPipeline);
  }
}

/**
 * The list item of a pipeline: the documented list fields only (`id`,
 * `iid`, `project_id`, `sha`, `ref`, `status`, `source`, `created_at`,
 * `updated_at`, `web_url`); no `name`, `started_at` or `finished_at`.
 */
function listedPipeline(p: GitlabPipeline) {
  return {
    id: p.id,
    iid: p.id,
    project_id: 101,
    sha: p.sha,
    ref: p.ref,
    status: p.status,
    source: 'push',
    created_at: p.created_at,
    updated_at: p.updated_at,
    web_url: `https://gitlab.com/acme/payments/-/pipelines/${p.id}`,
  };
}

function notFound(what: string): Response {
  return HttpResponse.json(
    { message: `404 ${what} Not Found` },
    { status: 404 },
  );
}

/** GitLab's offset pagination: `page`, `per_page` (default 20), `x-next-page`. */
function paginate(request: Request, items: unknown[]): Response {
  const query = new URL(request.url).searchParams;
  const page = Number(query.get('page') ?? 1);
  const perPage = Math.min(Number(query.get('per_page') ?? 20), 100);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const hasNext = page * perPage < items.length;
  return HttpResponse.json(slice, {
    headers: {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-next-page': hasNext ? String(page + 1) : '',
      'x-total': String(items.length),
    },
  });
}
