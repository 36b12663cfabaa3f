import { AuthenticationError } from '@backstage/errors';
import {
  constantTimeEquals,
  hmacSha256Hex,
} from '@paved-road/plugin-dora-node';

/**
 * Checks `X-Hub-Signature-256` (`sha256=<hex HMAC of the raw body>`) in
 * constant time; throws an `AuthenticationError` when it is missing or does
 * not match. Neither the secret nor the expected signature is ever part of
 * an error.
 *
 * @public
 */
export function verifyGithubSignature(options: {
  secret: string;
  header: string | string[] | undefined;
  rawBody: Buffer;
}): void {
  const given = Array.isArray(options.header)
    ? options.header[0]
    : options.header;
  if (!given) {
    throw new AuthenticationError("Missing 'X-Hub-Signature-256' header");
  }
  const expected = `sha256=${hmacSha256Hex(options.secret, options.rawBody)}`;
  if (!constantTimeEquals(given.trim().toLowerCase(), expected)) {
    throw new AuthenticationError("Invalid 'X-Hub-Signature-256' signature");
  }
}
