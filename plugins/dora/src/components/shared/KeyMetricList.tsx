import { Link as BackstageLink } from '@backstage/core-components';
import { DORA_BENCHMARKS, DoraMetrics } from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { KEY_METRICS, KeyMetric } from './keyMetrics';
import { Sparkline } from './Sparkline';
import { TierChip } from './TierChip';
import { DoraTrendPoint } from './useDoraTrend';

/** Props of {@link KeyMetricList}. */
export interface KeyMetricListProps {
  metrics: DoraMetrics;
  /** Weekly buckets for the sparklines; omitted while they load. */
  trend?: DoraTrendPoint[];
  /** Opens the deployment evidence behind a figure. */
  onDrillDown?: (metric: KeyMetric) => void;
}

function MetricValue(props: {
  metric: KeyMetric;
  metrics: DoraMetrics;
  onDrillDown?: (metric: KeyMetric) => void;
}) {
  const { metric, metrics, onDrillDown } = props;
  const text = metric.value(metrics);
  if (!onDrillDown || !metric.countsDeployments) {
    return <Typography variant="h6">{text}</Typography>;
  }
  return (
    <Link
      component="button"
      variant="h6"
      style={{ display: 'block', textAlign: 'left' }}
      title="Show the deployments behind this figure"
      onClick={() => onDrillDown(metric)}
    >
      {text}
    </Link>
  );
}

/** Which benchmark the tiers come from, linked to the published report. */
function BenchmarkSource(props: { metrics: DoraMetrics }) {
  const { benchmark } = props.metrics;
  const table = DORA_BENCHMARKS[benchmark];
  const name = `DORA ${benchmark} benchmark`;
  return (
    <Typography variant="caption" color="textSecondary">
      Tiers from the{' '}
      {table ? (
        <BackstageLink to={table.sourceUrl} title={table.source}>
          {name}
        </BackstageLink>
      ) : (
        name
      )}
    </Typography>
  );
}

/**
 * The six key figures with tier chips and weekly sparklines, and the
 * benchmark the tiers come from.
 */
export function KeyMetricList(props: KeyMetricListProps) {
  const { metrics, trend, onDrillDown } = props;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
      {KEY_METRICS.map(metric => {
        const tier = metric.tier(metrics);
        return (
          <Box
            key={metric.id}
            role="group"
            aria-label={metric.label}
            display="flex"
            alignItems="center"
            justifyContent="space-between"
            style={{ gap: 8 }}
          >
            <Box flex={1} minWidth={0}>
              <Typography variant="overline" color="textSecondary">
                {metric.label}
              </Typography>
              <MetricValue
                metric={metric}
                metrics={metrics}
                onDrillDown={onDrillDown}
              />
              <Typography variant="body2" color="textSecondary">
                {metric.detail(metrics)}
              </Typography>
            </Box>
            {tier !== undefined && <TierChip tier={tier} />}
            {trend && (
              <Sparkline
                label={`${metric.label}, last ${trend.length} weeks (${metric.trendUnit})`}
                values={trend.map(p => metric.trend(p.metrics))}
              />
            )}
          </Box>
        );
      })}
      <BenchmarkSource metrics={metrics} />
    </Box>
  );
}
