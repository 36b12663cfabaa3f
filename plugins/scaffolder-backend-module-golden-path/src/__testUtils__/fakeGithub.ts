import { http, HttpResponse } from 'msw';

export type RecordedCall = {
  method: string;
  path: string;
  body?: any;
  auth?: string | null;
};

/**
 * A GitHub REST API stand-in for one repository, answering with the payload
 * shapes GitHub documents, and recording every call.
 */
export type FakePull = {
  number: number;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged_at: string | null;
};

export class FakeGithub {
  readonly calls: RecordedCall[] = [];
  /** Branch name to head commit sha. */
  readonly refs = new Map<string, string>([['main', 'base-sha']]);
  readonly pulls: FakePull[] = [];
  /** Tree sha to its files; `base-tree` is main's (`files`). */
  private readonly trees = new Map<string, Map<string, string>>();
  /** Commit sha to tree sha; unknown commits have main's tree. */
  private readonly commitTrees = new Map<string, string>();
  private readonly failures: Array<{
    response: () => Response;
    match: (method: string, path: string) => boolean;
  }> = [];
  private created = 0;

  constructor(readonly fullName: string, readonly files: Map<string, string>) {
    this.trees.set('base-tree', files);
  }

  /** Answers the next matching request (path after the repository) with `response`. */
  failNext(
    response: () => Response,
    match: (method: string, path: string) => boolean = () => true,
  ) {
    this.failures.push({ response, match });
  }

  /** The files at a branch (or commit sha). */
  filesAt(ref: string): Map<string, string> {
    const commit = this.refs.get(ref) ?? ref;
    return this.trees.get(this.commitTrees.get(commit) ?? 'base-tree')!;
  }

  private nextSha(prefix: string): string {
    this.created++;
    return this.created <= 2 ? prefix : `${prefix}-${this.created}`;
  }

  get writes(): RecordedCall[] {
    return this.calls.filter(
      c => c.method !== 'GET' && !c.path.startsWith('!'),
    );
  }

  handlers() {
    const base = `https://api.github.com/repos/${this.fullName}`;
    const record = async (request: Request, path: string) => {
      const body =
        request.method === 'GET' ? undefined : await request.clone().json();
      this.calls.push({
        method: request.method,
        path,
        body,
        auth: request.headers.get('authorization'),
      });
      return body;
    };
    const routes = [
      http.get(base, async ({ request }) => {
        await record(request, '/');
        const [owner, name] = this.fullName.split('/');
        return HttpResponse.json({
          id: 1,
          name,
          full_name: this.fullName,
          owner: { login: owner },
          default_branch: 'main',
        });
      }),
      http.get(`${base}/contents/*`, async ({ request }) => {
        const url = new URL(request.url);
        const path = decodeURIComponent(url.pathname.split('/contents/')[1]);
        await record(
          request,
          `/contents/${path}?ref=${url.searchParams.get('ref')}`,
        );
        const content = this.filesAt(url.searchParams.get('ref') ?? 'main').get(
          path,
        );
        if (content === undefined) {
          return HttpResponse.json(
            {
              message: 'Not Found',
              documentation_url:
                'https://docs.github.com/rest/repos/contents#get-repository-content',
            },
            { status: 404 },
          );
        }
        return HttpResponse.json({
          type: 'file',
          encoding: 'base64',
          size: content.length,
          name: path.split('/').pop(),
          path,
          sha: `blob-${path}`,
          content: Buffer.from(content).toString('base64'),
        });
      }),
      http.get(`${base}/git/ref/*`, async ({ request }) => {
        const ref = decodeURIComponent(
          new URL(request.url).pathname.split('/git/ref/')[1],
        );
        await record(request, `/git/ref/${ref}`);
        const sha = this.refs.get(ref.replace(/^heads\//, ''));
        if (!sha) {
          return HttpResponse.json(
            {
              message: 'Not Found',
              documentation_url:
                'https://docs.github.com/rest/git/refs#get-a-reference',
            },
            { status: 404 },
          );
        }
        return HttpResponse.json({
          ref: `refs/${ref}`,
          node_id: 'REF_1',
          url: `${base}/git/refs/${ref}`,
          object: { sha, type: 'commit', url: `${base}/git/commits/${sha}` },
        });
      }),
      http.get(`${base}/git/commits/:sha`, async ({ request, params }) => {
        await record(request, `/git/commits/${params.sha}`);
        return HttpResponse.json({
          sha: params.sha,
          tree: {
            sha: this.commitTrees.get(params.sha as string) ?? 'base-tree',
          },
        });
      }),
      http.post(`${base}/git/trees`, async ({ request }) => {
        const body = await record(request, '/git/trees');
        const files = new Map(this.trees.get(body.base_tree));
        for (const entry of body.tree) {
          if (entry.sha === null) files.delete(entry.path);
          else files.set(entry.path, entry.content);
        }
        const sha = this.nextSha('new-tree');
        this.trees.set(sha, files);
        return HttpResponse.json({ sha, tree: [] }, { status: 201 });
      }),
      http.post(`${base}/git/commits`, async ({ request }) => {
        const body = await record(request, '/git/commits');
        const sha = this.nextSha('new-commit');
        this.commitTrees.set(sha, body.tree);
        return HttpResponse.json({ sha }, { status: 201 });
      }),
      http.post(`${base}/git/refs`, async ({ request }) => {
        const body = await record(request, '/git/refs');
        this.refs.set(body.ref.replace(/^refs\/heads\//, ''), body.sha);
        return HttpResponse.json(
          { ref: body.ref, object: { sha: body.sha } },
          { status: 201 },
        );
      }),
      http.patch(`${base}/git/refs/*`, async ({ request }) => {
        const ref = decodeURIComponent(
          new URL(request.url).pathname.split('/git/refs/')[1],
        );
        const body = await record(request, `/git/refs/${ref}`);
        this.refs.set(ref.replace(/^heads\//, ''), body.sha);
        return HttpResponse.json({
          ref: `refs/${ref}`,
          object: { sha: body.sha, type: 'commit' },
        });
      }),
      http.get(`${base}/pulls`, async ({ request }) => {
        const url = new URL(request.url);
        await record(request, `/pulls${url.search}`);
        const [owner] = this.fullName.split('/');
        const head = url.searchParams.get('head');
        const baseRef = url.searchParams.get('base');
        const state = url.searchParams.get('state') ?? 'open';
        return HttpResponse.json(
          this.pulls
            .filter(
              p =>
                (!head || head === `${owner}:${p.head}`) &&
                (!baseRef || baseRef === p.base) &&
                (state === 'all' || state === p.state),
            )
            .map(p => this.pullPayload(p)),
        );
      }),
      http.post(`${base}/pulls`, async ({ request }) => {
        const body = await record(request, '/pulls');
        const pull: FakePull = {
          number: 42 + this.pulls.length,
          head: body.head,
          base: body.base,
          state: 'open',
          merged_at: null,
        };
        this.pulls.push(pull);
        return HttpResponse.json(this.pullPayload(pull), { status: 201 });
      }),
    ];
    // Queued failures (e.g. rate limits) answer first, whatever the route.
    return [
      http.all(`${base}*`, async ({ request }) => {
        const path = new URL(request.url).pathname.slice(
          new URL(base).pathname.length,
        );
        const i = this.failures.findIndex(f => f.match(request.method, path));
        if (i < 0) return undefined;
        const [failure] = this.failures.splice(i, 1);
        const response = failure.response();
        this.calls.push({
          method: request.method,
          path: `! ${response.status}`,
          auth: request.headers.get('authorization'),
        });
        return response;
      }),
      ...routes,
    ];
  }

  /** A pull request as GitHub's "List pull requests" documents it. */
  private pullPayload(p: FakePull) {
    const [owner] = this.fullName.split('/');
    return {
      number: p.number,
      html_url: `https://github.com/${this.fullName}/pull/${p.number}`,
      state: p.state,
      title: 'Upgrade',
      merged_at: p.merged_at,
      updated_at: '2026-11-20T10:00:00Z',
      head: { ref: p.head, label: `${owner}:${p.head}` },
      base: { ref: p.base, label: `${owner}:${p.base}` },
    };
  }
}
