/** `0.756` as `76%`, `null` as `—`. @internal */
export function share(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** A duration in ms as `3.5 h` or `2.1 d`, `null` as `—`. @internal */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = ms / 60_000;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** A figure's display, or the reason a group has none. @internal */
export function orFewer(
  value: string,
  figures: { reason: string | null },
): string {
  return figures.reason === null ? value : 'fewer than 3 services';
}
