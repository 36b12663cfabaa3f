import { http, HttpResponse } from 'msw';
import { ScmCall } from './fakeGithubApi';

export const GITLAB_API = 'https://gitlab.com/api/v4';

type MergeRequest = {
  iid: number;
  source_branch: string;
  target_branch: string;
  title: string;
};

const gitlabError = (status: number, message: string | string[]) =>
  HttpResponse.json({ message }, { status });

/**
 * GitLab's REST API v4 for a few projects (Projects, Repository files,
 * Branches, Commits, Merge requests), answering with the payload shapes of
 * docs.gitlab.com, keeping files per branch and recording every call.
 */
export class FakeGitlabApi {
  readonly calls: ScmCall[] = [];
  private readonly projects = new Map<
    string,
    { branches: Map<string, Map<string, string>>; mrs: MergeRequest[] }
  >();

  /** Adds a project whose default branch `main` has `files`. */
  addProject(path: string, files: Map<string, string>) {
    this.projects.set(path, {
      branches: new Map([['main', new Map(files)]]),
      mrs: [],
    });
  }

  /** Merge requests created in the project. */
  mergeRequests(path: string): MergeRequest[] {
    return this.projects.get(path)!.mrs;
  }

  /** The files of a branch. */
  filesAt(path: string, branch: string) {
    return this.projects.get(path)!.branches.get(branch);
  }

  handlers() {
    return [...this.projects.keys()].flatMap(p => this.projectHandlers(p));
  }

  private projectHandlers(projectPath: string) {
    const { branches, mrs } = this.projects.get(projectPath)!;
    const base = `${GITLAB_API}/projects/${encodeURIComponent(projectPath)}`;
    const web = `https://gitlab.com/${projectPath}`;
    const param = (request: Request, marker: string) =>
      decodeURIComponent(new URL(request.url).pathname.split(marker)[1]);
    const mrPayload = (mr: MergeRequest) => ({
      id: 5000 + mr.iid,
      iid: mr.iid,
      project_id: 7,
      title: mr.title,
      state: 'opened',
      source_branch: mr.source_branch,
      target_branch: mr.target_branch,
      author: { id: 1, username: 'backstage-bot', name: 'Backstage' },
      created_at: '2026-12-01T10:00:00.000Z',
      updated_at: '2026-12-01T10:00:00.000Z',
      merged_at: null,
      closed_at: null,
      draft: false,
      merge_status: 'can_be_merged',
      web_url: `${web}/-/merge_requests/${mr.iid}`,
    });
    return [
      http.all(`${base}*`, async ({ request }) => {
        const url = new URL(request.url);
        this.calls.push({
          repo: projectPath,
          method: request.method,
          path:
            decodeURIComponent(
              url.pathname.slice(new URL(base).pathname.length),
            ) + url.search,
          body:
            request.method === 'GET' ? undefined : await request.clone().json(),
          auth: request.headers.get('authorization'),
          at: Date.now(),
        });
        return undefined;
      }),
      http.get(base, () =>
        HttpResponse.json({
          id: 7,
          name: projectPath.split('/').pop(),
          path_with_namespace: projectPath,
          default_branch: 'main',
          visibility: 'private',
          web_url: web,
        }),
      ),
      http.get(`${base}/repository/files/*`, ({ request }) => {
        const path = param(request, '/repository/files/');
        const ref = new URL(request.url).searchParams.get('ref') ?? '';
        const content = branches.get(ref)?.get(path);
        if (content === undefined)
          return gitlabError(404, '404 File Not Found');
        return HttpResponse.json({
          file_name: path.split('/').pop(),
          file_path: path,
          size: Buffer.byteLength(content),
          encoding: 'base64',
          content: Buffer.from(content).toString('base64'),
          content_sha256: 'unused',
          ref,
          blob_id: `blob-${path}`,
          commit_id: `${ref}-head`,
          last_commit_id: `${ref}-head`,
          execute_filemode: false,
        });
      }),
      http.get(`${base}/repository/branches/*`, ({ request }) => {
        const name = param(request, '/repository/branches/');
        if (!branches.has(name))
          return gitlabError(404, '404 Branch Not Found');
        return HttpResponse.json({
          name,
          merged: false,
          protected: name === 'main',
          default: name === 'main',
          developers_can_push: false,
          developers_can_merge: false,
          can_push: true,
          web_url: `${web}/-/tree/${name}`,
          commit: { id: `${name}-head`, short_id: `${name}-h`, title: 'Head' },
        });
      }),
      http.post(`${base}/repository/commits`, async ({ request }) => {
        const body: any = await request.json();
        const start = body.start_branch && branches.get(body.start_branch);
        const invalid = body.start_branch
          ? !start || branches.has(body.branch)
          : !branches.has(body.branch);
        if (invalid) {
          return gitlabError(400, `Cannot commit on '${body.branch}'`);
        }
        const files = new Map<string, string>(
          branches.get(body.branch) ?? start,
        );
        for (const a of body.actions) {
          if (a.action === 'delete') files.delete(a.file_path);
          else if (a.action !== 'chmod') files.set(a.file_path, a.content);
        }
        branches.set(body.branch, files);
        return HttpResponse.json(
          {
            id: 'ed899a2f4b50b4370feeea94676502b42383c746',
            short_id: 'ed899a2f4b5',
            title: body.commit_message,
            message: body.commit_message,
            author_name: 'Backstage',
            committed_date: '2026-12-01T10:00:00.000Z',
            web_url: `${web}/-/commit/ed899a2f4b50b4370feeea94676502b42383c746`,
          },
          { status: 201 },
        );
      }),
      http.get(`${base}/merge_requests`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        return HttpResponse.json(
          mrs
            .filter(
              mr =>
                (!q.get('source_branch') ||
                  q.get('source_branch') === mr.source_branch) &&
                (!q.get('target_branch') ||
                  q.get('target_branch') === mr.target_branch),
            )
            .map(mrPayload),
        );
      }),
      http.post(`${base}/merge_requests`, async ({ request }) => {
        const body: any = await request.json();
        const open = mrs.find(mr => mr.source_branch === body.source_branch);
        if (open) {
          return gitlabError(409, [
            `Another open merge request already exists for this source branch: !${open.iid}`,
          ]);
        }
        if (!branches.has(body.source_branch)) {
          return gitlabError(422, ['Source branch does not exist']);
        }
        const mr = {
          iid: mrs.length + 1,
          source_branch: body.source_branch,
          target_branch: body.target_branch,
          title: body.title,
        };
        mrs.push(mr);
        return HttpResponse.json(mrPayload(mr), { status: 201 });
      }),
    ];
  }
}
