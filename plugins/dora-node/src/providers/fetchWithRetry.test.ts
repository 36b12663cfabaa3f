import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  VendorRequestError,
  fetchWithRetry,
  rateLimitDelayMs,
} from './fetchWithRetry';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const URL_ = 'https://api.vendor.test/incidents?since=2026-01-01';

function recorder() {
  const waits: number[] = [];
  return {
    waits,
    options: {
      sleep: async (ms: number) => {
        waits.push(ms);
      },
      random: () => 0.5,
      now: () => Date.parse('2026-11-22T12:00:00Z'),
    },
  };
}

describe('fetchWithRetry', () => {
  it('waits as long as Retry-After asks, then returns the answer', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.vendor.test/incidents', () => {
        calls++;
        return calls === 1
          ? new HttpResponse(null, {
              status: 429,
              headers: { 'Retry-After': '7' },
            })
          : HttpResponse.json({ ok: true });
      }),
    );
    const { waits, options } = recorder();
    const response = await fetchWithRetry(URL_, {}, options);
    expect(await response.json()).toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(waits).toEqual([7000]);
  });

  it('waits until an epoch ratelimit-reset and treats GitHub 403 with no remaining limit as a rate limit', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.vendor.test/incidents', () => {
        calls++;
        return calls === 1
          ? new HttpResponse(null, {
              status: 403,
              headers: {
                'x-ratelimit-remaining': '0',
                'x-ratelimit-reset': String(
                  Date.parse('2026-11-22T12:00:12Z') / 1000,
                ),
              },
            })
          : HttpResponse.json([]);
      }),
    );
    const { waits, options } = recorder();
    const response = await fetchWithRetry(URL_, {}, options);
    expect(response.status).toBe(200);
    expect(waits).toEqual([12_000]);
  });

  it('backs off exponentially with jitter through a 5xx storm, then gives up naming the last status but no query', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.vendor.test/incidents', () => {
        calls++;
        return new HttpResponse('busy', {
          status: 503,
          statusText: 'Service Unavailable',
        });
      }),
    );
    const { waits, options } = recorder();
    const error = await fetchWithRetry(
      URL_,
      {},
      { ...options, maxAttempts: 4, baseDelayMs: 100 },
    ).catch(e => e);
    expect(error).toBeInstanceOf(VendorRequestError);
    expect(error.message).toBe(
      'GET https://api.vendor.test/incidents failed after 4 attempts: 503 Service Unavailable',
    );
    expect(error.status).toBe(503);
    expect(calls).toBe(4);
    // 100, 200, 400 ms, each 3/4 of the exponential with random() = 0.5.
    expect(waits).toEqual([75, 150, 300]);
  });

  it('recovers when the storm passes', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.vendor.test/incidents', () => {
        calls++;
        return calls < 3
          ? new HttpResponse(null, { status: 502 })
          : HttpResponse.json({ page: 1 });
      }),
    );
    const { options } = recorder();
    const response = await fetchWithRetry(URL_, {}, options);
    expect(await response.json()).toEqual({ page: 1 });
    expect(calls).toBe(3);
  });

  it('returns other 4xx answers at once for the caller to handle', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.vendor.test/incidents', () => {
        calls++;
        return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      }),
    );
    const response = await fetchWithRetry(URL_, {}, recorder().options);
    expect(response.status).toBe(404);
    expect(calls).toBe(1);
  });

  it('stops at once when asked to wait longer than maxDelayMs', async () => {
    server.use(
      http.get(
        'https://api.vendor.test/incidents',
        () =>
          new HttpResponse(null, {
            status: 429,
            headers: { 'Retry-After': '3600' },
          }),
      ),
    );
    const { waits, options } = recorder();
    const error = await fetchWithRetry(URL_, {}, options).catch(e => e);
    expect(error).toBeInstanceOf(VendorRequestError);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(error.message).toMatch(/rate limited for another 3600 s/);
    expect(waits).toEqual([]);
  });

  it('retries a request that times out', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.vendor.test/incidents', async () => {
        calls++;
        if (calls === 1) await new Promise(r => setTimeout(r, 500));
        return HttpResponse.json({ ok: calls });
      }),
    );
    const response = await fetchWithRetry(
      URL_,
      {},
      { ...recorder().options, timeoutMs: 50 },
    );
    expect(await response.json()).toEqual({ ok: 2 });
  });

  it('stops waiting when the run is aborted', async () => {
    server.use(
      http.get(
        'https://api.vendor.test/incidents',
        () => new HttpResponse(null, { status: 500 }),
      ),
    );
    const controller = new AbortController();
    const promise = fetchWithRetry(
      URL_,
      {},
      { signal: controller.signal, baseDelayMs: 10_000 },
    );
    setTimeout(() => controller.abort(new Error('backend stopping')), 50);
    await expect(promise).rejects.toThrow('backend stopping');
  });
});

describe('rateLimitDelayMs', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': 'Sun, 22 Nov 2026 12:00:30 GMT' }, 30_000],
    [{ 'ratelimit-reset': '20' }, 20_000],
    [{ 'x-ratelimit-reset': String(now / 1000 + 5) }, 5000],
    [{}, undefined],
  ])('%j → %s ms', (headers, expected) => {
    expect(rateLimitDelayMs(new Headers(headers), now)).toBe(expected);
  });
});
