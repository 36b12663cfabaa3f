import { Knex } from 'knex';

/**
 * The PostgreSQL advisory lock key of the DORA plugin's migrations: a fixed
 * number, the same in every instance and release ("PRDORA" in ASCII).
 *
 * @internal
 */
export const DORA_MIGRATIONS_LOCK = 0x505244_4f5241;

interface MigrateOptions {
  directory: string;
  lockKey: number;
  tableName?: string;
}

// Calls on one client (one process) take turns too, on every engine.
const running = new WeakMap<Knex, Promise<void>>();

async function migrate(knex: Knex, options: MigrateOptions): Promise<void> {
  const latest = () =>
    knex.migrate.latest({
      directory: options.directory,
      ...(options.tableName ? { tableName: options.tableName } : {}),
    });
  if (knex.client.dialect !== 'postgresql') {
    await latest();
    return;
  }
  await knex.transaction(async trx => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [options.lockKey]);
    await latest();
  });
}

/**
 * Runs `knex.migrate.latest` under a PostgreSQL advisory lock, so that
 * instances starting together on an empty database take turns: without it
 * both create knex's own `knex_migrations` tables at once and one fails
 * (`relation "knex_migrations" already exists`, or a duplicate key in
 * `pg_type`). The lock is transaction-scoped on a dedicated connection, so
 * it is released even if this process dies; migrations run on other pool
 * connections meanwhile (the pool needs at least two). On SQLite (one
 * process) calls on the same client simply take turns.
 *
 * @internal
 */
export async function migrateWithLock(
  knex: Knex,
  options: MigrateOptions,
): Promise<void> {
  const previous = running.get(knex) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(() => migrate(knex, options));
  running.set(knex, next);
  await next;
}
