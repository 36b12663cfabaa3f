import { constantTimeEquals, hmacSha256Hex, webhookHeader } from './signatures';

describe('signatures', () => {
  it('computes the HMAC-SHA256 of the GitHub documentation example', () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
    expect(
      hmacSha256Hex("It's a Secret to Everybody", Buffer.from('Hello, World!')),
    ).toBe('757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });

  it('compares equal strings as equal and others, of any length, as not', () => {
    expect(constantTimeEquals('sha256=abc', 'sha256=abc')).toBe(true);
    expect(constantTimeEquals('sha256=abc', 'sha256=abd')).toBe(false);
    expect(constantTimeEquals('sha256=abc', 'sha256=abcd')).toBe(false);
    expect(constantTimeEquals('', 'x')).toBe(false);
  });

  it('reads the first value of a header, undefined when absent', () => {
    const request = {
      headers: { 'x-event': 'push', 'x-twice': ['a', 'b'] },
    };
    expect(webhookHeader(request, 'x-event')).toBe('push');
    expect(webhookHeader(request, 'x-twice')).toBe('a');
    expect(webhookHeader(request, 'x-none')).toBeUndefined();
  });
});
