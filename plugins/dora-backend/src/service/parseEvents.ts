import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CustomErrorBase, InputError } from '@backstage/errors';
import { DORA_MAX_EVENTS_PER_REQUEST } from '@paved-road/plugin-dora-common';
import { z } from 'zod';
import { IngestBatch } from '../database/DatabaseDoraStore';
import { parseIso } from '../database/time';
import { parseInput } from './parseInput';

/** A request carrying more events than allowed: HTTP 413. @internal */
export class PayloadTooLargeError extends CustomErrorBase {
  readonly statusCode = 413;
}

const text = () =>
  z
    .string({ error: 'expected a non-empty string' })
    .trim()
    .min(1, { error: 'expected a non-empty string' })
    .max(255, { error: 'expected at most 255 characters' });

// Years 1970..9999, as in queries: monthly rollups span the data's range.
const MIN_DATE_MS = Date.UTC(1970, 0, 1);
const MAX_DATE_MS = Date.UTC(10000, 0, 1) - 1;

const isoDate = () =>
  z.string({ error: 'expected an ISO 8601 date' }).transform((value, ctx) => {
    const ms = parseIso(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date' });
      return z.NEVER;
    }
    if (ms < MIN_DATE_MS || ms > MAX_DATE_MS) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a date in the years 1970 to 9999',
      });
      return z.NEVER;
    }
    return ms;
  });

// Pushes repeat the same few entity refs; parsing them is the costly part.
const normalizedRefs = new Map<string, string | null>();

function normalizeEntityRef(ref: string): string | null {
  let normalized = normalizedRefs.get(ref);
  if (normalized === undefined) {
    try {
      normalized = stringifyEntityRef(
        parseEntityRef(ref, { defaultNamespace: 'default' }),
      ).toLocaleLowerCase('en-US');
    } catch {
      normalized = null;
    }
    if (normalizedRefs.size > 10000) normalizedRefs.clear();
    normalizedRefs.set(ref, normalized);
  }
  return normalized;
}

const entityRef = () =>
  text().transform((ref, ctx) => {
    const normalized = normalizeEntityRef(ref);
    if (normalized === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected an entity ref like component:default/name',
      });
      return z.NEVER;
    }
    return normalized;
  });

const deploymentSchema = z
  .object({
    kind: z.literal('deployment'),
    source: text(),
    id: text(),
    entityRef: entityRef(),
    environment: text(),
    status: z.enum(['success', 'failure', 'rolled_back'], {
      error: "expected 'success', 'failure' or 'rolled_back'",
    }),
    startedAt: isoDate().optional(),
    finishedAt: isoDate(),
    commitSha: text().optional(),
    changes: z
      .array(z.object({ sha: text(), committedAt: isoDate() }), {
        error: 'expected an array of { sha, committedAt }',
      })
      .optional(),
    rework: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .refine(d => d.startedAt === undefined || d.startedAt <= d.finishedAt, {
    path: ['startedAt'],
    error: 'expected a date at or before finishedAt',
  });

const incidentSchema = z
  .object({
    kind: z.literal('incident'),
    source: text(),
    id: text(),
    entityRef: entityRef(),
    openedAt: isoDate(),
    resolvedAt: isoDate().nullable().optional(),
    severity: text().optional(),
    deploymentId: text().optional(),
  })
  .refine(
    i =>
      i.resolvedAt === undefined ||
      i.resolvedAt === null ||
      i.resolvedAt >= i.openedAt,
    {
      path: ['resolvedAt'],
      error: 'expected a date at or after openedAt',
    },
  );

// Documented in docs/push-from-any-ci.md: `events[3].finishedAt: expected ...`.
const eventMessage = (field: string, problem: string) => `${field}: ${problem}`;

function parseOne<T>(schema: z.ZodType<T>, value: unknown, index: number): T {
  return parseInput(schema, value, {
    at: `events[${index}]`,
    message: eventMessage,
  });
}

/**
 * Validates a `POST /events` body completely before anything is stored.
 *
 * @internal
 */
export function parseEvents(body: unknown): IngestBatch & { count: number } {
  const events = (body as { events?: unknown } | undefined)?.events;
  if (!Array.isArray(events)) {
    throw new InputError('Invalid body: expected { "events": [...] }');
  }
  if (events.length > DORA_MAX_EVENTS_PER_REQUEST) {
    throw new PayloadTooLargeError(
      `Too many events: ${events.length}, at most ${DORA_MAX_EVENTS_PER_REQUEST} per request`,
    );
  }
  const batch: IngestBatch & { count: number } = {
    deployments: [],
    incidents: [],
    count: events.length,
  };
  events.forEach((event, index) => {
    const kind = (event as { kind?: unknown } | null)?.kind;
    if (kind === 'deployment') {
      const d = parseOne(deploymentSchema, event, index);
      const changes = new Map((d.changes ?? []).map(c => [c.sha, c]));
      batch.deployments.push({
        ...d,
        startedAt: d.startedAt ?? null,
        commitSha: d.commitSha ?? null,
        rework: d.rework ?? false,
        changes: [...changes.values()],
      });
    } else if (kind === 'incident') {
      const i = parseOne(incidentSchema, event, index);
      batch.incidents.push({
        ...i,
        resolvedAt: i.resolvedAt ?? null,
        severity: i.severity ?? null,
        deploymentId: i.deploymentId ?? null,
      });
    } else {
      throw new InputError(
        eventMessage(
          `events[${index}].kind`,
          "expected 'deployment' or 'incident'",
        ),
      );
    }
  });
  return batch;
}
