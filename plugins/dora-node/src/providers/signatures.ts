import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in constant time (for their common length); strings
 * of different lengths are never equal.
 *
 * @public
 */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Still spend the comparison, so timing says nothing about the content.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/**
 * Hex HMAC-SHA256 of a raw request body, as GitHub (`X-Hub-Signature-256`,
 * prefixed `sha256=`) and PagerDuty (`X-PagerDuty-Signature`, prefixed
 * `v1=`) sign webhooks.
 *
 * @public
 */
export function hmacSha256Hex(secret: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * The first value of a delivery's header, by its lower-case name;
 * `undefined` when it is absent.
 *
 * @public
 */
export function webhookHeader(
  request: { headers: Record<string, string | string[] | undefined> },
  name: string,
): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
