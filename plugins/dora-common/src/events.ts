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
  /**
   * `false` marks the incident as not caused by a change (a cloud outage, a
   * dependency): it counts for time to restore, never for change failure or
   * failed deployment recovery. Default: decided by `dora.incidents.exclude`.
   */
  changeCaused?: boolean;
  /**
   * Vendor fields that `dora.incidents.exclude` filters can match, e.g.
   * `{ priority: 'P5', urgency: 'low' }` or `{ tags: ['maintenance'] }`. At
   * most {@link DORA_MAX_INCIDENT_ATTRIBUTES} names of at most 64
   * characters; each value (or each list item, at most 50) at most 256.
   */
  attributes?: Record<string, string | string[]>;
}

/**
 * Status of a build: `cancelled` runs count as builds but are left out of
 * the success rate and the durations.
 *
 * @public
 */
export type DoraBuildStatus = 'success' | 'failure' | 'cancelled';

/**
 * A finished CI build (a workflow run, a pipeline) pushed to
 * `POST /api/dora/events`. Builds never count in the four keys; they give
 * the build duration and success rate figures.
 *
 * @public
 */
export interface DoraBuildEvent {
  /** Discriminator of build events. */
  kind: 'build';
  /** The tool that reported it, e.g. `jenkins`. Part of the identity. */
  source: string;
  /** Id of the build within its source. Part of the identity. */
  id: string;
  /** Catalog entity built; must exist in the catalog. */
  entityRef: string;
  /** Name of the pipeline or workflow, at most {@link DORA_MAX_PIPELINE_LENGTH} characters. */
  pipeline: string;
  /** Outcome of the build. */
  status: DoraBuildStatus;
  /** When the build started, ISO 8601. */
  startedAt: string;
  /** When the build finished, ISO 8601, at or after `startedAt`; places it in a window. */
  finishedAt: string;
  /** Commit built. */
  commitSha?: string;
}

/**
 * The longest `pipeline` name of a build event, in characters.
 *
 * @public
 */
export const DORA_MAX_PIPELINE_LENGTH = 200;

/**
 * The most attribute names one incident may carry.
 *
 * @public
 */
export const DORA_MAX_INCIDENT_ATTRIBUTES = 20;

/**
 * Any event accepted by `POST /api/dora/events`.
 *
 * @public
 */
export type DoraEvent =
  | DoraDeploymentEvent
  | DoraIncidentEvent
  | DoraBuildEvent;

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
  kind: 'deployment' | 'incident' | 'build';
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
