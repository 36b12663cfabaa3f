import {
  DORA_BENCHMARKS,
  DoraMetrics,
  DoraRecoveryMetric,
  DoraTier,
} from '@paved-road/plugin-dora-common';
import {
  NO_DATA,
  formatDuration,
  formatPercent,
  formatRate,
  plural,
} from './format';

/** How one key figure of {@link DoraMetrics} is read and shown. */
export interface KeyMetric {
  id: string;
  label: string;
  /** The headline figure, "no data" when it has no samples. */
  value(metrics: DoraMetrics): string;
  /** The samples behind the figure. */
  detail(metrics: DoraMetrics): string;
  /**
   * The tier; `undefined` for figures the benchmark does not tier (rework
   * rate, and the recovery metric other than the benchmark's).
   */
  tier(metrics: DoraMetrics): DoraTier | null | undefined;
  /** The number plotted in trends, `null` for a gap. */
  trend(metrics: DoraMetrics): number | null;
  /** Unit of {@link KeyMetric.trend} for chart axes. */
  trendUnit: string;
  /** Whether the drill-down lists deployments behind this figure. */
  countsDeployments: boolean;
}

const hours = (seconds: number | null) =>
  seconds === null ? null : seconds / 3600;
const median = (seconds: number | null) =>
  seconds === null ? NO_DATA : `median ${formatDuration(seconds)}`;
const percent = (ratio: number | null) => (ratio === null ? null : ratio * 100);

/**
 * The tier of a recovery metric if the response's benchmark tiers it: time
 * to restore with 2021, failed deployment recovery time with 2023 and 2024.
 */
function recoveryTier(
  metrics: DoraMetrics,
  metric: DoraRecoveryMetric,
): DoraTier | null | undefined {
  const table = DORA_BENCHMARKS[metrics.benchmark];
  return table?.recoveryMetric === metric ? metrics[metric].tier : undefined;
}

/** The six figures of the card and the team page, in display order. */
export const KEY_METRICS: KeyMetric[] = [
  {
    id: 'deploymentFrequency',
    label: 'Deployment frequency',
    value: m => `${formatRate(m.deploymentFrequency.perWeek)} / week`,
    detail: m =>
      `${plural(m.deploymentFrequency.deployments, 'deployment')} on ${plural(
        m.deploymentFrequency.deploymentDays,
        'day',
      )}`,
    tier: m => m.deploymentFrequency.tier,
    trend: m => m.deploymentFrequency.perWeek,
    trendUnit: 'per week',
    countsDeployments: true,
  },
  {
    id: 'leadTimeForChanges',
    label: 'Lead time for changes',
    value: m => median(m.leadTimeForChanges.medianSeconds),
    detail: m =>
      `p90 ${formatDuration(m.leadTimeForChanges.p90Seconds)} · ${plural(
        m.leadTimeForChanges.changes,
        'change',
      )}`,
    tier: m => m.leadTimeForChanges.tier,
    trend: m => hours(m.leadTimeForChanges.medianSeconds),
    trendUnit: 'hours',
    countsDeployments: true,
  },
  {
    id: 'changeFailureRate',
    label: 'Change failure rate',
    value: m => formatPercent(m.changeFailureRate.ratio),
    detail: m =>
      `${m.changeFailureRate.failedDeployments} of ${plural(
        m.changeFailureRate.deployments,
        'deployment',
      )} failed`,
    tier: m => m.changeFailureRate.tier,
    trend: m => percent(m.changeFailureRate.ratio),
    trendUnit: '%',
    countsDeployments: true,
  },
  {
    id: 'timeToRestore',
    label: 'Time to restore',
    value: m => median(m.timeToRestore.medianSeconds),
    detail: m => plural(m.timeToRestore.incidents, 'resolved incident'),
    tier: m => recoveryTier(m, 'timeToRestore'),
    trend: m => hours(m.timeToRestore.medianSeconds),
    trendUnit: 'hours',
    countsDeployments: false,
  },
  {
    id: 'failedDeploymentRecoveryTime',
    label: 'Failed deployment recovery time',
    value: m => median(m.failedDeploymentRecoveryTime.medianSeconds),
    detail: m =>
      plural(m.failedDeploymentRecoveryTime.incidents, 'linked incident'),
    tier: m => recoveryTier(m, 'failedDeploymentRecoveryTime'),
    trend: m => hours(m.failedDeploymentRecoveryTime.medianSeconds),
    trendUnit: 'hours',
    countsDeployments: true,
  },
  {
    id: 'reworkRate',
    label: 'Rework rate',
    value: m => formatPercent(m.reworkRate.ratio),
    detail: m =>
      `${m.reworkRate.reworkDeployments} of ${plural(
        m.reworkRate.deployments,
        'deployment',
      )}`,
    tier: () => undefined,
    trend: m => percent(m.reworkRate.ratio),
    trendUnit: '%',
    countsDeployments: true,
  },
];

/** Whether a metrics response has no sample at all. */
export function hasNoSamples(metrics: DoraMetrics): boolean {
  return (
    metrics.deploymentFrequency.deployments === 0 &&
    metrics.timeToRestore.incidents === 0 &&
    metrics.leadTimeForChanges.changes === 0
  );
}
