import {
  DoraBuildStatus,
  DoraDeploymentStatus,
  DoraLinkRule,
  DoraUnlinkedReason,
} from '@paved-road/plugin-dora-common';

/** A validated deployment, times in epoch ms. @internal */
export interface DeploymentRecord {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  status: DoraDeploymentStatus;
  startedAt: number | null;
  finishedAt: number;
  commitSha: string | null;
  rework: boolean;
  changes: Array<{ sha: string; committedAt: number }>;
}

/** A validated build, times in epoch ms. @internal */
export interface BuildRecord {
  source: string;
  id: string;
  entityRef: string;
  pipeline: string;
  status: DoraBuildStatus;
  startedAt: number;
  finishedAt: number;
  commitSha: string | null;
}

/** Raw build figures of a window, durations in ms. @internal */
export interface BuildFigures {
  builds: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  duration: { samples: number; median: number | null; p90: number | null };
}

/** A validated incident, times in epoch ms. @internal */
export interface IncidentRecord {
  source: string;
  id: string;
  entityRef: string;
  openedAt: number;
  resolvedAt: number | null;
  severity: string | null;
  deploymentId: string | null;
  /** As pushed: null when the event did not say. */
  changeCaused: boolean | null;
  attributes: Record<string, string | string[]> | null;
}

/** Which deployments count: the stored production flag or named environments. @internal */
export type DeploymentScope =
  | { type: 'production' }
  | { type: 'environments'; environments: string[] };

/** A half-open window [from, to) in epoch ms. @internal */
export interface MetricsWindow {
  from: number;
  to: number;
}

/** A metrics query against the store. @internal */
export interface MetricsQuery {
  entityRefs: string[];
  from: number;
  to: number;
  scope: DeploymentScope;
}

/** Raw figures behind the metrics, before tiers. @internal */
export interface MetricsFigures {
  deployments: number;
  deploymentDays: number;
  failedDeployments: number;
  reworkDeployments: number;
  leadTime: { samples: number; median: number | null; p90: number | null };
  restore: { samples: number; median: number | null };
  recovery: { samples: number; median: number | null };
}

/** A stored deployment with its evidence. @internal */
export interface DeploymentEvidenceRecord extends DeploymentRecord {
  incidents: Array<{
    source: string;
    id: string;
    openedAt: number;
    resolvedAt: number | null;
    severity: string | null;
    rule: DoraLinkRule;
  }>;
}

/** One page of evidence; `after` is the key to continue from. @internal */
export interface EvidencePage {
  items: DeploymentEvidenceRecord[];
  after: { finishedAt: number; id: number } | null;
}

/** A stored incident with its attribution. @internal */
export interface IncidentEvidenceRecord {
  source: string;
  id: string;
  entityRef: string;
  openedAt: number;
  resolvedAt: number | null;
  severity: string | null;
  link: {
    rule: DoraLinkRule;
    deployment: { source: string; id: string };
  } | null;
  unlinkedReason: DoraUnlinkedReason | null;
}

/** One page of incidents; `after` is the key to continue from. @internal */
export interface IncidentPage {
  items: IncidentEvidenceRecord[];
  after: { finishedAt: number; id: number } | null;
}
