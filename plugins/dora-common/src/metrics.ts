import { DoraBenchmark, DoraTier } from './tiers';
import { DoraChange, DoraDeploymentStatus } from './events';

/**
 * Response of `GET /api/dora/metrics`. A median, p90 or ratio without
 * samples is `null`; counts are the number of samples behind a figure.
 *
 * @public
 */
export interface DoraMetrics {
  /** The time window measured, `[from, to)`, ISO 8601. */
  window: { from: string; to: string };
  /** The entities measured: the requested one, or those of the owner. */
  entityRefs: string[];
  /** Production deployments in the window, distinct UTC days with one, and deployments per week. */
  deploymentFrequency: {
    deployments: number;
    deploymentDays: number;
    perWeek: number;
    tier: DoraTier | null;
  };
  /** Time from commit to production for changes first shipped in the window. */
  leadTimeForChanges: {
    changes: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    tier: DoraTier | null;
  };
  /** Share of deployments rolled back or linked to an incident. */
  changeFailureRate: {
    deployments: number;
    failedDeployments: number;
    ratio: number | null;
    tier: DoraTier | null;
  };
  /**
   * Median time from opening to resolving the incidents opened in the window.
   * Tiered by the 2021 benchmark only: `tier` is null with 2023 and 2024.
   */
  timeToRestore: {
    incidents: number;
    medianSeconds: number | null;
    tier: DoraTier | null;
  };
  /**
   * Median time from a failing deployment to the resolution of its linked
   * incident. Tiered by the 2023 and 2024 benchmarks: `tier` is null with 2021.
   */
  failedDeploymentRecoveryTime: {
    incidents: number;
    medianSeconds: number | null;
    tier: DoraTier | null;
  };
  /** Share of deployments flagged `rework` or finished while an incident was open. */
  reworkRate: {
    deployments: number;
    reworkDeployments: number;
    ratio: number | null;
  };
  /** Benchmark table the tiers come from (`dora.benchmark`). */
  benchmark: DoraBenchmark;
  /**
   * Worst tier among deployment frequency, lead time, change failure rate and
   * the benchmark's recovery metric, of those that have one; null when none has.
   */
  overallTier: DoraTier | null;
  /**
   * Build duration and success rate of the builds finished in the window
   * (absent from backends that predate build events).
   */
  builds?: DoraBuildStats;
  /**
   * True when some of the measured entities' deployments come from the
   * example app's generated `demo` source, so that nobody mistakes them for
   * real figures.
   */
  demoData?: boolean;
}

/**
 * Build figures of `GET /api/dora/metrics`: the build events (any pipeline)
 * whose `finishedAt` is in the window. Durations (`finishedAt - startedAt`)
 * and the success rate (`succeeded / (succeeded + failed)`) leave
 * cancelled builds out; a median, p90 or rate without samples is `null`.
 *
 * @public
 */
export interface DoraBuildStats {
  /** Builds finished in the window, of any status. */
  builds: number;
  /** Builds with status `success`. */
  succeeded: number;
  /** Builds with status `failure`. */
  failed: number;
  /** Builds with status `cancelled`. */
  cancelled: number;
  /** `succeeded / (succeeded + failed)`, or null when both are 0. */
  successRate: number | null;
  /** Median duration of the succeeded and failed builds, in seconds. */
  medianSeconds: number | null;
  /** 90th percentile (linear interpolation) of the same durations, in seconds. */
  p90Seconds: number | null;
}

/**
 * How an incident was linked to a deployment.
 *
 * @public
 */
export type DoraLinkRule = 'explicit' | 'rollback' | 'latest-before';

/**
 * Why an incident is linked to no deployment: `excluded` (not change-caused,
 * by `changeCaused: false` or a `dora.incidents.exclude` filter),
 * `beyond-lookback` (the latest deployment before it finished longer ago than
 * `dora.linking.lookback`) or `no-deployment` (none to link to).
 *
 * @public
 */
export type DoraUnlinkedReason =
  | 'excluded'
  | 'beyond-lookback'
  | 'no-deployment';

/**
 * An incident linked to a deployment, as evidence.
 *
 * @public
 */
export interface DoraLinkedIncident {
  /** The tool that reported the incident. */
  source: string;
  /** Id of the incident within its source. */
  id: string;
  /** When the incident was opened, ISO 8601. */
  openedAt: string;
  /** When the incident was resolved, ISO 8601, or null while open. */
  resolvedAt: string | null;
  /** Severity as named by the source, or null. */
  severity: string | null;
  /** How the incident was linked: it named the deployment, was resolved by its rollback, or followed it. */
  rule: DoraLinkRule;
}

/**
 * One deployment with its evidence, as listed by `GET /api/dora/deployments`.
 *
 * @public
 */
export interface DoraDeploymentEvidence {
  /** The tool that reported the deployment. */
  source: string;
  /** Id of the deployment within its source. */
  id: string;
  /** Catalog entity deployed. */
  entityRef: string;
  /** Target environment. */
  environment: string;
  /** Outcome of the deployment. */
  status: DoraDeploymentStatus;
  /** When the deployment started, ISO 8601, or null if not reported. */
  startedAt: string | null;
  /** When the deployment finished, ISO 8601. */
  finishedAt: string;
  /** Commit deployed, or null if not reported. */
  commitSha: string | null;
  /** Whether the deployment counts as rework. */
  rework: boolean;
  /** Commits shipped by the deployment. */
  changes: DoraChange[];
  /** Incidents linked to the deployment. */
  incidents: DoraLinkedIncident[];
}

/**
 * Response of `GET /api/dora/deployments`, newest first; pass `nextCursor`
 * back as `cursor` for the next page.
 *
 * @public
 */
export interface DoraDeploymentsPage {
  /** Deployments of this page, newest first. */
  items: DoraDeploymentEvidence[];
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}
