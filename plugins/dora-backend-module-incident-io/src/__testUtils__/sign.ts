import { createHmac } from 'node:crypto';

/** A `whsec_` secret, as incident.io shows it for an endpoint. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from(
  'a-test-signing-key-of-32-bytes!!',
).toString('base64')}`;

/** A second secret, as while the endpoint's secret is rotated. */
export const ROTATED_SECRET = `whsec_${Buffer.from(
  'the-rotated-signing-key-32-bytes',
).toString('base64')}`;

let nextId = 1;

/**
 * Headers of a delivery signed like incident.io (Svix) signs them; each call
 * is a new message (a new `webhook-id`) unless `id` is given.
 */
export function signedHeaders(
  body: string,
  options: { id?: string; timestamp?: number; secret?: string } = {},
) {
  const id = options.id ?? `msg_${nextId++}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from(
    (options.secret ?? WEBHOOK_SECRET).replace(/^whsec_/, ''),
    'base64',
  );
  const signature = createHmac('sha256', key)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}
