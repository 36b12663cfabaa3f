/**
 * Options of {@link fetchWithRetry}.
 *
 * @public
 */
export interface FetchWithRetryOptions {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** Delay before the first retry of a 5xx or timeout. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of any single wait, backoff or rate limit. Default 60 s. */
  maxDelayMs?: number;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /** Aborts waits and requests, e.g. the sync context's signal. */
  signal?: AbortSignal;
  /** For tests: how to wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** For tests: a number in [0, 1) for jitter. */
  random?: () => number;
  /** For tests: the clock, in epoch milliseconds. */
  now?: () => number;
}

/**
 * A vendor kept answering 429 or 5xx (or timing out) after every retry, or
 * asked to wait longer than `maxDelayMs`. The caller should stop its run
 * without moving its cursor; the next scheduled run resumes from there.
 *
 * @public
 */
export class VendorRequestError extends Error {
  /** Error name, always `VendorRequestError`. */
  readonly name = 'VendorRequestError';
  constructor(
    message: string,
    /** The last HTTP status, if any response came back. */
    readonly status?: number,
    /** How long the vendor asked to wait, when rate limited. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('Aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('Aborted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * How long a rate-limited response asks to wait, in milliseconds, from
 * `Retry-After` (seconds or an HTTP date), or a reset header
 * (`ratelimit-reset`, `x-ratelimit-reset`: seconds from now, or epoch
 * seconds as GitHub and GitLab send). `undefined` when none is present.
 *
 * @public
 */
export function rateLimitDelayMs(
  headers: Headers,
  now: number = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset =
    headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset !== null) {
    const value = Number(reset);
    if (Number.isFinite(value)) {
      // Above ~2001 in epoch seconds: an instant, not a delta.
      const ms = value > 1e9 ? value * 1000 - now : value * 1000;
      return Math.max(0, ms);
    }
  }
  return undefined;
}

function isRateLimited(response: Response): boolean {
  if (response.status === 429) return true;
  // GitHub signals an exhausted primary rate limit with 403.
  return (
    response.status === 403 &&
    response.headers.get('x-ratelimit-remaining') === '0'
  );
}

/** Only method and path: query strings may carry vendor filters, never logged. */
function describe(url: string, init?: RequestInit): string {
  const { origin, pathname } = new URL(url);
  return `${init?.method ?? 'GET'} ${origin}${pathname}`;
}

/**
 * `fetch` for vendor APIs: honours `Retry-After` / `ratelimit-reset` on 429
 * (and GitHub's 403 with no remaining rate limit), retries 5xx, network
 * errors and timeouts with exponential backoff and jitter, a bounded number
 * of times. Other responses (2xx, 3xx, 4xx) are returned for the caller to
 * handle. Throws {@link VendorRequestError} when retries are exhausted.
 *
 * @public
 */
export async function fetchWithRetry(
  url: string,
  init: RequestInit = {},
  options: FetchWithRetryOptions = {},
): Promise<Response> {
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const what = describe(url, init);

  let lastProblem = '';
  let lastStatus: number | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeout])
      : timeout;
    let waitMs: number;
    try {
      const response = await fetch(url, { ...init, signal });
      if (isRateLimited(response)) {
        lastStatus = response.status;
        const asked = rateLimitDelayMs(response.headers, now());
        await discard(response);
        if (asked !== undefined && asked > maxDelayMs) {
          throw new VendorRequestError(
            `${what} is rate limited for another ${Math.ceil(
              asked / 1000,
            )} s; stopping this run, the next one resumes from the saved cursor`,
            response.status,
            asked,
          );
        }
        lastProblem = `rate limited (${response.status})`;
        waitMs = asked ?? backoff(attempt, baseDelayMs, maxDelayMs, random);
      } else if (response.status >= 500) {
        lastStatus = response.status;
        lastProblem = `${response.status} ${response.statusText}`.trim();
        await discard(response);
        waitMs = backoff(attempt, baseDelayMs, maxDelayMs, random);
      } else {
        return response;
      }
    } catch (error) {
      if (error instanceof VendorRequestError) throw error;
      if (options.signal?.aborted) throw error;
      lastStatus = undefined;
      lastProblem = timeout.aborted
        ? `no response within ${timeoutMs} ms`
        : `network error: ${(error as Error).message}`;
      waitMs = backoff(attempt, baseDelayMs, maxDelayMs, random);
    }
    if (attempt < maxAttempts) {
      await sleep(Math.min(waitMs, maxDelayMs), options.signal);
    }
  }
  throw new VendorRequestError(
    `${what} failed after ${maxAttempts} attempts: ${lastProblem}`,
    lastStatus,
  );
}

/** Reads and drops a body so the connection can be reused. */
async function discard(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
}

/** Exponential backoff with jitter: half fixed, half random. */
function backoff(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
