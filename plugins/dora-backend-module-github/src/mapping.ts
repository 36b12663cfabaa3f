import {
  DoraChange,
  DoraDeploymentEvent,
} from '@paved-road/plugin-dora-common';
import {
  GithubCommit,
  GithubDeploymentStatus,
  GithubWorkflowRun,
} from './types';

import { GITHUB_SOURCE } from './GITHUB_SOURCE';

/**
 * Where a GitHub deployment or workflow run stands: final (`success` or
 * `failure`, with the time it became final), still under way, or not a
 * deployment at all (e.g. a cancelled run).
 *
 * @public
 */
export type GithubOutcome =
  | { state: 'final'; status: 'success' | 'failure'; finishedAt: string }
  | { state: 'pending' }
  | { state: 'skip' };

/**
 * The DORA status of a final deployment status state: `success` is a
 * success, `failure` and `error` a failure; other states are not final.
 *
 * @public
 */
export function finalDeploymentStatus(
  state: string,
): 'success' | 'failure' | undefined {
  if (state === 'success') return 'success';
  if (state === 'failure' || state === 'error') return 'failure';
  return undefined;
}

/**
 * The outcome of a deployment from its statuses (any order): the latest
 * status decides; `inactive` (set when a later deployment replaced this
 * one) is passed over for the status before it.
 *
 * @public
 */
export function deploymentOutcome(
  statuses: GithubDeploymentStatus[],
): GithubOutcome {
  const newestFirst = [...statuses].sort(
    (a, b) =>
      Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id,
  );
  const latest = newestFirst.find(s => s.state !== 'inactive');
  if (!latest)
    return statuses.length ? { state: 'skip' } : { state: 'pending' };
  const status = finalDeploymentStatus(latest.state);
  return status
    ? { state: 'final', status, finishedAt: latest.created_at }
    : { state: 'pending' };
}

/**
 * The outcome of a workflow run: `success` is a deployment, `failure` and
 * `timed_out` a failed one; other conclusions (cancelled, skipped, ...) are
 * not deployments. Finished when last updated, i.e. when it completed.
 *
 * @public
 */
export function workflowRunOutcome(run: GithubWorkflowRun): GithubOutcome {
  if (run.status !== 'completed') return { state: 'pending' };
  if (run.conclusion === 'success') {
    return { state: 'final', status: 'success', finishedAt: run.updated_at };
  }
  if (run.conclusion === 'failure' || run.conclusion === 'timed_out') {
    return { state: 'final', status: 'failure', finishedAt: run.updated_at };
  }
  return { state: 'skip' };
}

/**
 * Changes of a deployment from GitHub commits: the SHA and the committer
 * date (the author date when there is none); commits without either are
 * left out.
 *
 * @public
 */
export function toChanges(commits: GithubCommit[]): DoraChange[] {
  const changes: DoraChange[] = [];
  for (const { sha, commit } of commits) {
    const committedAt = commit?.committer?.date ?? commit?.author?.date;
    if (sha && committedAt) changes.push({ sha, committedAt });
  }
  return changes;
}

/**
 * A finished GitHub deployment or workflow run, ready to become events.
 *
 * @public
 */
export interface GithubFinishedDeployment {
  /** Stable id within source `github`, e.g. `deployment/1234`. */
  id: string;
  environment: string;
  status: 'success' | 'failure';
  startedAt?: string;
  finishedAt: string;
  commitSha: string;
  changes: DoraChange[];
  /** Rework, e.g. a deployment of a revert commit. Default false. */
  rework?: boolean;
}

/**
 * One deployment event per entity of the repository. The event id is the
 * GitHub id; when a repository belongs to several entities, each gets its
 * own event, with the entity ref appended so that none overwrites another.
 *
 * @public
 */
export function toDeploymentEvents(
  deployment: GithubFinishedDeployment,
  entityRefs: string[],
): DoraDeploymentEvent[] {
  return entityRefs.map(entityRef => ({
    kind: 'deployment',
    source: GITHUB_SOURCE,
    id:
      entityRefs.length === 1 ? deployment.id : `${deployment.id}/${entityRef}`,
    entityRef,
    environment: deployment.environment,
    status: deployment.status,
    ...(deployment.startedAt && { startedAt: deployment.startedAt }),
    finishedAt: deployment.finishedAt,
    commitSha: deployment.commitSha,
    changes: deployment.changes,
    rework: deployment.rework ?? false,
  }));
}
