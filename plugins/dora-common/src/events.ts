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
  /** Discriminator of deployment events. */
  kind: 'deployment';
  /** The tool that reported it, e.g. `jenkins`. Part of the identity. */
  source: string;
  /** Id of the deployment within its source. Part of the identity. */
  id: string;
  /** Catalog entity deployed, e.g. `component:default/payments`. */
  entityRef: string;
  /** Target environment; only production environments (`dora.productionEnvironments`) count. */
  environment: string;
  /** Outcome of the deployment. */
  status: DoraDeploymentStatus;
  /** When the deployment started, ISO 8601. */
  startedAt?: string;
  /** When the deployment finished, ISO 8601; places it in a metrics window. */
  finishedAt: string;
  /** Commit deployed. */
  commitSha?: string;
  /** Commits shipped by this deployment, for lead time for changes. */
  changes?: DoraChange[];
  /** Marks the deployment as rework (an unplanned fix), for the rework rate. */
  rework?: boolean;
}

/**
 * An incident pushed to `POST /api/dora/events`.
 *
 * @public
 */
export interface DoraIncidentEvent {
  /** Discriminator of incident events. */
  kind: 'incident';
  /** The tool that reported it, e.g. `pagerduty`. Part of the identity. */
  source: string;
  /** Id of the incident within its source. Part of the identity. */
  id: string;
  /** Catalog entity affected, e.g. `component:default/payments`. */
  entityRef: string;
  /** When the incident was opened, ISO 8601. */
  openedAt: string;
  /** When the incident was resolved, ISO 8601; absent or null while open. */
  resolvedAt?: string | null;
  /** Severity as named by the source, e.g. `sev1`. */
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
  /** The events, at most {@link DORA_MAX_EVENTS_PER_REQUEST}. */
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
  /** Number of events stored. */
  accepted: number;
  /** Number of accepted events that replaced one with the same identity. */
  updated: number;
}

/**
 * The most events one `POST /api/dora/events` request may carry.
 *
 * @public
 */
export const DORA_MAX_EVENTS_PER_REQUEST = 5000;

/**
 * The identity of one stored event, as `DELETE /api/dora/events` takes it.
 *
 * @public
 */
export interface DoraEventIdentity {
  /** Which table the event is in. */
  kind: 'deployment' | 'incident';
  /** The `source` it was pushed or synced under. */
  source: string;
  /** Its `id` within the source. */
  id: string;
}

/**
 * Body of `DELETE /api/dora/events` (at most
 * {@link DORA_MAX_EVENTS_PER_REQUEST} identities). The other form takes no
 * body: `?source=&entityRef=` deletes every event of one source for one
 * entity.
 *
 * @public
 */
export interface DoraEventsDeleteRequest {
  /** The events to delete; identities not stored are skipped. */
  events: DoraEventIdentity[];
}

/**
 * Response of `DELETE /api/dora/events`: how many stored events were
 * deleted (identities not stored are not counted).
 *
 * @public
 */
export interface DoraEventsDeleteResponse {
  /** Number of stored events deleted. */
  deleted: number;
}
