import { http, HttpResponse } from 'msw';
import {
  githubPayloads,
  notFound,
  Pull,
  unprocessable,
} from './githubPayloads';

export const GITHUB_API = 'https://api.github.com';

/** One request that reached a fake SCM API. */
export interface ScmCall {
  /** `owner/repo` or `group/project`. */
  repo: string;
  method: string;
  /** Path after the repository (or project), with the query. */
  path: string;
  /** The status a queued failure answered with, if one did. */
  failedWith?: number;
  body?: any;
  auth: string | null;
  at: number;
}

type Failure = {
  match: (call: ScmCall) => boolean;
  respond: () => Response;
};

interface Repo {
  /** Branch name to commit sha. */
  refs: Map<string, string>;
  /** Commit sha to its files. */
  commits: Map<string, Map<string, string>>;
  /** Tree sha to its files. */
  trees: Map<string, Map<string, string>>;
  pulls: Pull[];
}

/** The part of the path after `marker`, decoded (Octokit encodes slashes). */
const after = (request: Request, marker: string) =>
  decodeURIComponent(new URL(request.url).pathname.split(marker)[1]);

/**
 * GitHub's REST API for a few repositories (Repositories, Contents, Git
 * database refs/commits/trees, Pulls), answering with the payload shapes of
 * docs.github.com and recording every call.
 */
export class FakeGithubApi {
  readonly calls: ScmCall[] = [];
  private readonly repos = new Map<string, Repo>();
  private readonly failures: Failure[] = [];
  private shas = 0;
  /** Repositories whose next pull creation stores the pull, then never answers. */
  private readonly hangAfterPull = new Map<string, () => void>();

  /** Adds a repository whose default branch `main` has `files`. */
  addRepo(fullName: string, files: Map<string, string>) {
    const sha = this.sha('commit');
    this.repos.set(fullName, {
      refs: new Map([['main', sha]]),
      commits: new Map([[sha, new Map(files)]]),
      trees: new Map(),
      pulls: [],
    });
  }

  /** Pull requests created in the repository. */
  pulls(fullName: string): Pull[] {
    return this.repos.get(fullName)!.pulls;
  }

  /** The files of a branch. */
  filesAt(fullName: string, branch: string) {
    const repo = this.repos.get(fullName)!;
    const sha = repo.refs.get(branch);
    return sha ? repo.commits.get(sha) : undefined;
  }

  /** Calls to the repository that changed something (or tried to). */
  writes(fullName: string): ScmCall[] {
    return this.calls.filter(c => c.repo === fullName && c.method !== 'GET');
  }

  /** Answers the next call matching `match` with `respond()` instead. */
  failNext(match: (call: ScmCall) => boolean, respond: () => Response) {
    this.failures.push({ match, respond });
  }

  /**
   * The next pull request created in the repository is stored, but its
   * response never comes, as when the process dies mid-request; resolves
   * once the pull request exists.
   */
  hangAfterNextPull(fullName: string): Promise<void> {
    return new Promise(resolve => this.hangAfterPull.set(fullName, resolve));
  }

  private sha(kind: string) {
    this.shas += 1;
    return `${kind}${String(this.shas).padStart(4, '0')}`.padEnd(40, '0');
  }

  handlers() {
    return [...this.repos.keys()].flatMap(name => this.repoHandlers(name));
  }

  private repoHandlers(fullName: string) {
    const repo = this.repos.get(fullName)!;
    const base = `${GITHUB_API}/repos/${fullName}`;
    const [owner, name] = fullName.split('/');
    const payload = githubPayloads(base, fullName, repo.refs);

    return [
      // Records every call; queued failures answer before the routes.
      http.all(`${base}*`, async ({ request }) => {
        const url = new URL(request.url);
        const call: ScmCall = {
          repo: fullName,
          method: request.method,
          path:
            decodeURIComponent(
              url.pathname.slice(base.length - GITHUB_API.length),
            ) + url.search,
          body:
            request.method === 'GET' ? undefined : await request.clone().json(),
          auth: request.headers.get('authorization'),
          at: Date.now(),
        };
        this.calls.push(call);
        const i = this.failures.findIndex(f => f.match(call));
        if (i < 0) return undefined;
        const [failure] = this.failures.splice(i, 1);
        const response = failure.respond();
        call.failedWith = response.status;
        return response;
      }),
      http.get(base, () =>
        HttpResponse.json({
          id: 1,
          node_id: 'R_1',
          name,
          full_name: fullName,
          private: true,
          owner: { login: owner, id: 2, type: 'Organization' },
          html_url: `https://github.com/${fullName}`,
          default_branch: 'main',
        }),
      ),
      http.get(`${base}/contents/*`, ({ request }) => {
        const path = after(request, '/contents/');
        const ref = new URL(request.url).searchParams.get('ref') ?? 'main';
        const files = repo.commits.get(repo.refs.get(ref) ?? ref);
        const content = files?.get(path);
        if (content === undefined)
          return notFound('repos/contents#get-repository-content');
        return HttpResponse.json({
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(content),
          name: path.split('/').pop(),
          path,
          content: Buffer.from(content).toString('base64'),
          sha: `blob-${path}`,
          url: `${base}/contents/${path}?ref=${ref}`,
          git_url: null,
          html_url: `https://github.com/${fullName}/blob/${ref}/${path}`,
          download_url: null,
          _links: { self: `${base}/contents/${path}`, git: null, html: null },
        });
      }),
      http.get(`${base}/git/ref/*`, ({ request }) => {
        const branch = after(request, '/git/ref/').replace(/^heads\//, '');
        const sha = repo.refs.get(branch);
        return sha
          ? HttpResponse.json(payload.ref(branch, sha))
          : notFound('git/refs#get-a-reference');
      }),
      http.get(`${base}/git/commits/:sha`, ({ params }) => {
        const sha = String(params.sha);
        if (!repo.commits.has(sha))
          return notFound('git/commits#get-a-commit-object');
        return HttpResponse.json(payload.commit(sha, [], 'Commit'));
      }),
      http.post(`${base}/git/trees`, async ({ request }) => {
        const body: any = await request.json();
        const parent = String(body.base_tree).replace(/^tree-of-/, '');
        const files = new Map(repo.commits.get(parent));
        for (const entry of body.tree) {
          if (entry.sha === null) files.delete(entry.path);
          else files.set(entry.path, entry.content);
        }
        const sha = this.sha('tree');
        repo.trees.set(sha, files);
        return HttpResponse.json(
          { sha, url: `${base}/git/trees/${sha}`, tree: [], truncated: false },
          { status: 201 },
        );
      }),
      http.post(`${base}/git/commits`, async ({ request }) => {
        const body: any = await request.json();
        const files = repo.trees.get(body.tree);
        if (!files)
          return unprocessable(
            'git/commits#create-a-commit',
            'Commit',
            'Tree SHA does not exist',
          );
        const sha = this.sha('commit');
        repo.commits.set(sha, files);
        return HttpResponse.json(
          payload.commit(sha, body.parents, body.message),
          { status: 201 },
        );
      }),
      http.post(`${base}/git/refs`, async ({ request }) => {
        const body: any = await request.json();
        const branch = String(body.ref).replace(/^refs\/heads\//, '');
        if (repo.refs.has(branch)) {
          return unprocessable(
            'git/refs#create-a-reference',
            'Reference',
            'Reference already exists',
          );
        }
        repo.refs.set(branch, body.sha);
        return HttpResponse.json(payload.ref(branch, body.sha), {
          status: 201,
        });
      }),
      http.patch(`${base}/git/refs/*`, async ({ request }) => {
        const branch = after(request, '/git/refs/').replace(/^heads\//, '');
        const body: any = await request.json();
        repo.refs.set(branch, body.sha);
        return HttpResponse.json(payload.ref(branch, body.sha));
      }),
      http.get(`${base}/pulls`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        const state = q.get('state') ?? 'open';
        return HttpResponse.json(
          repo.pulls
            .filter(
              p =>
                (!q.get('head') || q.get('head') === `${owner}:${p.head}`) &&
                (!q.get('base') || q.get('base') === p.base) &&
                (state === 'all' || state === 'open'),
            )
            .map(payload.pull),
        );
      }),
      http.post(`${base}/pulls`, async ({ request }) => {
        const body: any = await request.json();
        if (repo.pulls.some(p => p.head === body.head)) {
          return unprocessable(
            'pulls/pulls#create-a-pull-request',
            'PullRequest',
            `A pull request already exists for ${owner}:${body.head}.`,
          );
        }
        if (!repo.refs.has(body.head)) {
          return unprocessable(
            'pulls/pulls#create-a-pull-request',
            'PullRequest',
            'head invalid',
          );
        }
        const pull = {
          number: 41 + repo.pulls.length + 1,
          head: body.head,
          base: body.base,
          title: body.title,
        };
        repo.pulls.push(pull);
        const reached = this.hangAfterPull.get(fullName);
        if (reached) {
          this.hangAfterPull.delete(fullName);
          reached();
          return new Promise<Response>(() => {});
        }
        return HttpResponse.json(payload.pull(pull), { status: 201 });
      }),
    ];
  }
}
