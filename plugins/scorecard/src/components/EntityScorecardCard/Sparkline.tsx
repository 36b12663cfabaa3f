import { ScorecardHistoryPoint } from '@paved-road/plugin-scorecard-common';
import { useTheme } from '@material-ui/core/styles';

/**
 * Props of {@link Sparkline}.
 *
 * @internal
 */
export interface SparklineProps {
  points: ScorecardHistoryPoint[];
  width?: number;
  height?: number;
}

/** The score over time as a small SVG line, 0 at the bottom, 100 at the top. @internal */
export function Sparkline(props: SparklineProps) {
  const { points, width = 120, height = 28 } = props;
  const theme = useTheme();
  if (points.length < 2) return null;
  const times = points.map(p => Date.parse(p.evaluatedAt));
  const first = times[0];
  const span = Math.max(1, times[times.length - 1] - first);
  const coords = points.map((p, i) => {
    const x = ((times[i] - first) / span) * (width - 4) + 2;
    const y = height - 2 - (p.score / 100) * (height - 4);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const firstScore = points[0].score;
  const lastScore = points[points.length - 1].score;
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`Score trend: from ${firstScore} to ${lastScore} over ${points.length} evaluations`}
    >
      <polyline
        fill="none"
        stroke={theme.palette.primary.main}
        strokeWidth={1.5}
        points={coords.join(' ')}
      />
    </svg>
  );
}
