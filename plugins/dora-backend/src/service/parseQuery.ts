import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parseIso } from '../database/time';
import { DoraSubject, DoraWindowOptions } from './types';
import { parseInput } from './parseInput';

/** The largest page `limit` of `GET /deployments`. @internal */
export const MAX_PAGE_LIMIT = 500;
/** The longest query window: two years (731 days, a leap year included). @internal */
export const MAX_WINDOW_MS = 731 * 86400000;
/** The default window when `from` is not given. @internal */
export const DEFAULT_WINDOW_MS = 30 * 86400000;

// Years 1970..9999: epoch ms never negative, four-digit years only.
const MIN_DATE_MS = Date.UTC(1970, 0, 1);
const MAX_DATE_MS = Date.UTC(10000, 0, 1) - 1;

const one = (what: string) =>
  z.string({ error: `expected one ${what}` }).optional();

const isoDate = one('ISO 8601 date').transform((value, ctx) => {
  if (value === undefined) return undefined;
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
  return new Date(ms);
});

/**
 * `?environment=a&environment=b,c` -> `['a', 'b', 'c']`. Exact names only:
 * a `/regex/` from a request would run over stored names on the event loop,
 * so patterns are accepted only in configuration.
 */
const listOf = z
  .union([z.string(), z.array(z.string())], {
    error: 'expected names, repeated or comma-separated',
  })
  .optional()
  .transform(v =>
    (v === undefined ? [] : [v].flat())
      .flatMap(s => s.split(','))
      .map(s => s.trim())
      .filter(Boolean),
  )
  .refine(names => names.every(n => !/^\/.*\/[a-z]*$/.test(n)), {
    error:
      "expected exact environment names; /regex/ patterns are only accepted in the configuration ('dora.productionEnvironments')",
  })
  .refine(names => names.every(n => n.length <= 255), {
    error: 'expected names of at most 255 characters',
  });

const limitMessage = `expected 1 to ${MAX_PAGE_LIMIT}`;
const limit = one(`number from 1 to ${MAX_PAGE_LIMIT}`)
  .refine(v => v === undefined || /^\d{1,9}$/.test(v), {
    error: limitMessage,
  })
  .transform(v => (v === undefined ? undefined : Number(v)))
  .refine(n => n === undefined || (n >= 1 && n <= MAX_PAGE_LIMIT), {
    error: limitMessage,
  });

const querySchema = z
  .object({
    entityRef: one('entity ref'),
    owner: one('group ref'),
    from: isoDate,
    to: isoDate,
    environment: listOf,
    cursor: one('cursor'),
    limit,
  })
  .superRefine((q, ctx) => {
    // The window as the service will use it: `to` defaults to now and
    // `from` to 30 days before `to`.
    const to = q.to?.getTime() ?? Date.now();
    const from = q.from?.getTime() ?? to - DEFAULT_WINDOW_MS;
    if (from >= to) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: "expected a date before 'to'",
      });
    } else if (to - from > MAX_WINDOW_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: "expected a window of at most 2 years (731 days) before 'to'",
      });
    }
  });

/** The query of `GET /metrics` and `GET /deployments`, parsed. @internal */
export type DoraQuery = DoraSubject &
  DoraWindowOptions & { cursor?: string; limit?: number };

/**
 * Parses `entityRef`, `owner`, `from`, `to`, `environment`, `cursor` and
 * `limit`; throws an `InputError` naming the first invalid one. Bounds:
 * dates in the years 1970 to 9999, `from` before `to`, a window of at most
 * 2 years, exact environment names, `limit` at most {@link MAX_PAGE_LIMIT}.
 *
 * @internal
 */
export function parseQuery(query: unknown): DoraQuery {
  const { environment, ...rest } = parseInput(querySchema, query);
  return { ...rest, environments: environment };
}

/** The most buckets `GET /metrics/trend` answers with. @internal */
export const MAX_TREND_BUCKETS = 52;
/** The length of a `week` bucket. @internal */
export const WEEK_MS = 7 * 86400000;

const countMessage = `expected a whole number from 1 to ${MAX_TREND_BUCKETS}`;

const trendSchema = z
  .object({
    entityRef: one('entity ref'),
    owner: one('group ref'),
    to: isoDate,
    environment: listOf,
    bucket: z
      .literal('week', { error: "expected 'week'" })
      .optional()
      .default('week'),
    count: one(`number from 1 to ${MAX_TREND_BUCKETS}`)
      .refine(v => v === undefined || /^\d{1,9}$/.test(v), {
        error: countMessage,
      })
      .transform(v => (v === undefined ? 12 : Number(v)))
      .refine(n => n >= 1 && n <= MAX_TREND_BUCKETS, { error: countMessage }),
  })
  .superRefine((q, ctx) => {
    const to = q.to?.getTime() ?? Date.now();
    if (to - q.count * WEEK_MS < MIN_DATE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'expected the first bucket to start in 1970 or later',
      });
    }
  });

/** The query of `GET /metrics/trend`, parsed. @internal */
export type DoraTrendQuery = DoraSubject & {
  to?: Date;
  environments: string[];
  bucket: 'week';
  count: number;
};

/**
 * Parses `GET /metrics/trend`: `entityRef` or `owner`, `to` (default now),
 * `environment`, `bucket` (`week`) and `count` (1 to
 * {@link MAX_TREND_BUCKETS}, default 12). The span, at most 52 weeks, stays
 * within the 2-year window bound. Throws an `InputError` naming the field.
 *
 * @internal
 */
export function parseTrendQuery(query: unknown): DoraTrendQuery {
  const { environment, ...rest } = parseInput(trendSchema, query);
  return { ...rest, environments: environment };
}

/** At most this many `entityRefs` per `GET /metrics/by-entity`. @internal */
export const MAX_BY_ENTITY_REFS = 500;

const REFS = `expected 1 to ${MAX_BY_ENTITY_REFS} entity refs, comma-separated or repeated`;

/**
 * Parses `GET /metrics/by-entity`: `owner` or `entityRefs` (exactly one),
 * `from`, `to` and `environment` with the bounds of {@link parseQuery}.
 *
 * @internal
 */
export function parseByEntityQuery(
  query: unknown,
): DoraWindowOptions & ({ owner: string } | { entityRefs: string[] }) {
  const { entityRefs: raw, ...rest } = (query ?? {}) as Record<string, unknown>;
  const { owner, from, to, environments } = parseQuery(rest);
  if (raw !== undefined) {
    const refs = [raw]
      .flat()
      .flatMap(v => (typeof v === 'string' ? v.split(',') : [null]))
      .map(v => (v === null ? null : v.trim()));
    if (
      owner ||
      refs.some(r => r === null) ||
      refs.filter(Boolean).length === 0 ||
      refs.length > MAX_BY_ENTITY_REFS ||
      refs.some(r => r!.length > 255)
    ) {
      throw new InputError(
        owner
          ? "Invalid 'owner': expected exactly one of 'owner' or 'entityRefs'"
          : `Invalid 'entityRefs': ${REFS}`,
      );
    }
    return {
      entityRefs: refs.filter((r): r is string => Boolean(r)),
      from,
      to,
      environments,
    };
  }
  if (!owner) {
    throw new InputError(
      "Invalid 'owner': expected a group ref like group:default/team-a, or 'entityRefs'",
    );
  }
  return { owner, from, to, environments };
}
