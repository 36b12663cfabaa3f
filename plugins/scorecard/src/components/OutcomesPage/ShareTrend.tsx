import { useTheme } from '@material-ui/core/styles';

/**
 * Props of {@link ShareTrend}.
 *
 * @internal
 */
export interface ShareTrendProps {
  /** Daily shares from 0 to 1 (`null` days are skipped), oldest first. */
  points: Array<{ day: string; share: number | null }>;
  label: string;
  width?: number;
  height?: number;
}

/** A share over days as a small SVG line, 0% at the bottom, 100% at the top. @internal */
export function ShareTrend(props: ShareTrendProps) {
  const { label, width = 120, height = 28 } = props;
  const theme = useTheme();
  const points = props.points.filter(
    (p): p is { day: string; share: number } => p.share !== null,
  );
  if (points.length < 2) return null;
  const step = (width - 4) / (points.length - 1);
  const coords = points.map(
    (p, i) =>
      `${(2 + i * step).toFixed(1)},${(
        height -
        2 -
        p.share * (height - 4)
      ).toFixed(1)}`,
  );
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`${label}: from ${pct(points[0].share)} on ${
        points[0].day
      } to ${pct(points[points.length - 1].share)} on ${
        points[points.length - 1].day
      }`}
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
