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
    // Only the benchmark's recovery metric is tiered: time to restore with
    // 2021, failed deployment recovery time with 2023 and 2024.
    ttr: doraTiers.timeToRestore(benchmark, f.restore.median),
    fdrt: doraTiers.failedDeploymentRecovery(benchmark, f.recovery.median),
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
      tier: tiers.fdrt,
    },
    reworkRate: {
      deployments: f.deployments,
      reworkDeployments: f.reworkDeployments,
      ratio: ratio(f.reworkDeployments, f.deployments),
    },
    benchmark,
    // At most one of ttr and fdrt has a tier: the benchmark's recovery metric.
    overallTier: doraTiers.overall(Object.values(tiers)),
  };
}
