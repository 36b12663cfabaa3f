import { DoraSloHistoryPoint } from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Sparkline } from '../shared/Sparkline';

const DAY_MS = 86_400_000;

/**
 * One value per UTC day from `from` to `to` (both `YYYY-MM-DD`), oldest
 * first; days without a stored point are `null` (a gap in the line).
 */
export function dailySeries(
  from: string,
  to: string,
  points: DoraSloHistoryPoint[],
  pick: (p: DoraSloHistoryPoint) => number | null,
): Array<number | null> {
  const byDay = new Map(points.map(p => [p.day, pick(p)]));
  const values: Array<number | null> = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += DAY_MS
  ) {
    values.push(byDay.get(new Date(t).toISOString().slice(0, 10)) ?? null);
  }
  return values;
}

/** Props of {@link SloTrend}. */
export interface SloTrendProps {
  /** Name shown in the charts' accessible labels. */
  name: string;
  from: string;
  to: string;
  points: DoraSloHistoryPoint[];
}

/** Daily attainment and remaining error budget of one SLO, as sparklines. */
export function SloTrend(props: SloTrendProps) {
  const { name, from, to, points } = props;
  if (points.length === 0) {
    return (
      <Typography variant="caption" color="textSecondary">
        No daily history yet: the trend starts with the first scheduled
        computation.
      </Typography>
    );
  }
  const days = dailySeries(from, to, points, () => 0).length;
  const percent = (v: number | null) => (v === null ? null : v * 100);
  return (
    <Box display="flex" alignItems="center" style={{ gap: 16 }} mt={0.5}>
      <Box>
        <Typography variant="caption" color="textSecondary" component="div">
          Attainment, last {days} days
        </Typography>
        <Sparkline
          label={`${name} attainment (%) per day`}
          values={dailySeries(from, to, points, p => percent(p.attainment))}
        />
      </Box>
      <Box>
        <Typography variant="caption" color="textSecondary" component="div">
          Error budget left, last {days} days
        </Typography>
        <Sparkline
          label={`${name} error budget left (%) per day`}
          values={dailySeries(from, to, points, p =>
            percent(p.budgetRemaining),
          )}
        />
      </Box>
    </Box>
  );
}
