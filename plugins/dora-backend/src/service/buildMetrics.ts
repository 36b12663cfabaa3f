import {
  DoraBenchmark,
  DoraMetrics,
  doraTiers,
} from '@paved-road/plugin-dora-common';
import { MetricsFigures } from '../database/types';
import { toIso } from '../database/time';

const WEEK_SECONDS = 604800;

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Turns stored figures into the `/metrics` response with tiers. @internal */
export function buildMetrics(options: {
  figures: MetricsFigures;
  entityRefs: string[];
  from: number;
  to: number;
  benchmark: DoraBenchmark;
}): DoraMetrics {
  const { figures: f, benchmark } = options;
  const weeks = (options.to - options.from) / 1000 / WEEK_SECONDS;
  const perWeek = weeks > 0 ? f.deployments / weeks : 0;
  const failureRatio = ratio(f.failedDeployments, f.deployments);
  const tiers = {
    df: doraTiers.deploymentFrequency(benchmark, perWeek),
    lt: doraTiers.leadTime(benchmark, f.leadTime.median),
    cfr: doraTiers.changeFailure(benchmark, failureRatio),
    ttr: doraTiers.restore(benchmark, f.restore.median),
  };
  return {
    window: { from: toIso(options.from), to: toIso(options.to) },
    entityRefs: options.entityRefs,
    deploymentFrequency: {
      deployments: f.deployments,
      deploymentDays: f.deploymentDays,
      perWeek,
      tier: tiers.df,
    },
    leadTimeForChanges: {
      changes: f.leadTime.samples,
      medianSeconds: f.leadTime.median,
      p90Seconds: f.leadTime.p90,
      tier: tiers.lt,
    },
    changeFailureRate: {
      deployments: f.deployments,
      failedDeployments: f.failedDeployments,
      ratio: failureRatio,
      tier: tiers.cfr,
    },
    timeToRestore: {
      incidents: f.restore.samples,
      medianSeconds: f.restore.median,
      tier: tiers.ttr,
    },
    failedDeploymentRecoveryTime: {
      incidents: f.recovery.samples,
      medianSeconds: f.recovery.median,
    },
    reworkRate: {
      deployments: f.deployments,
      reworkDeployments: f.reworkDeployments,
      ratio: ratio(f.reworkDeployments, f.deployments),
    },
    benchmark,
    overallTier: doraTiers.overall([tiers.df, tiers.lt, tiers.cfr, tiers.ttr]),
  };
}
