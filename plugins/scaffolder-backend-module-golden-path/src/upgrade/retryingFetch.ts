import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * How rate-limited requests to GitHub and GitLab are retried.
 *
 * @public
 */
export interface RateLimitOptions {
  /** Attempts per request, the first one included; default 4. */
  maxAttempts?: number;
  /** Longest total wait per request, in seconds; default 60. */
  maxWaitSeconds?: number;
}

/**
 * Reads `goldenPath.upgrade.rateLimit`, naming the key of a bad value.
 */
export function readRateLimitOptions(config: Config): RateLimitOptions {
  const key = 'goldenPath.upgrade.rateLimit';
  const read = (name: string, min: number) => {
    const value = config.getOptionalNumber(`${key}.${name}`);
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw new InputError(
        `Invalid config '${key}.${name}' '${value}': expected a whole number of at least ${min}`,
      );
    }
    return value;
  };
  return {
    maxAttempts: read('maxAttempts', 1),
    maxWaitSeconds: read('maxWaitSeconds', 0),
  };
}

const DEFAULT_ATTEMPTS = 4;
const DEFAULT_WAIT_SECONDS = 60;

/**
 * A 429, or GitHub's secondary rate limit / exhausted primary limit: a 403
 * with `retry-after` or `x-ratelimit-remaining: 0`.
 */
export function isRateLimited(res: Response): boolean {
  if (res.status === 429) return true;
  return (
    res.status === 403 &&
    (res.headers.has('retry-after') ||
      res.headers.get('x-ratelimit-remaining') === '0')
  );
}

/** Milliseconds to wait before the next attempt, from the response's headers. */
export function retryDelayMs(
  res: Response,
  attempt: number,
  now = Date.now(),
): number {
  const retryAfter = res.headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  // GitHub: x-ratelimit-reset; GitLab: ratelimit-reset (epoch seconds).
  const reset =
    res.headers.get('x-ratelimit-reset') ?? res.headers.get('ratelimit-reset');
  if (reset !== null && Number.isFinite(Number(reset))) {
    return Math.max(0, Number(reset) * 1000 - now);
  }
  // GitHub documents waiting at least a minute without a header; back off.
  return 1000 * 2 ** (attempt - 1);
}

/**
 * Wraps `fetch` so rate-limited responses are retried after the wait the
 * server asks for, within a bounded number of attempts and total wait. When
 * the budget is spent the last response is returned as is, so the caller
 * reports the vendor's own error.
 */
export function createRetryingFetch(
  options: RateLimitOptions & {
    fetch?: typeof fetch;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): typeof fetch {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_ATTEMPTS);
  const maxWaitMs = (options.maxWaitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)));
  return async (input, init) => {
    const doFetch = options.fetch ?? fetch;
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const res = await doFetch(input, init);
      if (!isRateLimited(res) || attempt >= maxAttempts) return res;
      const delay = retryDelayMs(res, attempt);
      if (waited + delay > maxWaitMs) return res;
      await res.arrayBuffer().catch(() => undefined);
      await sleep(delay);
      waited += delay;
    }
  };
}
