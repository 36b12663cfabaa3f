import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DoraScope } from '../../api';
import { KEY_METRICS, KeyMetric } from '../shared/keyMetrics';
import { DoraTrendPoint, useDoraTrend } from '../shared/useDoraTrend';
import { bucketLabel } from '../shared/windows';

/** Props of {@link TrendCharts}. */
export interface TrendChartsProps {
  scope: DoraScope;
  weeks?: number;
}

function TrendChart(props: { metric: KeyMetric; points: DoraTrendPoint[] }) {
  const { metric, points } = props;
  const theme = useTheme();
  const data = points.map(p => {
    const value = metric.trend(p.metrics);
    return {
      week: bucketLabel(p.window),
      value: value === null ? null : +value.toFixed(2),
    };
  });
  const axis = { fill: theme.palette.text.secondary, fontSize: 11 };
  return (
    <figure
      aria-label={`${metric.label} trend`}
      style={{ margin: 0 }}
      data-testid={`trend-${metric.id}`}
    >
      <Typography variant="subtitle2" component="figcaption">
        {metric.label} ({metric.trendUnit}, weekly)
      </Typography>
      <ResponsiveContainer width="100%" height={160}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        >
          <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis dataKey="week" tick={axis} stroke={theme.palette.divider} />
          <YAxis tick={axis} stroke={theme.palette.divider} allowDecimals />
          <Tooltip
            contentStyle={{
              backgroundColor: theme.palette.background.paper,
              borderColor: theme.palette.divider,
              color: theme.palette.text.primary,
            }}
            labelStyle={{ color: theme.palette.text.primary }}
            formatter={(value: number) => [
              `${value} ${metric.trendUnit}`,
              metric.label,
            ]}
          />
          <Line
            type="linear"
            dataKey="value"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            dot={{ r: 2, fill: theme.palette.primary.main }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Weekly trends of the six key figures of a scope. */
export function TrendCharts(props: TrendChartsProps) {
  const { value, loading, error } = useDoraTrend(props.scope, props.weeks);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Grid container spacing={2}>
      {KEY_METRICS.map(metric => (
        <Grid item xs={12} md={6} lg={4} key={metric.id}>
          <TrendChart metric={metric} points={value ?? []} />
        </Grid>
      ))}
    </Grid>
  );
}
