/** PostgreSQL's serialization_failure and deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);

/** Options of {@link retryOnConflict}. @internal */
export interface RetryOnConflictOptions {
  /** Attempts in all, the first included. Default 3. */
  attempts?: number;
  /** Base delay before a retry; each waits base * attempt * (0.5..1.5). */
  baseDelayMs?: number;
  /** Told before each retry, e.g. to log it. */
  onRetry?: (info: { code: string; attempt: number; attempts: number }) => void;
}

/**
 * Runs `fn` (one whole transaction) again when PostgreSQL aborted it for a
 * serialization failure (40001) or a deadlock (40P01): both roll the
 * transaction back completely, so a retry is safe. Other errors, and the
 * last attempt's, are thrown as they are.
 *
 * @internal
 */
export async function retryOnConflict<T>(
  fn: () => Promise<T>,
  options: RetryOnConflictOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= attempts || !RETRYABLE.has(String(code))) throw error;
      options.onRetry?.({ code: String(code), attempt, attempts });
      const jitter = 0.5 + Math.random();
      await new Promise(r => setTimeout(r, baseDelayMs * attempt * jitter));
    }
  }
}
