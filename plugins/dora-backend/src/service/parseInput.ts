import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** @internal */
export interface ParseInputOptions {
  /** Prefix of every field's path, e.g. `events[3]`. */
  at?: string;
  /** Builds the message; default `Invalid '<field>': <problem>`. */
  message?: (field: string, problem: string) => string;
}

/** `['changes', 0, 'sha']` after `events[3]` -> `events[3].changes[0].sha`. */
function fieldOf(at: string | undefined, path: readonly PropertyKey[]): string {
  const joined = path
    .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('');
  const field = `${at ?? ''}${joined}`.replace(/^\./, '');
  return field || 'body';
}

/**
 * Parses a request's query or body with `schema`; the first problem becomes
 * an `InputError` naming the field, e.g.
 * `Invalid 'from': expected an ISO 8601 date`.
 *
 * @internal
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  options: ParseInputOptions = {},
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = fieldOf(options.at, issue.path);
  // zod's own messages read "Invalid input: expected string, received array".
  const problem = issue.message.replace(/^Invalid input: /, '');
  const message =
    options.message?.(field, problem) ?? `Invalid '${field}': ${problem}`;
  throw new InputError(message);
}
