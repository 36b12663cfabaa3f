import { localBackendPassthrough } from '@paved-road/plugin-dora-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  GithubCommit,
  GithubDeployment,
  GithubDeploymentStatus,
  GithubWorkflowRun,
} from '../types';

export const API = 'https://api.github.com';
export const TOKEN = 'ghp_test_token';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A recorded GitHub call. */
export interface RecordedRequest {
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  apiVersion: string | null;
  accept: string | null;
}

/** Lets a test answer a call itself, e.g. with a 503 or a 429. */
export type Interceptor = (
  request: RecordedRequest,
) => Response | undefined | Promise<Response | undefined>;

export const sha = (n: number) => `${n}`.padStart(40, 'c');

/**
 * An in-memory GitHub serving the documented REST shapes of the calls the
 * provider makes: list deployments and statuses, compare, get a commit,
 * list workflow runs; with `per_page`/`page` and `Link` headers.
 */
export class FakeGithub {
  readonly requests: RecordedRequest[] = [];
  /** A linear history: commit n has sha(n), committed n hours after `t0`. */
  commitCount = 0;
  deployments: GithubDeployment[] = [];
  statuses = new Map<number, GithubDeploymentStatus[]>();
  runs: GithubWorkflowRun[] = [];
  /** Runs of every workflow, served by `GET /repos/{owner}/{repo}/actions/runs`. */
  repositoryRuns: GithubWorkflowRun[] = [];
  interceptors: Interceptor[] = [];
  /** Commit messages by commit number; default `Change <n>`. */
  messages = new Map<number, string>();

  constructor(readonly t0: number, readonly repo = 'acme/cart') {}

  commit(n: number): GithubCommit {
    const date = new Date(this.t0 + n * HOUR).toISOString();
    return {
      sha: sha(n),
      commit: {
        author: {
          name: 'Ada',
          email: 'ada@acme.test',
          date: new Date(this.t0 + n * HOUR - 60_000).toISOString(),
        },
        committer: { name: 'GitHub', email: 'noreply@github.com', date },
        message: this.messages.get(n) ?? `Change ${n}`,
      } as GithubCommit['commit'],
    };
  }

  /** Adds a deployment of commit `n`, created `at`, with its statuses. */
  deploy(
    id: number,
    n: number,
    at: number,
    states: string[] = ['in_progress', 'success'],
    environment = 'production',
  ) {
    this.commitCount = Math.max(this.commitCount, n);
    this.deployments.push({
      id,
      sha: sha(n),
      ref: 'main',
      environment,
      created_at: new Date(at).toISOString(),
    });
    this.statuses.set(
      id,
      states.map((state, i) => ({
        id: id * 100 + i,
        state,
        created_at: new Date(at + (i + 1) * 60_000).toISOString(),
      })),
    );
  }

  calls(pathPattern: RegExp) {
    return this.requests.filter(r => pathPattern.test(r.path));
  }

  handlers(base = API) {
    const repo = `${base}/repos/:owner/:repo`;
    return [
      http.get(`${repo}/deployments`, ({ request }) =>
        this.answer(request, r => {
          const env = r.query.environment;
          const items = this.deployments
            .filter(d => !env || d.environment === env)
            .sort((a, b) => b.id - a.id);
          return this.page(request, r, items);
        }),
      ),
      http.get(`${repo}/deployments/:id/statuses`, ({ request, params }) =>
        this.answer(request, () =>
          HttpResponse.json(
            [...(this.statuses.get(Number(params.id)) ?? [])].reverse(),
          ),
        ),
      ),
      http.get(`${repo}/compare/:basehead`, ({ request, params }) =>
        this.answer(request, r => {
          const [baseSha, headSha] = String(params.basehead).split('...');
          const from = this.index(baseSha);
          const to = this.index(headSha);
          if (from === undefined || to === undefined) {
            return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
          }
          const all: GithubCommit[] = [];
          for (let n = from + 1; n <= to; n++) all.push(this.commit(n));
          const perPage = Number(r.query.per_page ?? 250);
          const page = Number(r.query.page ?? 1);
          return HttpResponse.json({
            status: to > from ? 'ahead' : 'behind',
            ahead_by: Math.max(0, to - from),
            behind_by: Math.max(0, from - to),
            total_commits: all.length,
            commits: all.slice((page - 1) * perPage, page * perPage),
            files: [],
          });
        }),
      ),
      http.get(`${repo}/commits/:sha`, ({ request, params }) =>
        this.answer(request, () => {
          const n = this.index(String(params.sha));
          return n === undefined
            ? HttpResponse.json({ message: 'Not Found' }, { status: 404 })
            : HttpResponse.json(this.commit(n));
        }),
      ),
      http.get(`${repo}/actions/workflows/:workflow/runs`, ({ request }) =>
        this.answer(request, r => {
          const status = r.query.status;
          const items = this.runs
            .filter(
              run =>
                !status || run.status === status || run.conclusion === status,
            )
            .sort((a, b) => b.id - a.id);
          const perPage = Number(r.query.per_page ?? 30);
          const page = Number(r.query.page ?? 1);
          const slice = items.slice((page - 1) * perPage, page * perPage);
          return HttpResponse.json(
            { total_count: items.length, workflow_runs: slice },
            { headers: this.link(request, page, perPage, items.length) },
          );
        }),
      ),
      http.get(`${repo}/actions/runs`, ({ request }) =>
        this.answer(request, r => {
          const items = [...this.repositoryRuns].sort((a, b) => b.id - a.id);
          const perPage = Number(r.query.per_page ?? 30);
          const page = Number(r.query.page ?? 1);
          return HttpResponse.json(
            {
              total_count: items.length,
              workflow_runs: items.slice((page - 1) * perPage, page * perPage),
            },
            { headers: this.link(request, page, perPage, items.length) },
          );
        }),
      ),
    ];
  }

  private index(commitSha: string): number | undefined {
    for (let n = 0; n <= this.commitCount; n++) {
      if (sha(n) === commitSha) return n;
    }
    return undefined;
  }

  private page(request: Request, r: RecordedRequest, items: unknown[]) {
    const perPage = Number(r.query.per_page ?? 30);
    const page = Number(r.query.page ?? 1);
    return HttpResponse.json(
      items.slice((page - 1) * perPage, page * perPage) as never,
      { headers: this.link(request, page, perPage, items.length) },
    );
  }

  private link(request: Request, page: number, perPage: number, total: number) {
    const last = Math.max(1, Math.ceil(total / perPage));
    const url = (p: number) => {
      const u = new URL(request.url);
      u.searchParams.set('page', String(p));
      return u.toString();
    };
    const links = [];
    if (page < last) links.push(`<${url(page + 1)}>; rel="next"`);
    links.push(`<${url(last)}>; rel="last"`);
    return { Link: links.join(', ') };
  }

  private async answer(
    request: Request,
    respond: (r: RecordedRequest) => Response,
  ): Promise<Response> {
    const url = new URL(request.url);
    const recorded: RecordedRequest = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.get('authorization'),
      apiVersion: request.headers.get('x-github-api-version'),
      accept: request.headers.get('accept'),
    };
    this.requests.push(recorded);
    for (const intercept of this.interceptors) {
      const response = await intercept(recorded);
      if (response) return response;
    }
    return respond(recorded);
  }
}

/**
 * An msw server for GitHub calls that lets the test's own requests to the
 * local test backend through.
 */
export function setupGithubServer() {
  return setupServer(localBackendPassthrough);
}
