import { DoraBuildStats, DoraMetrics } from '@paved-road/plugin-dora-common';
import { NO_DATA, formatDuration, formatPercent, plural } from './format';

/** "median 8.5 min · p90 14 min", or "no data" without timed builds. */
export function buildTimeText(builds: DoraBuildStats | undefined): string {
  if (!builds || builds.medianSeconds === null) return NO_DATA;
  return `median ${formatDuration(builds.medianSeconds)} · p90 ${formatDuration(
    builds.p90Seconds,
  )}`;
}

/** "92.0%", or "no data" without succeeded or failed builds. */
export function buildSuccessText(builds: DoraBuildStats | undefined): string {
  return formatPercent(builds?.successRate ?? null);
}

/** "24 builds (2 cancelled, not in the rate)". */
export function buildCountText(builds: DoraBuildStats | undefined): string {
  if (!builds) return plural(0, 'build');
  const cancelled =
    builds.cancelled > 0
      ? ` (${builds.cancelled} cancelled, not in the rate or times)`
      : '';
  return `${plural(builds.builds, 'build')}${cancelled}`;
}

/** Whether the response carries any build. */
export function hasBuilds(metrics: DoraMetrics): boolean {
  return (metrics.builds?.builds ?? 0) > 0;
}
