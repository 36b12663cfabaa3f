/**
 * The fields this module reads from GitLab's REST API (v4). GitLab sends
 * more; only these are relied upon.
 */

/** `GET /projects/:id` */
export interface GitlabProject {
  id: number;
  path_with_namespace: string;
}

/** A commit as embedded in a deployment or listed for a merge request. */
export interface GitlabCommit {
  id: string;
  /** The first line of `message`. */
  title?: string | null;
  /** The full message: subject, blank line, body. */
  message?: string | null;
  created_at?: string | null;
  committed_date?: string | null;
}

/** `GET /projects/:id/deployments` and `/deployments/:deployment_id` */
export interface GitlabDeployment {
  id: number;
  iid?: number;
  status: string;
  sha?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  finished_at?: string | null;
  environment?: { id?: number; name?: string | null } | null;
  deployable?: {
    started_at?: string | null;
    finished_at?: string | null;
    commit?: GitlabCommit | null;
  } | null;
}

/** `GET /projects/:id/deployments/:deployment_id/merge_requests` */
export interface GitlabMergeRequest {
  iid: number;
  title?: string | null;
  project_id?: number;
  merged_at?: string | null;
}

/**
 * `GET /projects/:id/pipelines` (list: no `started_at`, `finished_at`) and
 * `GET /projects/:id/pipelines/:pipeline_id` (single: with them, and `name`).
 */
export interface GitlabPipeline {
  id: number;
  status: string;
  ref?: string | null;
  sha?: string | null;
  name?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
}
