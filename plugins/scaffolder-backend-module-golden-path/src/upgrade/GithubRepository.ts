import { ForwardedError } from '@backstage/errors';
import { Octokit } from 'octokit';
import {
  ChangeRequest,
  CommitFile,
  pickChangeRequest,
  ScmRepository,
} from './ScmRepository';

/**
 * Options of {@link GithubRepository.create}.
 *
 * @internal
 */
export interface GithubRepositoryOptions {
  owner: string;
  repo: string;
  token: string;
  /** API base URL, e.g. `https://api.github.com`. */
  apiBaseUrl: string;
  /** The fetch to call GitHub with (rate-limit retries). */
  fetch?: typeof fetch;
}

function pullState(pull: {
  state: string;
  merged_at: string | null;
}): ChangeRequest['state'] {
  if (pull.state === 'open') return 'open';
  return pull.merged_at ? 'merged' : 'closed';
}

function isNotFound(error: unknown): boolean {
  return (error as { status?: number }).status === 404;
}

/**
 * An error naming the step and repository, as GitLab's errors do: Octokit's
 * own message is only GitHub's (e.g. "Server Error"), which says nothing on
 * a fleet run's list of states.
 */
function stepFailed(what: string, fullName: string, error: unknown): Error {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  return new Error(
    `Cannot ${what} in ${fullName}: ${
      status ? `GitHub answered ${status}: ` : ''
    }${message}`,
  );
}

async function step<T>(
  what: string,
  fullName: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw stepFailed(what, fullName, error);
  }
}

/**
 * The GitHub REST calls of an upgrade: read files, commit a tree on a
 * branch, find and open pull requests.
 *
 * @internal
 */
export class GithubRepository implements ScmRepository {
  readonly changeRequestName = 'pull request';

  private constructor(
    private readonly octokit: Octokit,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  static create(options: GithubRepositoryOptions): GithubRepository {
    const octokit = new Octokit({
      auth: options.token,
      baseUrl: options.apiBaseUrl,
      // Rate limits are retried by our fetch, the same way as for GitLab.
      throttle: { enabled: false },
      retry: { enabled: false },
      request: options.fetch ? { fetch: options.fetch } : undefined,
    });
    return new GithubRepository(octokit, options.owner, options.repo);
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  async defaultBranch(): Promise<string> {
    const { data } = await step('read the repository', this.fullName, () =>
      this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo }),
    );
    return data.default_branch;
  }

  async readFile(path: string, ref: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.repos.getContent({
        owner: this.owner,
        repo: this.repo,
        path,
        ref,
      });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
        return undefined;
      }
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw new ForwardedError(
        `Cannot read '${path}' of ${this.fullName}`,
        error,
      );
    }
  }

  async branchExists(branch: string): Promise<boolean> {
    return (await this.branchSha(branch)) !== undefined;
  }

  private async branchSha(branch: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.git.getRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
      });
      return data.object.sha;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw stepFailed(`read branch '${branch}'`, this.fullName, error);
    }
  }

  async findChangeRequest(options: {
    branch: string;
    base: string;
  }): Promise<ChangeRequest | undefined> {
    const { data } = await step('list pull requests', this.fullName, () =>
      this.octokit.rest.pulls.list({
        owner: this.owner,
        repo: this.repo,
        head: `${this.owner}:${options.branch}`,
        base: options.base,
        state: 'all',
        per_page: 100,
      }),
    );
    return pickChangeRequest(
      data.map(pull => ({
        number: pull.number,
        url: pull.html_url,
        state: pullState(pull),
        updatedAt: pull.updated_at,
      })),
    );
  }

  async commit(options: {
    branch: string;
    startBranch?: string;
    message: string;
    files: CommitFile[];
  }): Promise<void> {
    const from = options.startBranch ?? options.branch;
    const parentSha = await this.branchSha(from);
    if (!parentSha) {
      throw new Error(`No branch '${from}' in ${this.fullName}`);
    }
    await step(`commit on '${options.branch}'`, this.fullName, () =>
      this.writeCommit(parentSha, options),
    );
  }

  /** A tree and commit on `parentSha`, then the branch pointed at it. */
  private async writeCommit(
    parentSha: string,
    options: {
      branch: string;
      startBranch?: string;
      message: string;
      files: CommitFile[];
    },
  ): Promise<void> {
    const { owner, repo } = this;
    const git = this.octokit.rest.git;
    const { data: parent } = await git.getCommit({
      owner,
      repo,
      commit_sha: parentSha,
    });
    const { data: tree } = await git.createTree({
      owner,
      repo,
      base_tree: parent.tree.sha,
      tree: options.files.map(f =>
        f.content === null
          ? {
              path: f.path,
              mode: '100644' as const,
              type: 'blob' as const,
              sha: null,
            }
          : {
              path: f.path,
              mode: f.path.endsWith('.sh')
                ? ('100755' as const)
                : ('100644' as const),
              type: 'blob' as const,
              content: f.content,
            },
      ),
    });
    const { data: commit } = await git.createCommit({
      owner,
      repo,
      message: options.message,
      tree: tree.sha,
      parents: [parentSha],
    });
    if (options.startBranch) {
      await git.createRef({
        owner,
        repo,
        ref: `refs/heads/${options.branch}`,
        sha: commit.sha,
      });
    } else {
      await git.updateRef({
        owner,
        repo,
        ref: `heads/${options.branch}`,
        sha: commit.sha,
        force: false,
      });
    }
  }

  async openChangeRequest(options: {
    branch: string;
    base: string;
    title: string;
    body: string;
  }): Promise<ChangeRequest> {
    const { data: pull } = await step(
      'open a pull request',
      this.fullName,
      () =>
        this.octokit.rest.pulls.create({
          owner: this.owner,
          repo: this.repo,
          title: options.title,
          body: options.body,
          head: options.branch,
          base: options.base,
        }),
    );
    return { url: pull.html_url, number: pull.number, state: 'open' };
  }
}
