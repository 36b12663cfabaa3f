import { DoraBenchmark, DoraTier } from './tiers';
import { DoraChange, DoraDeploymentStatus } from './events';

/**
 * Response of `GET /api/dora/metrics`. A median, p90 or ratio without
 * samples is `null`; counts are the number of samples behind a figure.
 *
 * @public
 */
export interface DoraMetrics {
  window: { from: string; to: string };
  entityRefs: string[];
  deploymentFrequency: {
    deployments: number;
    deploymentDays: number;
    perWeek: number;
    tier: DoraTier | null;
  };
  leadTimeForChanges: {
    changes: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    tier: DoraTier | null;
  };
  changeFailureRate: {
    deployments: number;
    failedDeployments: number;
    ratio: number | null;
    tier: DoraTier | null;
  };
  timeToRestore: {
    incidents: number;
    medianSeconds: number | null;
    tier: DoraTier | null;
  };
  failedDeploymentRecoveryTime: {
    incidents: number;
    medianSeconds: number | null;
  };
  reworkRate: {
    deployments: number;
    reworkDeployments: number;
    ratio: number | null;
  };
  benchmark: DoraBenchmark;
  overallTier: DoraTier | null;
}

/**
 * How an incident was linked to a deployment.
 *
 * @public
 */
export type DoraLinkRule = 'explicit' | 'latest-before';

/**
 * An incident linked to a deployment, as evidence.
 *
 * @public
 */
export interface DoraLinkedIncident {
  source: string;
  id: string;
  openedAt: string;
  resolvedAt: string | null;
  severity: string | null;
  rule: DoraLinkRule;
}

/**
 * One deployment with its evidence, as listed by `GET /api/dora/deployments`.
 *
 * @public
 */
export interface DoraDeploymentEvidence {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  status: DoraDeploymentStatus;
  startedAt: string | null;
  finishedAt: string;
  commitSha: string | null;
  rework: boolean;
  changes: DoraChange[];
  incidents: DoraLinkedIncident[];
}

/**
 * Response of `GET /api/dora/deployments`, newest first; pass `nextCursor`
 * back as `cursor` for the next page.
 *
 * @public
 */
export interface DoraDeploymentsPage {
  items: DoraDeploymentEvidence[];
  nextCursor: string | null;
}
