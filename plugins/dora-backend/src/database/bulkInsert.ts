import { Knex } from 'knex';

/**
 * Multi-row INSERT (optionally upserting and returning) written as one raw
 * statement per chunk: knex's builder spent more time compiling these
 * statements than the databases spent running them. Same SQL on SQLite
 * (>= 3.35) and PostgreSQL. Chunks stay at <= 500 rows on SQLite.
 *
 * @internal
 */
export async function bulkInsert(
  trx: Knex,
  table: string,
  rows: Record<string, unknown>[],
  options: {
    conflict?: string[];
    returning?: string[];
    /** PostgreSQL column types: sends one array per column via unnest. */
    pgTypes?: Record<string, string>;
  } = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const pg = /^(pg|postgres)/.test(String(trx.client.config.client));
  if (pg && options.pgTypes) {
    return unnestInsert(trx, table, rows, options as Required<typeof options>);
  }
  const size = pg ? 2000 : 500;
  const columns = Object.keys(rows[0]);
  const quote = (name: string) => `"${name}"`;
  const tuple = `(${columns.map(() => '?').join(',')})`;
  let suffix = '';
  if (options.conflict) {
    const updates = columns
      .filter(c => !options.conflict!.includes(c))
      .map(c => `${quote(c)} = excluded.${quote(c)}`);
    suffix += ` ON CONFLICT (${options.conflict
      .map(quote)
      .join(',')}) DO UPDATE SET ${updates.join(', ')}`;
  }
  if (options.returning) {
    suffix += ` RETURNING ${options.returning.map(quote).join(',')}`;
  }
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    const bindings: unknown[] = [];
    for (const row of part) {
      for (const column of columns) bindings.push(row[column] ?? null);
    }
    const sql = `INSERT INTO ${quote(table)} (${columns
      .map(quote)
      .join(',')}) VALUES ${part.map(() => tuple).join(',')}${suffix}`;
    const result = await trx.raw(sql, bindings as Knex.ValueDict[]);
    if (options.returning) out.push(...(pg ? result.rows : result));
  }
  return out;
}

function clauses(
  columns: string[],
  options: { conflict?: string[]; returning?: string[] },
) {
  let suffix = '';
  if (options.conflict) {
    const updates = columns
      .filter(c => !options.conflict!.includes(c))
      .map(c => `"${c}" = excluded."${c}"`);
    suffix += ` ON CONFLICT (${options.conflict
      .map(c => `"${c}"`)
      .join(',')}) DO UPDATE SET ${updates.join(', ')}`;
  }
  if (options.returning) {
    suffix += ` RETURNING ${options.returning.map(c => `"${c}"`).join(',')}`;
  }
  return suffix;
}

/** PostgreSQL: one parameter per column, `INSERT ... SELECT FROM unnest`. */
async function unnestInsert(
  trx: Knex,
  table: string,
  rows: Record<string, unknown>[],
  options: {
    conflict?: string[];
    returning?: string[];
    pgTypes: Record<string, string>;
  },
) {
  const columns = Object.keys(rows[0]);
  const arrays = columns.map(c => rows.map(r => r[c] ?? null));
  const casts = columns.map(c => `?::${options.pgTypes[c]}[]`).join(', ');
  const result = await trx.raw(
    `INSERT INTO "${table}" (${columns
      .map(c => `"${c}"`)
      .join(',')}) SELECT * FROM unnest(${casts})${clauses(columns, options)}`,
    arrays as unknown as Knex.ValueDict[],
  );
  return options.returning ? (result.rows as Record<string, unknown>[]) : [];
}
