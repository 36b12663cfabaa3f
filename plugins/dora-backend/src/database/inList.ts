import { Knex } from 'knex';

/**
 * `column IN (values)`; on PostgreSQL as `column = ANY(?)` with one array
 * parameter, which plans much faster than thousands of parameters.
 *
 * @internal
 */
export function whereInList(
  knex: Knex,
  query: Knex.QueryBuilder,
  column: string,
  values: readonly (string | number)[],
  or = false,
): Knex.QueryBuilder {
  if (/^(pg|postgres)/.test(String(knex.client.config.client))) {
    const raw = `?? = ANY(?)`;
    return or
      ? query.orWhereRaw(raw, [column, values as any])
      : query.whereRaw(raw, [column, values as any]);
  }
  return or ? query.orWhereIn(column, values) : query.whereIn(column, values);
}
