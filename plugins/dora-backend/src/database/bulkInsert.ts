import { Knex } from 'knex';

/** Options of {@link bulkInsert}. @internal */
export interface BulkInsertOptions {
  /** Upsert on these columns. */
  conflict?: string[];
  /** The SET clause on conflict; default: every other column. */
  conflictUpdate?: string;
  returning?: string[];
  /** Column types: one array per column on PostgreSQL, JSON on SQLite. */
  types?: Record<string, string>;
}

const quote = (name: string) => `"${name}"`;

function clauses(columns: string[], options: BulkInsertOptions) {
  let suffix = '';
  if (options.conflict) {
    const updates =
      options.conflictUpdate ??
      columns
        .filter(c => !options.conflict!.includes(c))
        .map(c => `${quote(c)} = excluded.${quote(c)}`)
        .join(', ');
    suffix += ` ON CONFLICT (${options.conflict
      .map(quote)
      .join(',')}) DO UPDATE SET ${updates}`;
  }
  if (options.returning) {
    suffix += ` RETURNING ${options.returning.map(quote).join(',')}`;
  }
  return suffix;
}

/**
 * Multi-row INSERT (optionally upserting and returning) as few, short
 * statements: knex's builder and long VALUES lists cost more than the
 * databases' work. With `types`, PostgreSQL gets one array parameter per
 * column (`unnest`) and SQLite one JSON parameter (`json_each`); without,
 * VALUES lists of <= 500 rows (SQLite's limit).
 *
 * @internal
 */
export async function bulkInsert(
  trx: Knex,
  table: string,
  rows: Record<string, unknown>[],
  options: BulkInsertOptions = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const pg = /^(pg|postgres)/.test(String(trx.client.config.client));
  const columns = Object.keys(rows[0]);
  const into = `INSERT INTO ${quote(table)} (${columns.map(quote).join(',')})`;
  const suffix = clauses(columns, options);
  const out: Record<string, unknown>[] = [];
  const size = options.types ? 5000 : 500;
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    let sql: string;
    let bindings: unknown[];
    if (options.types && pg) {
      const casts = columns.map(c => `?::${options.types![c]}[]`).join(', ');
      sql = `${into} SELECT * FROM unnest(${casts})${suffix}`;
      bindings = columns.map(c => part.map(r => r[c] ?? null));
    } else if (options.types) {
      const picks = columns.map((_, k) => `json_extract(value, '$[${k}]')`);
      sql = `${into} SELECT ${picks.join(
        ', ',
      )} FROM json_each(?) WHERE true${suffix}`;
      bindings = [
        JSON.stringify(part.map(r => columns.map(c => r[c] ?? null))),
      ];
    } else {
      const tuple = `(${columns.map(() => '?').join(',')})`;
      sql = `${into} VALUES ${part.map(() => tuple).join(',')}${suffix}`;
      bindings = part.flatMap(r => columns.map(c => r[c] ?? null));
    }
    const result = await trx.raw(sql, bindings as Knex.ValueDict[]);
    if (options.returning) out.push(...(pg ? result.rows : result));
  }
  return out;
}
