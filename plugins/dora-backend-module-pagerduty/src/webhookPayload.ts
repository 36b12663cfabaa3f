import { AuthenticationError, InputError } from '@backstage/errors';
import {
  constantTimeEquals,
  hmacSha256Hex,
} from '@paved-road/plugin-dora-node';
import { PagerDutyIncident } from './types';

/**
 * Checks `X-PagerDuty-Signature` (`v1=<hex>`, several comma-separated while
 * a secret is rotated): accepted when any signature matches any secret.
 * Every pair is compared in constant time, with no early exit.
 */
export function verifyPagerDutySignature(
  header: string | string[] | undefined,
  rawBody: Buffer,
  secrets: string[],
): void {
  const signatures = [header ?? []]
    .flat()
    .flatMap(value => value.split(','))
    .map(value => value.trim())
    .filter(value => value.startsWith('v1='));
  if (signatures.length === 0) {
    throw new AuthenticationError(
      "Missing 'X-PagerDuty-Signature' header with a v1 signature",
    );
  }
  let matched = false;
  for (const secret of secrets) {
    const expected = `v1=${hmacSha256Hex(secret, rawBody)}`;
    for (const signature of signatures) {
      matched = constantTimeEquals(signature, expected) || matched;
    }
  }
  if (!matched) {
    throw new AuthenticationError(
      "Invalid 'X-PagerDuty-Signature': no signature matches a configured webhook secret",
    );
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireObject(value: unknown, field: string): Json {
  if (!isObject(value)) {
    throw new InputError(`Invalid '${field}': expected an object`);
  }
  return value;
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new InputError(`Invalid '${field}': expected a non-empty string`);
  }
  return value;
}

function requireDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new InputError(`Invalid '${field}': expected an ISO 8601 date`);
  }
  return value;
}

function optionalSummary(value: unknown): { summary?: string } | undefined {
  if (!isObject(value) || typeof value.summary !== 'string') return undefined;
  return { summary: value.summary };
}

/**
 * The incident a v3 webhook delivery describes, or `undefined` when the
 * delivery is about something else (another resource type, an incident
 * note, a ping). Throws `InputError` naming the field when malformed.
 */
export function parseWebhookPayload(
  rawBody: Buffer,
): PagerDutyIncident | undefined {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new InputError('Invalid body: expected a JSON webhook payload');
  }
  const event = requireObject(requireObject(body, 'body').event, 'event');
  const type = requireString(event.event_type, 'event.event_type');
  if (!type.startsWith('incident.')) return undefined;
  const data = requireObject(event.data, 'event.data');
  // incident.annotated and the like carry a note or responder, not the incident.
  if (requireString(data.type, 'event.data.type') !== 'incident') {
    return undefined;
  }
  const status = requireString(data.status, 'event.data.status');
  const incident: PagerDutyIncident = {
    id: requireString(data.id, 'event.data.id'),
    status,
    created_at: requireDate(data.created_at, 'event.data.created_at'),
    service: {
      id: requireString(
        requireObject(data.service, 'event.data.service').id,
        'event.data.service.id',
      ),
    },
  };
  if (typeof data.urgency === 'string') incident.urgency = data.urgency;
  const priority = optionalSummary(data.priority);
  if (priority) incident.priority = priority;
  if (status === 'resolved') {
    if (typeof data.resolved_at === 'string') {
      incident.resolved_at = requireDate(
        data.resolved_at,
        'event.data.resolved_at',
      );
    } else if (type === 'incident.resolved') {
      // v3 payloads carry no resolved_at: the resolve event's time is it.
      incident.resolved_at = requireDate(
        event.occurred_at,
        'event.occurred_at',
      );
    } else {
      // A later change of a resolved incident: its time is not the
      // resolution. The scheduled sync reads the real one.
      return undefined;
    }
  }
  return incident;
}

/**
 * The delivery's `event.id` (PagerDuty keeps it across retries, so it names
 * the delivery) and `event.occurred_at`, when present.
 */
export function webhookEventMeta(rawBody: Buffer): {
  id?: string;
  occurredAt?: string;
} {
  try {
    const event = JSON.parse(rawBody.toString('utf8'))?.event;
    if (!isObject(event)) return {};
    return {
      id: typeof event.id === 'string' && event.id ? event.id : undefined,
      occurredAt:
        typeof event.occurred_at === 'string' &&
        !Number.isNaN(Date.parse(event.occurred_at))
          ? event.occurred_at
          : undefined,
    };
  } catch {
    return {};
  }
}
