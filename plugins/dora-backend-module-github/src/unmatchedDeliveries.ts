import { DoraProviderCursors } from '@paved-road/plugin-dora-node';

/**
 * Cursor scope counting webhook deliveries for repositories no entity
 * carries. Webhooks have no run to count them in, so the count is kept
 * here (visible in `GET /api/dora/providers` at once) and the next sync
 * reports the new ones as its unmatched objects.
 */
export const UNMATCHED_DELIVERIES_SCOPE = 'webhooks:unmatched';

interface UnmatchedCounter {
  deliveries: number;
  reported: number;
  lastRepository?: string;
}

async function read(cursors: DoraProviderCursors): Promise<UnmatchedCounter> {
  const value = await cursors.get(UNMATCHED_DELIVERIES_SCOPE);
  try {
    const parsed = value ? JSON.parse(value) : {};
    return {
      deliveries: Number(parsed.deliveries) || 0,
      reported: Number(parsed.reported) || 0,
      lastRepository: parsed.lastRepository,
    };
  } catch {
    return { deliveries: 0, reported: 0 };
  }
}

/** Counts one delivery for a repository that matched no entity. */
export async function recordUnmatchedDelivery(
  cursors: DoraProviderCursors,
  repository: string,
): Promise<void> {
  const counter = await read(cursors);
  await cursors.set(
    UNMATCHED_DELIVERIES_SCOPE,
    JSON.stringify({
      ...counter,
      deliveries: counter.deliveries + 1,
      lastRepository: repository,
    }),
  );
}

/** Unmatched deliveries since the last call, marked as reported. */
export async function takeUnreportedDeliveries(
  cursors: DoraProviderCursors,
): Promise<number> {
  const counter = await read(cursors);
  const unreported = counter.deliveries - counter.reported;
  if (unreported <= 0) return 0;
  await cursors.set(
    UNMATCHED_DELIVERIES_SCOPE,
    JSON.stringify({ ...counter, reported: counter.deliveries }),
  );
  return unreported;
}
