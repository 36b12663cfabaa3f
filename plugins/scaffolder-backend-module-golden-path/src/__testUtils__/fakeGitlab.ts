import { http, HttpResponse } from 'msw';
import { RecordedCall } from './fakeGithub';

export const GITLAB_API = 'https://gitlab.com/api/v4';

export type FakeMergeRequest = {
  iid: number;
  source_branch: string;
  target_branch: string;
  title: string;
  description: string;
  state: 'opened' | 'closed' | 'merged';
};

type Failure = {
  response: () => Response;
  match: (method: string, path: string) => boolean;
};

/**
 * A GitLab REST API v4 stand-in for one project, answering with the payload
 * shapes of GitLab's API docs (Projects, Repository files, Branches, Commits,
 * Merge requests), keeping files per branch and recording every call.
 */
export class FakeGitlab {
  readonly calls: RecordedCall[] = [];
  readonly branches = new Map<string, Map<string, string>>();
  readonly executables = new Set<string>();
  readonly mergeRequests: FakeMergeRequest[] = [];
  private readonly failures: Failure[] = [];

  constructor(
    readonly projectPath: string,
    files: Map<string, string>,
    readonly apiBaseUrl = GITLAB_API,
  ) {
    this.branches.set('main', new Map(files));
  }

  get files(): Map<string, string> {
    return this.branches.get('main')!;
  }

  get writes(): RecordedCall[] {
    return this.calls.filter(
      c => c.method !== 'GET' && !c.path.startsWith('!'),
    );
  }

  /** Answers the next matching request with `response` instead. */
  failNext(
    response: () => Response,
    match: (method: string, path: string) => boolean = () => true,
  ) {
    this.failures.push({ response, match });
  }

  handlers() {
    const project = `${this.apiBaseUrl}/projects/${encodeURIComponent(
      this.projectPath,
    )}`;
    const notFound = (what: string) =>
      HttpResponse.json({ message: `404 ${what} Not Found` }, { status: 404 });
    const param = (request: Request, after: string) =>
      decodeURIComponent(new URL(request.url).pathname.split(after)[1]);
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
    const branchPayload = (name: string) => ({
      name,
      merged: false,
      protected: name === 'main',
      default: name === 'main',
      developers_can_push: false,
      developers_can_merge: false,
      can_push: true,
      web_url: `https://gitlab.com/${this.projectPath}/-/tree/${name}`,
      commit: {
        id: `${name}-head`,
        short_id: `${name}-h`,
        title: 'Head',
        message: 'Head',
        parent_ids: [],
      },
    });
    return [
      http.all(`${project}*`, async ({ request }) => {
        const url = new URL(request.url);
        const path = url.pathname.slice(new URL(project).pathname.length);
        const i = this.failures.findIndex(f => f.match(request.method, path));
        if (i < 0) return undefined;
        const [failure] = this.failures.splice(i, 1);
        const response = failure.response();
        this.calls.push({
          method: request.method,
          path: `! ${response.status} ${path}`,
        });
        return response;
      }),
      http.get(project, async ({ request }) => {
        await record(request, '/');
        return HttpResponse.json({
          id: 7,
          name: this.projectPath.split('/').pop(),
          path_with_namespace: this.projectPath,
          default_branch: 'main',
          web_url: `https://gitlab.com/${this.projectPath}`,
        });
      }),
      http.get(`${project}/repository/files/*`, async ({ request }) => {
        const path = param(request, '/repository/files/');
        const ref = new URL(request.url).searchParams.get('ref') ?? '';
        await record(request, `/repository/files/${path}?ref=${ref}`);
        const content = this.branches.get(ref)?.get(path);
        if (content === undefined) return notFound('File');
        return HttpResponse.json({
          file_name: path.split('/').pop(),
          file_path: path,
          size: content.length,
          encoding: 'base64',
          content: Buffer.from(content).toString('base64'),
          content_sha256: 'sha256',
          ref,
          blob_id: `blob-${path}`,
          commit_id: `${ref}-head`,
          last_commit_id: `${ref}-head`,
          execute_filemode: this.executables.has(path),
        });
      }),
      http.get(`${project}/repository/branches/*`, async ({ request }) => {
        const name = param(request, '/repository/branches/');
        await record(request, `/repository/branches/${name}`);
        return this.branches.has(name)
          ? HttpResponse.json(branchPayload(name))
          : notFound('Branch');
      }),
      http.post(`${project}/repository/commits`, async ({ request }) => {
        const body = await record(request, '/repository/commits');
        return this.commit(body);
      }),
      http.get(`${project}/merge_requests`, async ({ request }) => {
        const url = new URL(request.url);
        await record(request, `/merge_requests${url.search}`);
        const q = url.searchParams;
        const state = q.get('state') ?? 'all';
        return HttpResponse.json(
          this.mergeRequests
            .filter(
              mr =>
                (!q.get('source_branch') ||
                  q.get('source_branch') === mr.source_branch) &&
                (!q.get('target_branch') ||
                  q.get('target_branch') === mr.target_branch) &&
                (state === 'all' || state === mr.state),
            )
            .map(mr => this.mrPayload(mr)),
        );
      }),
      http.post(`${project}/merge_requests`, async ({ request }) => {
        const body = await record(request, '/merge_requests');
        const open = this.mergeRequests.find(
          mr =>
            mr.source_branch === body.source_branch && mr.state === 'opened',
        );
        if (open) {
          return HttpResponse.json(
            {
              message: [
                `Another open merge request already exists for this source branch: !${open.iid}`,
              ],
            },
            { status: 409 },
          );
        }
        if (!this.branches.has(body.source_branch)) {
          return HttpResponse.json(
            { message: ['Source branch does not exist'] },
            { status: 422 },
          );
        }
        const mr: FakeMergeRequest = {
          iid: this.mergeRequests.length + 1,
          source_branch: body.source_branch,
          target_branch: body.target_branch,
          title: body.title,
          description: body.description,
          state: 'opened',
        };
        this.mergeRequests.push(mr);
        return HttpResponse.json(this.mrPayload(mr), { status: 201 });
      }),
    ];
  }

  /** The Commits API: applies `actions` on `branch`, created from `start_branch`. */
  private commit(body: any): Response {
    const error = (message: string) =>
      HttpResponse.json({ message }, { status: 400 });
    let files = this.branches.get(body.branch);
    if (!files) {
      const start = body.start_branch && this.branches.get(body.start_branch);
      if (!start)
        return error(
          'You can only create or edit files when you are on a branch',
        );
      files = new Map(start);
    } else if (body.start_branch) {
      return error(`A branch called '${body.branch}' already exists`);
    }
    for (const a of body.actions) {
      const exists = files.has(a.file_path);
      if (a.action === 'create') {
        if (exists) return error('A file with this name already exists');
        files.set(a.file_path, a.content);
      } else if (a.action === 'update') {
        if (!exists) return error("A file with this name doesn't exist");
        files.set(a.file_path, a.content);
      } else if (a.action === 'delete') {
        if (!exists) return error("A file with this name doesn't exist");
        files.delete(a.file_path);
      } else if (a.action === 'chmod') {
        if (!exists) return error("A file with this name doesn't exist");
        if (a.execute_filemode) this.executables.add(a.file_path);
      } else {
        return error(`Unknown action '${a.action}'`);
      }
    }
    this.branches.set(body.branch, files);
    return HttpResponse.json(
      {
        id: 'ed899a2f4b50b4370feeea94676502b42383c746',
        short_id: 'ed899a2f4b5',
        title: body.commit_message,
        message: body.commit_message,
        author_name: 'Jane',
        parent_ids: [`${body.start_branch ?? body.branch}-head`],
        committed_date: '2026-11-20T10:00:00.000Z',
        web_url: `https://gitlab.com/${this.projectPath}/-/commit/ed899a2f`,
      },
      { status: 201 },
    );
  }

  /** A merge request as GitLab's Merge requests API documents it. */
  private mrPayload(mr: FakeMergeRequest) {
    return {
      id: 1000 + mr.iid,
      iid: mr.iid,
      project_id: 7,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      source_branch: mr.source_branch,
      target_branch: mr.target_branch,
      created_at: '2026-11-20T10:00:00.000Z',
      updated_at: '2026-11-20T10:00:00.000Z',
      merged_at: mr.state === 'merged' ? '2026-11-21T10:00:00.000Z' : null,
      web_url: `https://gitlab.com/${this.projectPath}/-/merge_requests/${mr.iid}`,
    };
  }
}
