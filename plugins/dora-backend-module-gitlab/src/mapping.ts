import {
  DoraChange,
  DoraDeploymentEvent,
  DoraDeploymentStatus,
} from '@paved-road/plugin-dora-common';
import { isRevertMessage } from '@paved-road/plugin-dora-node';
import { GITLAB_SOURCE } from './constants';
import { GitlabCommit, GitlabDeployment } from './types';

/**
 * The DORA status of a final GitLab deployment status; `undefined` for
 * statuses that are not final outcomes (`created`, `running`, `blocked`) or
 * that never went out without failing (`canceled`, `skipped`).
 *
 * @internal
 */
export function toDoraStatus(status: string): DoraDeploymentStatus | undefined {
  if (status === 'success') return 'success';
  if (status === 'failed') return 'failure';
  return undefined;
}

// Webhooks send `2021-04-28 21:50:00 +0200` (or `... UTC`), the API ISO 8601.
const RUBY_TIME =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?(UTC|[+-]\d{2}:?\d{2})$/;

/**
 * A GitLab time (ISO 8601, or the `2021-04-28 21:50:00 +0200` form of
 * webhooks) as an ISO 8601 UTC string; `undefined` when unreadable.
 *
 * @internal
 */
export function parseGitlabTime(
  value: string | null | undefined,
): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const ruby = RUBY_TIME.exec(value.trim());
  let ms: number;
  if (ruby) {
    const zone =
      ruby[3] === 'UTC'
        ? 'Z'
        : ruby[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    ms = Date.parse(`${ruby[1]}T${ruby[2]}${zone}`);
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    ms = Date.parse(value);
  } else {
    return undefined;
  }
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** When the deployment finished: `finished_at`, else `updated_at`. */
export function deploymentFinishedAt(
  deployment: GitlabDeployment,
): string | undefined {
  return (
    parseGitlabTime(deployment.finished_at) ??
    parseGitlabTime(deployment.updated_at)
  );
}

/** The deployed commit: `sha`, else the deployable job's commit. */
export function deploymentSha(
  deployment: GitlabDeployment,
): string | undefined {
  return deployment.sha || deployment.deployable?.commit?.id || undefined;
}

/**
 * Commits as DORA changes, de-duplicated by SHA (first wins); commits with
 * no readable date are left out, since lead time needs one.
 *
 * @internal
 */
export function toChanges(commits: GitlabCommit[]): DoraChange[] {
  const bySha = new Map<string, DoraChange>();
  for (const commit of commits) {
    const committedAt =
      parseGitlabTime(commit.committed_date) ??
      parseGitlabTime(commit.created_at);
    if (!commit.id || !committedAt || bySha.has(commit.id)) continue;
    bySha.set(commit.id, { sha: commit.id, committedAt });
  }
  return [...bySha.values()];
}

/**
 * What a deployment shipped: its changes, and whether it is rework (one of
 * the commits, or a merge request title, is a revert).
 *
 * @internal
 */
export interface GitlabShipped {
  changes: DoraChange[];
  rework: boolean;
}

/**
 * The changes of the commits, rework when one of their messages (or one of
 * the `titles`, e.g. of merge requests) is a revert (`isRevertMessage`).
 *
 * @internal
 */
export function toShipped(
  commits: GitlabCommit[],
  titles: Array<string | null | undefined> = [],
): GitlabShipped {
  return {
    changes: toChanges(commits),
    rework:
      titles.some(isRevertMessage) ||
      commits.some(c => isRevertMessage(c.message ?? c.title)),
  };
}

/**
 * The deployment's own commit as its only change, used when no merge
 * request was deployed with it; rework when that commit is a revert.
 */
export function ownCommitShipped(deployment: GitlabDeployment): GitlabShipped {
  const commit = deployment.deployable?.commit;
  const sha = deploymentSha(deployment);
  if (!commit || !sha || commit.id !== sha) {
    return { changes: [], rework: false };
  }
  return toShipped([commit]);
}

/**
 * The stable event id of a GitLab deployment: its (instance-wide) id, with
 * the entity ref appended when several entities share the project, so each
 * gets its own event.
 *
 * @internal
 */
export function deploymentEventId(
  deploymentId: number,
  entityRef: string,
  entityCount: number,
): string {
  return entityCount > 1
    ? `${deploymentId}:${entityRef}`
    : String(deploymentId);
}

/**
 * DORA deployment events (one per entity) for a GitLab deployment; none
 * when its status is not a final outcome or it has no finish time.
 *
 * @internal
 */
export function toDeploymentEvents(options: {
  deployment: GitlabDeployment;
  entityRefs: string[];
  changes: DoraChange[];
  /** Rework, e.g. a deployment of a revert. Default false. */
  rework?: boolean;
  /** Fallback finish time, e.g. a webhook's `status_changed_at`. */
  finishedAt?: string;
}): DoraDeploymentEvent[] {
  const { deployment, entityRefs, changes } = options;
  const status = toDoraStatus(deployment.status);
  const finishedAt = deploymentFinishedAt(deployment) ?? options.finishedAt;
  const environment = deployment.environment?.name;
  if (!status || !finishedAt || !environment) return [];
  const startedAt = parseGitlabTime(deployment.deployable?.started_at);
  const commitSha = deploymentSha(deployment);
  return entityRefs.map(entityRef => ({
    kind: 'deployment',
    source: GITLAB_SOURCE,
    id: deploymentEventId(deployment.id, entityRef, entityRefs.length),
    entityRef,
    environment,
    status,
    ...(startedAt && startedAt <= finishedAt ? { startedAt } : {}),
    finishedAt,
    ...(commitSha ? { commitSha } : {}),
    changes,
    rework: options.rework ?? false,
  }));
}
