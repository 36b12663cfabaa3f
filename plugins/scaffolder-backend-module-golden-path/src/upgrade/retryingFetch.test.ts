import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ConfigReader } from '@backstage/config';
import {
  createRetryingFetch,
  readRateLimitOptions,
  retryDelayMs,
} from './retryingFetch';

const URL_ = 'https://api.example.com/thing';

describe('createRetryingFetch', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Answers with `responses` in order, then 200; records request bodies. */
  function serve(...responses: Array<() => Response>) {
    const bodies: string[] = [];
    server.use(
      http.post(URL_, async ({ request }) => {
        bodies.push(await request.text());
        return responses.shift()?.() ?? HttpResponse.json({ ok: true });
      }),
    );
    return bodies;
  }
  const setup = (options: {
    maxAttempts?: number;
    maxWaitSeconds?: number;
  }) => {
    const waits: number[] = [];
    const retrying = createRetryingFetch({
      ...options,
      sleep: async ms => {
        waits.push(ms);
      },
    });
    const post = () => retrying(URL_, { method: 'POST', body: '{"a":1}' });
    return { waits, post };
  };
  const limited = (status: number, headers: Record<string, string>) => () =>
    HttpResponse.json({ message: 'limited' }, { status, headers });

  it('retries a 429 after retry-after seconds and resends the body', async () => {
    const bodies = serve(limited(429, { 'retry-after': '3' }));
    const { waits, post } = setup({});
    const res = await post();
    expect(res.status).toBe(200);
    expect(waits).toEqual([3000]);
    expect(bodies).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("retries GitHub's secondary rate limit and an exhausted primary limit", async () => {
    const reset = Math.floor(Date.now() / 1000) + 10;
    serve(
      limited(403, { 'retry-after': '2' }),
      limited(403, {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      }),
    );
    const { waits, post } = setup({});
    expect((await post()).status).toBe(200);
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThan(8000);
    expect(waits[1]).toBeLessThanOrEqual(10000);
  });

  it('does not retry a 403 that is not a rate limit', async () => {
    const bodies = serve(limited(403, {}));
    const { waits, post } = setup({});
    expect((await post()).status).toBe(403);
    expect(waits).toEqual([]);
    expect(bodies).toHaveLength(1);
  });

  it('stops after maxAttempts and returns the last response', async () => {
    const bodies = serve(
      ...Array.from({ length: 5 }, () => limited(429, { 'retry-after': '1' })),
    );
    const { waits, post } = setup({ maxAttempts: 3 });
    expect((await post()).status).toBe(429);
    expect(bodies).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it('does not wait beyond maxWaitSeconds in total', async () => {
    const bodies = serve(
      limited(429, { 'retry-after': '20' }),
      limited(429, { 'retry-after': '20' }),
    );
    const { waits, post } = setup({ maxWaitSeconds: 30 });
    expect((await post()).status).toBe(429);
    expect(waits).toEqual([20000]);
    expect(bodies).toHaveLength(2);
  });
});

describe('retryDelayMs', () => {
  const res = (headers: Record<string, string>) =>
    new Response(null, { status: 429, headers });
  const now = Date.parse('2026-11-20T10:00:00Z');

  it('reads retry-after as seconds or an HTTP date, then rate-limit resets, then backs off', () => {
    expect(retryDelayMs(res({ 'retry-after': '7' }), 1, now)).toBe(7000);
    expect(
      retryDelayMs(
        res({ 'retry-after': 'Fri, 20 Nov 2026 10:00:05 GMT' }),
        1,
        now,
      ),
    ).toBe(5000);
    expect(
      retryDelayMs(res({ 'ratelimit-reset': String(now / 1000 + 4) }), 1, now),
    ).toBe(4000);
    expect(retryDelayMs(res({}), 1, now)).toBe(1000);
    expect(retryDelayMs(res({}), 3, now)).toBe(4000);
  });
});

describe('readRateLimitOptions', () => {
  const read = (rateLimit: object) =>
    readRateLimitOptions(
      new ConfigReader({ goldenPath: { upgrade: { rateLimit } } }),
    );

  it('reads the settings, leaving defaults to the fetch', () => {
    expect(read({ maxAttempts: 6, maxWaitSeconds: 0 })).toEqual({
      maxAttempts: 6,
      maxWaitSeconds: 0,
    });
    expect(readRateLimitOptions(new ConfigReader({}))).toEqual({
      maxAttempts: undefined,
      maxWaitSeconds: undefined,
    });
  });

  it('names the key of a bad value', () => {
    expect(() => read({ maxWaitSeconds: -1 })).toThrow(
      "Invalid config 'goldenPath.upgrade.rateLimit.maxWaitSeconds' '-1': expected a whole number of at least 0",
    );
    expect(() => read({ maxAttempts: 2.5 })).toThrow(
      "Invalid config 'goldenPath.upgrade.rateLimit.maxAttempts' '2.5'",
    );
  });
});
