import { z } from 'zod';
import { parseIso } from '../database/time';
import { DoraSubject, DoraWindowOptions } from './types';
import { parseInput } from './parseInput';

const one = (what: string) =>
  z.string({ error: `expected one ${what}` }).optional();

const isoDate = one('ISO 8601 date').transform((value, ctx) => {
  if (value === undefined) return undefined;
  const ms = parseIso(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date' });
    return z.NEVER;
  }
  return new Date(ms);
});

/** `?environment=a&environment=b,c` -> `['a', 'b', 'c']`. */
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
  );

const limit = one('number from 1 to 500')
  .refine(v => v === undefined || /^\d+$/.test(v), {
    error: 'expected 1 to 500',
  })
  .transform(v => (v === undefined ? undefined : Number(v)))
  .refine(n => n === undefined || (n >= 1 && n <= 500), {
    error: 'expected 1 to 500',
  });

const querySchema = z.object({
  entityRef: one('entity ref'),
  owner: one('group ref'),
  from: isoDate,
  to: isoDate,
  environment: listOf,
  cursor: one('cursor'),
  limit,
});

/** The query of `GET /metrics` and `GET /deployments`, parsed. @internal */
export type DoraQuery = DoraSubject &
  DoraWindowOptions & { cursor?: string; limit?: number };

/**
 * Parses `entityRef`, `owner`, `from`, `to`, `environment`, `cursor` and
 * `limit`; throws an `InputError` naming the first invalid one.
 *
 * @internal
 */
export function parseQuery(query: unknown): DoraQuery {
  const { environment, ...rest } = parseInput(querySchema, query);
  return { ...rest, environments: environment };
}
