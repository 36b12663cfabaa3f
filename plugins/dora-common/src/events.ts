/**
 * A change (commit) shipped by a deployment.
 *
 * @public
 */
export interface DoraChange {
  /** Commit SHA. */
  sha: string;
  /** When the change was committed, ISO 8601. */
  committedAt: string;
}

/**
 * Status of a deployment: `failure` means it never went out.
 *
 * @public
 */
export type DoraDeploymentStatus = 'success' | 'failure' | 'rolled_back';

/**
 * A deployment pushed to `POST /api/dora/events`.
 *
 * @public
 */
export interface DoraDeploymentEvent {
  kind: 'deployment';
  /** The tool that reported it, e.g. `jenkins`. Part of the identity. */
  source: string;
  /** Id of the deployment within its source. Part of the identity. */
  id: string;
  entityRef: string;
  environment: string;
  status: DoraDeploymentStatus;
  startedAt?: string;
  finishedAt: string;
  commitSha?: string;
  changes?: DoraChange[];
  rework?: boolean;
}

/**
 * An incident pushed to `POST /api/dora/events`.
 *
 * @public
 */
export interface DoraIncidentEvent {
  kind: 'incident';
  source: string;
  id: string;
  entityRef: string;
  openedAt: string;
  resolvedAt?: string | null;
  severity?: string;
  /** Explicit link: the `id` of a deployment of the same entity. */
  deploymentId?: string;
}

/**
 * Any event accepted by `POST /api/dora/events`.
 *
 * @public
 */
export type DoraEvent = DoraDeploymentEvent | DoraIncidentEvent;

/**
 * Body of `POST /api/dora/events`.
 *
 * @public
 */
export interface DoraEventsRequest {
  events: DoraEvent[];
}

/**
 * Response of `POST /api/dora/events`: `accepted` events in the batch, of
 * which `updated` replaced an event already stored (or an earlier event of
 * the same batch).
 *
 * @public
 */
export interface DoraEventsResponse {
  accepted: number;
  updated: number;
}

/**
 * The most events one `POST /api/dora/events` request may carry.
 *
 * @public
 */
export const DORA_MAX_EVENTS_PER_REQUEST = 5000;
