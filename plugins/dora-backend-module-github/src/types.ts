/**
 * The fields this module reads from GitHub's REST API responses and webhook
 * payloads; GitHub sends many more.
 */

/**
 * An item of `GET /repos/{owner}/{repo}/deployments`.
 *
 * @public
 */
export interface GithubDeployment {
  id: number;
  sha: string;
  ref?: string;
  environment: string;
  created_at: string;
}

/**
 * An item of `GET /repos/{owner}/{repo}/deployments/{id}/statuses`.
 *
 * @public
 */
export interface GithubDeploymentStatus {
  id: number;
  state:
    | 'error'
    | 'failure'
    | 'inactive'
    | 'pending'
    | 'success'
    | 'queued'
    | 'in_progress'
    | string;
  created_at: string;
}

/**
 * A commit of `GET /repos/{owner}/{repo}/compare/{base}...{head}` (and of
 * `GET /repos/{owner}/{repo}/commits/{ref}`).
 *
 * @public
 */
export interface GithubCommit {
  sha: string;
  commit: {
    /** The full message: subject, blank line, body. */
    message?: string | null;
    author?: { date?: string } | null;
    committer?: { date?: string } | null;
  };
}

/**
 * Response of `GET /repos/{owner}/{repo}/compare/{base}...{head}`.
 *
 * @public
 */
export interface GithubComparison {
  status: 'diverged' | 'ahead' | 'behind' | 'identical' | string;
  total_commits: number;
  commits: GithubCommit[];
}

/**
 * A run of `GET /repos/{owner}/{repo}/actions/workflows/{id}/runs` (and of
 * `GET /repos/{owner}/{repo}/actions/runs`).
 *
 * @public
 */
export interface GithubWorkflowRun {
  id: number;
  /** Name of the workflow (the `name:` of its file). */
  name?: string | null;
  /** 1 for the first attempt, 2 for the first re-run, and so on. */
  run_attempt?: number;
  head_sha: string;
  head_branch?: string | null;
  path?: string;
  workflow_id?: number;
  status: string | null;
  conclusion: string | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
}

/**
 * Response of `GET /repos/{owner}/{repo}/actions/workflows/{id}/runs` and
 * of `GET /repos/{owner}/{repo}/actions/runs`.
 *
 * @public
 */
export interface GithubWorkflowRuns {
  total_count: number;
  workflow_runs: GithubWorkflowRun[];
}
