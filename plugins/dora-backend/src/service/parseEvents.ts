import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  DORA_MAX_EVENTS_PER_REQUEST,
  DORA_MAX_INCIDENT_ATTRIBUTES,
  DORA_MAX_PIPELINE_LENGTH,
  DoraDeploymentStatus,
} from '@paved-road/plugin-dora-common';
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

const attributeValue = z
  .string({ error: 'expected a string or an array of strings' })
  .max(256, { error: 'expected at most 256 characters' });

const attributes = () =>
  z
    .record(
      z
        .string()
        .min(1, { error: 'expected names of 1 to 64 characters' })
        .max(64, { error: 'expected names of 1 to 64 characters' }),
      z.union([
        attributeValue,
        z
          .array(attributeValue, {
            error: 'expected a string or an array of strings',
          })
          .max(50, { error: 'expected at most 50 values' }),
      ]),
      { error: 'expected an object of vendor fields' },
    )
    .refine(a => Object.keys(a).length <= DORA_MAX_INCIDENT_ATTRIBUTES, {
      error: `expected at most ${DORA_MAX_INCIDENT_ATTRIBUTES} attributes`,
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
    changeCaused: z.boolean({ error: 'expected true or false' }).optional(),
    attributes: attributes().optional(),
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

const buildSchema = z
  .object({
    kind: z.literal('build'),
    source: text(),
    id: text(),
    entityRef: entityRef(),
    pipeline: z
      .string({ error: 'expected a non-empty string' })
      .trim()
      .min(1, { error: 'expected a non-empty string' })
      .max(DORA_MAX_PIPELINE_LENGTH, {
        error: `expected at most ${DORA_MAX_PIPELINE_LENGTH} characters`,
      }),
    status: z.enum(['success', 'failure', 'cancelled'], {
      error: "expected 'success', 'failure' or 'cancelled'",
    }),
    startedAt: isoDate(),
    finishedAt: isoDate(),
    commitSha: text().optional(),
  })
  .refine(b => b.startedAt <= b.finishedAt, {
    path: ['finishedAt'],
    error: 'expected a date at or after startedAt',
  });

/*
 * The fast path: a well-formed deployment or incident is checked by hand,
 * which is several times cheaper than the schema on large pushes. Anything
 * unusual (a missing field, surrounding spaces, a bad date, ...) goes
 * through the schema, which accepts or refuses it with its message: the
 * fast path only ever accepts what the schema accepts, with the same result.
 */
const isText = (v: unknown): v is string =>
  typeof v === 'string' &&
  v.length >= 1 &&
  v.length <= 255 &&
  v.trim().length === v.length;

function fastDate(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const ms = parseIso(v);
  return ms !== undefined && ms >= MIN_DATE_MS && ms <= MAX_DATE_MS
    ? ms
    : undefined;
}

const STATUSES = new Set(['success', 'failure', 'rolled_back']);

function fastDeployment(e: Record<string, unknown>) {
  const ref = isText(e.entityRef) ? normalizeEntityRef(e.entityRef) : null;
  const finishedAt = fastDate(e.finishedAt);
  const startedAt =
    e.startedAt === undefined ? undefined : fastDate(e.startedAt);
  if (
    !isText(e.source) ||
    !isText(e.id) ||
    !ref ||
    !isText(e.environment) ||
    typeof e.status !== 'string' ||
    !STATUSES.has(e.status) ||
    finishedAt === undefined ||
    (e.startedAt !== undefined &&
      (startedAt === undefined || startedAt > finishedAt)) ||
    (e.commitSha !== undefined && !isText(e.commitSha)) ||
    (e.rework !== undefined && typeof e.rework !== 'boolean')
  ) {
    return undefined;
  }
  let changes: Array<{ sha: string; committedAt: number }> = [];
  if (e.changes !== undefined) {
    if (!Array.isArray(e.changes)) return undefined;
    changes = [];
    for (const c of e.changes as Array<Record<string, unknown>>) {
      const committedAt =
        c && typeof c === 'object' ? fastDate(c.committedAt) : undefined;
      if (committedAt === undefined || !isText(c.sha)) return undefined;
      changes.push({ sha: c.sha, committedAt });
    }
  }
  return {
    kind: 'deployment' as const,
    source: e.source,
    id: e.id,
    entityRef: ref,
    environment: e.environment,
    status: e.status as DoraDeploymentStatus,
    startedAt,
    finishedAt,
    commitSha: e.commitSha as string | undefined,
    changes,
    rework: e.rework as boolean | undefined,
  };
}

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
export function parseEvents(
  body: unknown,
  options: { fastPath?: boolean } = {},
): IngestBatch & { count: number } {
  const fast = options.fastPath ?? true;
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
    builds: [],
    count: events.length,
  };
  events.forEach((event, index) => {
    const kind = (event as { kind?: unknown } | null)?.kind;
    if (kind === 'deployment') {
      const d =
        (fast && event && typeof event === 'object'
          ? fastDeployment(event as Record<string, unknown>)
          : undefined) ?? parseOne(deploymentSchema, event, index);
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
        changeCaused: i.changeCaused ?? null,
        attributes: i.attributes ?? null,
      });
    } else if (kind === 'build') {
      const b = parseOne(buildSchema, event, index);
      batch.builds.push({ ...b, commitSha: b.commitSha ?? null });
    } else {
      throw new InputError(
        eventMessage(
          `events[${index}].kind`,
          "expected 'deployment', 'incident' or 'build'",
        ),
      );
    }
  });
  return batch;
}
