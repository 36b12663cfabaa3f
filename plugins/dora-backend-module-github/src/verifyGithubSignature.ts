import { AuthenticationError } from '@backstage/errors';
import {
  constantTimeEquals,
  hmacSha256Hex,
} from '@paved-road/plugin-dora-node';

/**
 * Checks `X-Hub-Signature-256` (`sha256=<hex HMAC of the raw body>`) in
 * constant time against one secret, or several while one is rotated (valid
 * when any matches; every secret is compared, with no early exit); throws an `AuthenticationError` when it is missing or does
 * not match. Neither the secret nor the expected signature is ever part of
 * an error.
 *
 * @public
 */
export function verifyGithubSignature(options: {
  secret: string | readonly string[];
  header: string | string[] | undefined;
  rawBody: Buffer;
}): void {
  const given = Array.isArray(options.header)
    ? options.header[0]
    : options.header;
  if (!given) {
    throw new AuthenticationError("Missing 'X-Hub-Signature-256' header");
  }
  const signature = given.trim().toLowerCase();
  let matched = false;
  for (const secret of [options.secret].flat()) {
    const expected = `sha256=${hmacSha256Hex(secret, options.rawBody)}`;
    matched = constantTimeEquals(signature, expected) || matched;
  }
  if (!matched) {
    throw new AuthenticationError("Invalid 'X-Hub-Signature-256' signature");
  }
}
