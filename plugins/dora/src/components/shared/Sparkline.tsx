import { useTheme } from '@material-ui/core/styles';

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  /** Oldest first; `null` is a gap. */
  values: Array<number | null>;
  label: string;
  width?: number;
  height?: number;
}

/** A tiny line chart of a trend, in the theme's primary colour. */
export function Sparkline(props: SparklineProps) {
  const { values, label, width = 96, height = 28 } = props;
  const theme = useTheme();
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(...known, 0);
  const min = Math.min(...known, 0);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const point = (v: number, i: number) =>
    `${(i * step).toFixed(1)},${(
      height -
      2 -
      ((v - min) / span) * (height - 4)
    ).toFixed(1)}`;

  // Consecutive known values form one segment; a null breaks the line.
  const segments: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null) segments.push([]);
    else segments[segments.length - 1].push(point(v, i));
  });

  return (
    <svg
      role="img"
      aria-label={`${label}: ${values
        .map(v => (v === null ? 'no data' : +v.toFixed(2)))
        .join(', ')}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <line
        x1={0}
        x2={width}
        y1={height - 1}
        y2={height - 1}
        stroke={theme.palette.divider}
      />
      {segments
        .filter(s => s.length > 0)
        .map(s =>
          s.length === 1 ? (
            <circle
              key={s[0]}
              cx={s[0].split(',')[0]}
              cy={s[0].split(',')[1]}
              r={1.5}
              fill={theme.palette.primary.main}
            />
          ) : (
            <polyline
              key={s.join(' ')}
              points={s.join(' ')}
              fill="none"
              stroke={theme.palette.primary.main}
              strokeWidth={1.5}
            />
          ),
        )}
    </svg>
  );
}
