import { DoraBuildStats } from '@paved-road/plugin-dora-common';
import { BuildFigures } from '../database/types';

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/**
 * Turns stored build figures into the `builds` block of `/metrics`: the
 * success rate leaves cancelled builds out, durations are in seconds.
 *
 * @internal
 */
export function buildStats(f: BuildFigures): DoraBuildStats {
  const decided = f.succeeded + f.failed;
  return {
    builds: f.builds,
    succeeded: f.succeeded,
    failed: f.failed,
    cancelled: f.cancelled,
    successRate: decided === 0 ? null : f.succeeded / decided,
    medianSeconds: seconds(f.duration.median),
    p90Seconds: seconds(f.duration.p90),
  };
}
