import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';

const DAY_MS = 86_400_000;
/** Re-read this much before the cursor, in case GitLab's filter is exclusive. */
const OVERLAP_MS = 1000;

/**
 * Where the sync of one project stands: the last deployment ingested, by
 * GitLab's own order (`finished_at`, then `id`).
 */
export interface DeploymentCursor {
  finishedAt: string;
  id: number;
}

export function encodeCursor(cursor: DeploymentCursor): string {
  return JSON.stringify({ finishedAt: cursor.finishedAt, id: cursor.id });
}

/** `undefined` when missing or unreadable (then the sync starts over). */
export function decodeCursor(
  value: string | undefined,
): DeploymentCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value);
    if (
      typeof parsed?.finishedAt === 'string' &&
      !Number.isNaN(Date.parse(parsed.finishedAt)) &&
      Number.isInteger(parsed.id)
    ) {
      return { finishedAt: parsed.finishedAt, id: parsed.id };
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** Whether a deployment comes after the cursor in GitLab's order. */
export function isAfter(
  deployment: DeploymentCursor,
  cursor: DeploymentCursor | undefined,
): boolean {
  if (!cursor) return true;
  const a = Date.parse(deployment.finishedAt);
  const b = Date.parse(cursor.finishedAt);
  return a > b || (a === b && deployment.id > cursor.id);
}

/**
 * The saved cursor of `scope` (a warning when unreadable) and the instant to
 * read from: just before the cursor, else `lookbackDays` before now.
 */
export async function loadCursor(
  context: Pick<DoraProviderSyncContext, 'cursors' | 'logger'>,
  scope: string,
  options: { lookbackDays: number; now: () => number },
): Promise<{ cursor?: DeploymentCursor; readFrom: string }> {
  const saved = await context.cursors.get(scope);
  const cursor = decodeCursor(saved);
  if (saved && !cursor) {
    context.logger.warn(
      `Unreadable GitLab cursor '${scope}'; reading the last ${options.lookbackDays} days again`,
    );
  }
  const readFrom = new Date(
    cursor
      ? Date.parse(cursor.finishedAt) - OVERLAP_MS
      : options.now() - options.lookbackDays * DAY_MS,
  ).toISOString();
  return { cursor, readFrom };
}
