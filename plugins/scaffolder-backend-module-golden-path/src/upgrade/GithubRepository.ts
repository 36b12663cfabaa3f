import { ForwardedError } from '@backstage/errors';
import { Octokit } from 'octokit';
import { FileChange } from './planUpgrade';

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
}

/**
 * The few GitHub REST calls an upgrade needs: read files, commit a tree on a
 * new branch, open a pull request.
 *
 * @internal
 */
export class GithubRepository {
  private constructor(
    private readonly octokit: Octokit,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  static create(options: GithubRepositoryOptions): GithubRepository {
    const octokit = new Octokit({
      auth: options.token,
      baseUrl: options.apiBaseUrl,
      throttle: { enabled: false },
      retry: { enabled: false },
    });
    return new GithubRepository(octokit, options.owner, options.repo);
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  async defaultBranch(): Promise<string> {
    const { data } = await this.octokit.rest.repos.get({
      owner: this.owner,
      repo: this.repo,
    });
    return data.default_branch;
  }

  /** The file's text at `ref`, or undefined when it does not exist. */
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
      if ((error as { status?: number }).status === 404) return undefined;
      throw new ForwardedError(
        `Cannot read '${path}' of ${this.fullName}`,
        error,
      );
    }
  }

  /** Commits the changes on a new branch from `base` and opens a pull request. */
  async openPullRequest(options: {
    base: string;
    branch: string;
    title: string;
    body: string;
    changes: FileChange[];
  }): Promise<{ url: string; number: number }> {
    const { owner, repo } = this;
    const git = this.octokit.rest.git;
    const { data: ref } = await git.getRef({
      owner,
      repo,
      ref: `heads/${options.base}`,
    });
    const { data: parent } = await git.getCommit({
      owner,
      repo,
      commit_sha: ref.object.sha,
    });
    const { data: tree } = await git.createTree({
      owner,
      repo,
      base_tree: parent.tree.sha,
      tree: options.changes.map(c =>
        c.content === null
          ? {
              path: c.path,
              mode: '100644' as const,
              type: 'blob' as const,
              sha: null,
            }
          : {
              path: c.path,
              mode: c.path.endsWith('.sh')
                ? ('100755' as const)
                : ('100644' as const),
              type: 'blob' as const,
              content: c.content,
            },
      ),
    });
    const { data: commit } = await git.createCommit({
      owner,
      repo,
      message: options.title,
      tree: tree.sha,
      parents: [parent.sha],
    });
    await git.createRef({
      owner,
      repo,
      ref: `refs/heads/${options.branch}`,
      sha: commit.sha,
    });
    const { data: pull } = await this.octokit.rest.pulls.create({
      owner,
      repo,
      title: options.title,
      body: options.body,
      head: options.branch,
      base: options.base,
    });
    return { url: pull.html_url, number: pull.number };
  }
}
