import { InputError } from '@backstage/errors';

function formatDuration(ms: number): string {
  const days = ms / 86_400_000;
  if (Number.isInteger(days)) return `${days} ${days === 1 ? 'day' : 'days'}`;
  const hours = ms / 3_600_000;
  return `${Math.round(hours * 100) / 100} hours`;
}

/**
 * Rejects an `expiresAt` that is not in the future or lies beyond the
 * configured maximum, naming the field and the config key.
 *
 * @internal
 */
export function validateExpiry(
  expiresAt: Date,
  now: Date,
  maxDurationMs: number,
): void {
  if (expiresAt.getTime() <= now.getTime()) {
    throw new InputError("Invalid 'expiresAt': expected a time in the future");
  }
  const latest = new Date(now.getTime() + maxDurationMs);
  if (expiresAt > latest) {
    throw new InputError(
      `Invalid 'expiresAt': expected at most ${formatDuration(
        maxDurationMs,
      )} from now (scorecard.exemptions.maxDuration), i.e. no later than ${latest.toISOString()}`,
    );
  }
}
