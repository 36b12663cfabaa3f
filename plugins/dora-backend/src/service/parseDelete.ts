import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { DORA_MAX_EVENTS_PER_REQUEST } from '@paved-road/plugin-dora-common';
import { z } from 'zod';
import { EventKey } from '../database/deleteEvents';
import { PayloadTooLargeError } from './parseEvents';
import { parseInput } from './parseInput';

/** What `DELETE /events` deletes: identities, or one source of one entity. @internal */
export type DeleteRequest =
  | { events: EventKey[] }
  | { source: string; entityRef: string };

const text = () =>
  z
    .string({ error: 'expected a non-empty string' })
    .trim()
    .min(1, { error: 'expected a non-empty string' })
    .max(255, { error: 'expected at most 255 characters' });

const identity = z.object({
  kind: z.enum(['deployment', 'incident', 'build'], {
    error: "expected 'deployment', 'incident' or 'build'",
  }),
  source: text(),
  id: text(),
});

const bySource = z.object({
  source: text(),
  entityRef: text().transform((ref, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, { defaultNamespace: 'default' }),
      ).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'expected an entity ref like component:default/name',
      });
      return z.NEVER;
    }
  }),
});

const hasContent = (body: unknown) =>
  typeof body === 'object' && body !== null && Object.keys(body).length > 0;

/**
 * Validates a `DELETE /events` request: a body `{ events: [{ kind, source,
 * id }] }` (at most {@link DORA_MAX_EVENTS_PER_REQUEST}) or the query
 * `?source=&entityRef=`, not both.
 *
 * @internal
 */
export function parseDelete(query: unknown, body: unknown): DeleteRequest {
  const queryGiven = hasContent(query);
  if (queryGiven && hasContent(body)) {
    throw new InputError(
      'Invalid request: give either a body { "events": [...] } or the query ?source=&entityRef=, not both',
    );
  }
  if (queryGiven) {
    return parseInput(bySource, query);
  }
  const events = (body as { events?: unknown } | undefined)?.events;
  if (!Array.isArray(events)) {
    throw new InputError(
      'Invalid request: expected a body { "events": [{ "kind", "source", "id" }] } or the query ?source=&entityRef=',
    );
  }
  if (events.length > DORA_MAX_EVENTS_PER_REQUEST) {
    throw new PayloadTooLargeError(
      `Too many events: ${events.length}, at most ${DORA_MAX_EVENTS_PER_REQUEST} per request`,
    );
  }
  return {
    events: events.map((event, index) =>
      parseInput(identity, event, {
        at: `events[${index}]`,
        message: (field, problem) => `${field}: ${problem}`,
      }),
    ),
  };
}
