import {
  ChangeRequest,
  CommitFile,
  pickChangeRequest,
  ScmRepository,
} from './ScmRepository';

/**
 * Options of {@link GitlabRepository.create}.
 *
 * @internal
 */
export interface GitlabRepositoryOptions {
  /** Project path, e.g. `acme/payments` or `acme/team/payments`. */
  projectPath: string;
  token: string;
  /** API base URL, e.g. `https://gitlab.com/api/v4`. */
  apiBaseUrl: string;
  /** The fetch to call GitLab with (rate-limit retries). */
  fetch?: typeof fetch;
}

type GitlabMergeRequest = {
  iid: number;
  web_url: string;
  state: 'opened' | 'closed' | 'locked' | 'merged';
  updated_at?: string;
};

/** GitLab's error text: `message` (a string, a list or an object) or `error`. */
function gitlabMessage(text: string): string {
  let body: { message?: unknown; error?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return text.slice(0, 300);
  }
  const message = body?.message ?? body?.error;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return message === undefined ? '' : JSON.stringify(message).slice(0, 300);
}

const STATES: Record<GitlabMergeRequest['state'], ChangeRequest['state']> = {
  opened: 'open',
  locked: 'open',
  merged: 'merged',
  closed: 'closed',
};

function toChangeRequest(mr: GitlabMergeRequest) {
  return {
    number: mr.iid,
    url: mr.web_url,
    state: STATES[mr.state] ?? 'open',
    updatedAt: mr.updated_at,
  };
}

/**
 * The GitLab REST API v4 calls of an upgrade (gitlab.com or self-managed):
 * read files, commit with the Commits API, find and open merge requests.
 *
 * @internal
 */
export class GitlabRepository implements ScmRepository {
  readonly changeRequestName = 'merge request';

  private constructor(private readonly options: GitlabRepositoryOptions) {}

  static create(options: GitlabRepositoryOptions): GitlabRepository {
    return new GitlabRepository(options);
  }

  get fullName(): string {
    return this.options.projectPath;
  }

  private async request<T>(
    what: string,
    path: string,
    init: { method?: string; body?: unknown; notFound?: 'undefined' } = {},
  ): Promise<T | undefined> {
    const project = encodeURIComponent(this.options.projectPath);
    const url = `${this.options.apiBaseUrl}/projects/${project}${path}`;
    const doFetch = this.options.fetch ?? fetch;
    const res = await doFetch(url, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${this.options.token}`,
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    if (res.status === 404 && init.notFound === 'undefined') {
      await res.arrayBuffer().catch(() => undefined);
      return undefined;
    }
    if (!res.ok) {
      const detail = gitlabMessage(await res.text());
      throw new Error(
        `Cannot ${what} in ${this.fullName}: GitLab answered ${res.status} ${
          res.statusText
        }${detail ? `: ${detail}` : ''}`,
      );
    }
    return (await res.json()) as T;
  }

  async defaultBranch(): Promise<string> {
    const project = await this.request<{ default_branch: string }>(
      'read the project',
      '',
    );
    return project!.default_branch;
  }

  async readFile(path: string, ref: string): Promise<string | undefined> {
    const file = await this.request<{ content: string; encoding: string }>(
      `read '${path}'`,
      `/repository/files/${encodeURIComponent(path)}?ref=${encodeURIComponent(
        ref,
      )}`,
      { notFound: 'undefined' },
    );
    if (!file) return undefined;
    return file.encoding === 'base64'
      ? Buffer.from(file.content, 'base64').toString('utf8')
      : file.content;
  }

  async branchExists(branch: string): Promise<boolean> {
    const found = await this.request<{ name: string }>(
      `read branch '${branch}'`,
      `/repository/branches/${encodeURIComponent(branch)}`,
      { notFound: 'undefined' },
    );
    return found !== undefined;
  }

  async findChangeRequest(options: {
    branch: string;
    base: string;
  }): Promise<ChangeRequest | undefined> {
    const query = new URLSearchParams({
      source_branch: options.branch,
      target_branch: options.base,
      state: 'all',
      per_page: '100',
    });
    const found = await this.request<GitlabMergeRequest[]>(
      'list merge requests',
      `/merge_requests?${query}`,
    );
    return pickChangeRequest(found!.map(toChangeRequest));
  }

  async commit(options: {
    branch: string;
    startBranch?: string;
    message: string;
    files: CommitFile[];
  }): Promise<void> {
    const actions = options.files.flatMap(f => {
      if (f.content === null) {
        return [{ action: 'delete', file_path: f.path }];
      }
      const write = {
        action: f.exists ? 'update' : 'create',
        file_path: f.path,
        content: f.content,
      };
      return !f.exists && f.path.endsWith('.sh')
        ? [
            write,
            { action: 'chmod', file_path: f.path, execute_filemode: true },
          ]
        : [write];
    });
    await this.request('commit', '/repository/commits', {
      method: 'POST',
      body: {
        branch: options.branch,
        ...(options.startBranch ? { start_branch: options.startBranch } : {}),
        commit_message: options.message,
        actions,
      },
    });
  }

  async openChangeRequest(options: {
    branch: string;
    base: string;
    title: string;
    body: string;
  }): Promise<ChangeRequest> {
    const mr = await this.request<GitlabMergeRequest>(
      'open a merge request',
      '/merge_requests',
      {
        method: 'POST',
        body: {
          source_branch: options.branch,
          target_branch: options.base,
          title: options.title,
          description: options.body,
          remove_source_branch: true,
        },
      },
    );
    const { number, url, state } = toChangeRequest(mr!);
    return { number, url, state };
  }
}
