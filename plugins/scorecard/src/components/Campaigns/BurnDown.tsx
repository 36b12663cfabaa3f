import { CampaignHistoryPoint } from '@paved-road/plugin-scorecard-common';

const WIDTH = 480;
const HEIGHT = 160;
const PAD = 24;
const DAY_MS = 86_400_000;

/** Props of {@link BurnDown}. @internal */
export interface BurnDownProps {
  history: CampaignHistoryPoint[];
  /** `YYYY-MM-DD`. */
  deadline: string;
}

const dayMs = (day: string) => new Date(`${day}T00:00:00Z`).getTime();

/**
 * Entities not done per day, with a dashed line from the first day's count
 * to zero at the deadline.
 *
 * @internal
 */
export function BurnDown(props: BurnDownProps) {
  const { history, deadline } = props;
  if (history.length === 0) return null;
  const start = dayMs(history[0].day);
  const end = Math.max(dayMs(deadline), dayMs(history[history.length - 1].day));
  const span = Math.max(end - start, DAY_MS);
  const max = Math.max(1, ...history.map(p => p.total - p.done));
  const x = (ms: number) => PAD + ((ms - start) / span) * (WIDTH - 2 * PAD);
  const y = (n: number) => HEIGHT - PAD - (n / max) * (HEIGHT - 2 * PAD);
  const points = history
    .map(p => `${x(dayMs(p.day))},${y(p.total - p.done)}`)
    .join(' ');
  const first = history[0].total - history[0].done;
  const last = history[history.length - 1];
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={`Burn-down: ${last.total - last.done} entities not done on ${
        last.day
      }, deadline ${deadline}`}
    >
      <line
        x1={PAD}
        y1={HEIGHT - PAD}
        x2={WIDTH - PAD}
        y2={HEIGHT - PAD}
        stroke="currentColor"
        strokeOpacity={0.3}
      />
      <line
        x1={x(start)}
        y1={y(first)}
        x2={x(dayMs(deadline))}
        y2={y(0)}
        stroke="currentColor"
        strokeOpacity={0.4}
        strokeDasharray="4 4"
      />
      <polyline points={points} fill="none" stroke="#1976d2" strokeWidth={2} />
      {history.map(p => (
        <circle
          key={p.day}
          cx={x(dayMs(p.day))}
          cy={y(p.total - p.done)}
          r={3}
          fill="#1976d2"
        >
          <title>{`${p.day}: ${p.total - p.done} not done of ${
            p.total
          }`}</title>
        </circle>
      ))}
      <text x={PAD} y={14} fontSize={11} fill="currentColor">
        {max} not done
      </text>
      <text
        x={WIDTH - PAD}
        y={HEIGHT - 6}
        fontSize={11}
        textAnchor="end"
        fill="currentColor"
      >
        deadline {deadline}
      </text>
    </svg>
  );
}
