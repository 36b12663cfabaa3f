import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { OverviewQuery } from './types';

/** At most this many values of a repeated filter such as `owner`. */
export const MAX_FILTER_VALUES = 50;
/** At most this many characters in one query value. */
export const MAX_VALUE_LENGTH = 1000;
/** The largest overview page. */
export const MAX_LIMIT = 500;

const value = (name: string) =>
  z
    .string()
    .min(1)
    .max(MAX_VALUE_LENGTH, {
      error: `Invalid '${name}': expected at most ${MAX_VALUE_LENGTH} characters`,
    });

const many = (name: string) =>
  z.preprocess(
    v => (v === undefined ? undefined : [v].flat()),
    z
      .array(value(name), {
        error: `Invalid '${name}': expected one or more values`,
      })
      .max(MAX_FILTER_VALUES, {
        error: `Invalid '${name}': expected at most ${MAX_FILTER_VALUES} values`,
      })
      .optional(),
  );

const one = (name: string) =>
  z
    .string({ error: `expected a single value for '${name}'` })
    .min(1)
    .max(MAX_VALUE_LENGTH, {
      error: `Invalid '${name}': expected at most ${MAX_VALUE_LENGTH} characters`,
    })
    .optional();

const limitError = `Invalid 'limit': expected a whole number from 1 to ${MAX_LIMIT}`;

const isoDate = (name: string) =>
  z
    .string({ error: `Invalid '${name}': expected an ISO 8601 date` })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const t = /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
      if (Number.isNaN(t)) {
        ctx.addIssue({
          code: 'custom',
          message: `Invalid '${name}': expected an ISO 8601 date`,
        });
        return z.NEVER;
      }
      return new Date(t);
    });

const overviewSchema = z.object({
  owner: many('owner'),
  kind: many('kind'),
  level: one('level'),
  failing: one('failing'),
  exempt: one('exempt'),
  cursor: one('cursor'),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, { error: limitError })
    .transform(Number)
    .refine(n => n >= 1 && n <= MAX_LIMIT, { error: limitError })
    .optional(),
});

const historySchema = z.object({ from: isoDate('from'), to: isoDate('to') });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.');
    throw new InputError(
      issue.message.startsWith('Invalid ')
        ? issue.message
        : `Invalid '${field}': ${issue.message}`,
    );
  }
  return result.data;
}

/** `GET /overview` and `/overview/rollup` query. @internal */
export function parseOverviewQuery(query: unknown): OverviewQuery {
  const { owner, kind, ...rest } = parse(overviewSchema, query);
  return { owners: owner, kinds: kind, ...rest };
}

/** `GET .../history` query. @internal */
export function parseHistoryQuery(query: unknown): { from?: Date; to?: Date } {
  return parse(historySchema, query);
}

/** `:kind/:namespace/:name` route parameters. @internal */
export function entityRefOf(params: Record<string, string>): CompoundEntityRef {
  return { kind: params.kind, namespace: params.namespace, name: params.name };
}
