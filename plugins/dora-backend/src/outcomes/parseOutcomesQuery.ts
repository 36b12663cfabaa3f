import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseQuery } from '../service/parseQuery';
import { OutcomesQuery } from './DefaultOutcomesService';

/** The default window of `GET /outcomes`: the last 90 days. @internal */
export const OUTCOMES_DEFAULT_WINDOW_MS = 90 * 86400000;

/**
 * Parses `from`, `to` and `owner` of `GET /outcomes` with the rules of
 * `/metrics` (ISO 8601 dates, `from` before `to`, at most 2 years); throws
 * an `InputError` naming the first invalid one.
 *
 * @internal
 */
export function parseOutcomesQuery(
  query: Record<string, unknown>,
): OutcomesQuery {
  const parsed = parseQuery({
    from: query.from,
    to: query.to,
    owner: query.owner,
  });
  const to = parsed.to?.getTime() ?? Date.now();
  const from = parsed.from?.getTime() ?? to - OUTCOMES_DEFAULT_WINDOW_MS;
  return {
    from,
    to,
    ...(parsed.owner ? { owner: ownerRef(parsed.owner) } : {}),
  };
}

function ownerRef(owner: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      "Invalid 'owner': expected a group ref like group:default/team-a",
    );
  }
}
