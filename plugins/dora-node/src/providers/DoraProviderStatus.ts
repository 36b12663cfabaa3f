/**
 * One provider's entry in `GET /api/dora/providers`: its last sync run,
 * the webhook deliveries that matched no entity, and its saved cursors.
 *
 * @public
 */
export interface DoraProviderStatus {
  /** The provider's id. */
  id: string;
  /** When the last sync run started (ISO 8601), null before the first. */
  lastStartedAt: string | null;
  /** When the last sync run ended, null before the first ended. */
  lastFinishedAt: string | null;
  /** Message of the last run's failure; null when it succeeded. */
  lastError: string | null;
  /** What the last run ingested, and the objects it matched to no entity. */
  lastRun: { accepted: number; updated: number; unmatched: number };
  /** Sync runs started, in all. */
  runs: number;
  /** Sync runs that failed, in all. */
  failedRuns: number;
  /** Present for providers with a webhook. */
  webhook?: {
    /** Objects of deliveries that matched no entity, in all. */
    unmatched: number;
    /** When the last of them arrived (ISO 8601), null when none did. */
    lastUnmatchedAt: string | null;
  };
  /** The saved cursors, by scope. */
  cursors: Array<{ scope: string; cursor: string; updatedAt: string }>;
}
