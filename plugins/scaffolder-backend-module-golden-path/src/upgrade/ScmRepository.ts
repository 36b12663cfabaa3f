/**
 * A pull request (GitHub) or merge request (GitLab).
 *
 * @internal
 */
export type ChangeRequest = {
  /** Pull request number, or merge request IID. */
  number: number;
  /** Web URL. */
  url: string;
  /** `open`, `merged`, or `closed` without merging. */
  state: 'open' | 'merged' | 'closed';
};

/** One file of a commit; `exists` says whether the branch has it now. */
export interface CommitFile {
  path: string;
  /** New content, or `null` to delete the file. */
  content: string | null;
  exists: boolean;
}

/**
 * The few calls an upgrade makes to a repository host, one implementation
 * per provider (GitHub, GitLab). Everything else of an upgrade is shared.
 */
export interface ScmRepository {
  /** `owner/repo` or `group/project`, for messages. */
  readonly fullName: string;
  /** "pull request" or "merge request", for messages. */
  readonly changeRequestName: string;
  defaultBranch(): Promise<string>;
  /** The file's text at `ref`, or undefined when it does not exist. */
  readFile(path: string, ref: string): Promise<string | undefined>;
  branchExists(branch: string): Promise<boolean>;
  /**
   * The change request from `branch` into `base`: an open one first, else
   * the latest merged, else the latest closed; undefined when there is none.
   */
  findChangeRequest(options: {
    branch: string;
    base: string;
  }): Promise<ChangeRequest | undefined>;
  /**
   * Commits the files on `branch`, creating the branch from `startBranch`
   * when given (the commit and the branch appear together).
   */
  commit(options: {
    branch: string;
    startBranch?: string;
    message: string;
    files: CommitFile[];
  }): Promise<void>;
  openChangeRequest(options: {
    branch: string;
    base: string;
    title: string;
    body: string;
  }): Promise<ChangeRequest>;
}

/** Orders change requests: open first, then merged, then closed; newest first. */
export function pickChangeRequest(
  found: Array<ChangeRequest & { updatedAt?: string }>,
): ChangeRequest | undefined {
  const rank = { open: 0, merged: 1, closed: 2 } as const;
  const [first] = [...found].sort(
    (a, b) =>
      rank[a.state] - rank[b.state] ||
      (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '') ||
      b.number - a.number,
  );
  return first && { number: first.number, url: first.url, state: first.state };
}
