import { DoraBuildStats, DoraMetrics } from './metrics';

/**
 * Annotations that `golden-path:create` writes into a new service's
 * catalog-info.yaml and that `GET /api/dora/outcomes` reads.
 *
 * @public
 */
export const DORA_OUTCOME_ANNOTATIONS = {
  /** `<archetype>@<semver>`: the service is on the paved road. */
  goldenPath: 'paved-road.dev/golden-path',
  /** ISO 8601 time the golden path scaffolded the service. */
  scaffoldedAt: 'paved-road.dev/scaffolded-at',
  /** Id of the scaffolder task that scaffolded the service, when known. */
  scaffolderTaskId: 'paved-road.dev/scaffolder-task-id',
} as const;

/**
 * Time to first deploy of a group of scaffolded services: from
 * `paved-road.dev/scaffolded-at` to the service's first production
 * deployment in the DORA store finished at or after it and before the
 * window's end (production as for the four keys: a `success` or
 * `rolled_back` deployment to an environment matching the production
 * matchers). Medians and p90s by linear interpolation, in milliseconds,
 * over the deployed services only; null without any.
 *
 * @public
 */
export interface DoraFirstDeployFigures {
  /** Services of the group scaffolded in the window. */
  services: number;
  /** Of those, the services with a production deployment since. */
  deployed: number;
  /** Median time to first deploy of the deployed services, in ms. */
  medianMs: number | null;
  /** 90th percentile of the same times, in ms. */
  p90Ms: number | null;
}

/**
 * A scaffolded service with no production deployment yet.
 *
 * @public
 */
export interface DoraFirstDeployWaiting {
  /** The service, lower case. */
  entityRef: string;
  /** When it was scaffolded, ISO 8601. */
  scaffoldedAt: string;
}

/**
 * Time to first deploy of the services scaffolded in the window, per
 * archetype (from `paved-road.dev/golden-path`) and per UTC month of
 * scaffolding, and the services still waiting for their first deployment.
 *
 * @public
 */
export interface DoraTimeToFirstDeploy {
  /** One row per archetype, sorted by archetype. */
  byArchetype: Array<{ archetype: string } & DoraFirstDeployFigures>;
  /** One row per month (`YYYY-MM`, UTC) with a scaffolded service, oldest first. */
  byMonth: Array<{ month: string } & DoraFirstDeployFigures>;
  /** Services scaffolded in the window and not deployed before its end, oldest first. */
  waiting: DoraFirstDeployWaiting[];
}

/**
 * The four keys and build figures of a group of services over the window,
 * aggregated over the group's deployments, incidents and builds exactly as
 * `GET /api/dora/metrics` does for an owner. Every figure is null when the group has fewer than
 * {@link DORA_OUTCOMES_MIN_SERVICES} services, and `reason` says so.
 *
 * @public
 */
export interface DoraOutcomeFigures {
  /** Services in the group: the number behind every figure. */
  services: number;
  /** As in `/metrics`, or null for a group too small. */
  deploymentFrequency: DoraMetrics['deploymentFrequency'] | null;
  /** As in `/metrics`, or null for a group too small. */
  leadTimeForChanges: DoraMetrics['leadTimeForChanges'] | null;
  /** As in `/metrics`, or null for a group too small. */
  changeFailureRate: DoraMetrics['changeFailureRate'] | null;
  /** As in `/metrics`, or null for a group too small. */
  timeToRestore: DoraMetrics['timeToRestore'] | null;
  /** As in `/metrics`, or null for a group too small. */
  failedDeploymentRecoveryTime:
    | DoraMetrics['failedDeploymentRecoveryTime']
    | null;
  /**
   * Build time and success rate of the group's builds finished in the
   * window, as `builds` of `/metrics`; null for a group too small. Always
   * sent by this backend; optional so that figures written before build
   * events (fixtures, older backends) still type-check.
   */
  builds?: DoraBuildStats | null;
  /** Why the figures are null, or null when they are given. */
  reason: string | null;
}

/**
 * Golden-path services (with `paved-road.dev/golden-path`) beside the
 * others, over the same window.
 *
 * @public
 */
export interface DoraPavedRoadComparison {
  /** All the measured services. */
  overall: { paved: DoraOutcomeFigures; offRoad: DoraOutcomeFigures };
  /** Per owning team (the service's direct owner), sorted by team ref. */
  byTeam: Array<{
    team: string;
    paved: DoraOutcomeFigures;
    offRoad: DoraOutcomeFigures;
  }>;
}

/**
 * Response of `GET /api/dora/outcomes?from=&to=&owner=`: the platform's
 * outcomes over the services (components of type `service`) the caller
 * can see, or those of an owner and its descendant groups.
 *
 * @public
 */
export interface DoraOutcomes {
  /** The window, `[from, to)`, ISO 8601. */
  window: { from: string; to: string };
  /** The owner asked for, lower case, or null for every visible service. */
  owner: string | null;
  /** Services scaffolded in the window and their first deployment. */
  timeToFirstDeploy: DoraTimeToFirstDeploy;
  /** The four keys and build figures of paved-road services beside off-road ones. */
  pavedRoad: DoraPavedRoadComparison;
}

/**
 * Fewest services a group of `GET /api/dora/outcomes` needs for figures.
 *
 * @public
 */
export const DORA_OUTCOMES_MIN_SERVICES = 3;
