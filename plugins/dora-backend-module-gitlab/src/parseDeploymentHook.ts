import { InputError } from '@backstage/errors';
import { parseGitlabTime } from './mapping';

/**
 * The fields of a GitLab `Deployment Hook` delivery this module reads.
 *
 * @internal
 */
export interface GitlabDeploymentHookPayload {
  object_kind: 'deployment';
  status: string;
  deployment_id: number;
  environment: string;
  /** ISO 8601, converted from GitLab's `2021-04-28 21:50:00 +0200`. */
  status_changed_at: string;
  project: { id: number; path_with_namespace: string };
  /** Full SHA, from `sha` when sent or the end of `commit_url`. */
  sha?: string;
  /** The deployed commit's message, as GitLab sends it (subject and body). */
  commit_title?: string;
}

function invalid(field: string, expected: string): InputError {
  return new InputError(`Invalid '${field}': expected ${expected}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw invalid(field, 'a positive integer');
  }
  return value as number;
}

function nonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw invalid(field, 'a non-empty string');
  }
  return value;
}

function fullSha(body: Record<string, unknown>): string | undefined {
  if (typeof body.sha === 'string' && /^[0-9a-f]{40,64}$/i.test(body.sha)) {
    return body.sha;
  }
  const url = typeof body.commit_url === 'string' ? body.commit_url : '';
  return /\/commit\/([0-9a-f]{40,64})\/?$/i.exec(url)?.[1];
}

/**
 * Validates a `Deployment Hook` body; an `InputError` names the first field
 * that is missing or malformed.
 *
 * @internal
 */
export function parseDeploymentHook(
  rawBody: Buffer,
): GitlabDeploymentHookPayload {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new InputError('Invalid body: expected JSON');
  }
  if (!isObject(body)) throw invalid('body', 'a JSON object');
  if (body.object_kind !== 'deployment') {
    throw invalid('object_kind', "'deployment'");
  }
  const status = nonEmptyString(body.status, 'status');
  const deploymentId = positiveInteger(body.deployment_id, 'deployment_id');
  const environment = nonEmptyString(body.environment, 'environment');
  const changedAt = parseGitlabTime(body.status_changed_at as string);
  if (!changedAt) {
    throw invalid(
      'status_changed_at',
      "a time like '2021-04-28 21:50:00 +0200' or ISO 8601",
    );
  }
  if (!isObject(body.project)) throw invalid('project', 'an object');
  const project = {
    id: positiveInteger(body.project.id, 'project.id'),
    path_with_namespace: nonEmptyString(
      body.project.path_with_namespace,
      'project.path_with_namespace',
    ),
  };
  const sha = fullSha(body);
  const commitTitle = body.commit_title ?? undefined;
  if (commitTitle !== undefined && typeof commitTitle !== 'string') {
    throw invalid('commit_title', 'a string');
  }
  return {
    object_kind: 'deployment',
    status,
    deployment_id: deploymentId,
    environment,
    status_changed_at: changedAt,
    project,
    ...(sha ? { sha } : {}),
    ...(commitTitle ? { commit_title: commitTitle } : {}),
  };
}
