import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import knexFactory, { Knex } from 'knex';
import { createDatabases } from '../__testUtils__/fixtures';
import { DatabaseDoraStore } from './DatabaseDoraStore';

jest.setTimeout(60_000);

const databases = createDatabases();
const migrationFiles = fs
  .readdirSync(
    resolvePackagePath('@paved-road/plugin-dora-backend', 'migrations'),
  )
  .filter(f => f.endsWith('.js'));

/** A second client to the same database, as another instance would open. */
function secondClient(id: TestDatabaseId, knex: Knex): Knex {
  // An in-memory SQLite database exists only in its own client.
  return id.startsWith('SQLITE') ? knex : knexFactory(knex.client.config);
}

describe.each(databases.eachSupportedId())('migrations on %p', id => {
  it('run once when two instances start together on an empty database', async () => {
    const knex = await databases.init(id);
    const other = secondClient(id, knex);
    const create = (client: Knex) =>
      DatabaseDoraStore.create({
        database: { getClient: async () => client },
        isProduction: env => env === 'production',
        productionSignature: '["production"]',
      });

    try {
      await Promise.all([create(knex), create(other), create(knex)]);

      const applied = await knex('knex_migrations').pluck('name');
      expect([...applied].sort()).toEqual([...migrationFiles].sort());
      expect(await knex.schema.hasTable('dora_deployments')).toBe(true);
    } finally {
      if (other !== knex) await other.destroy();
    }
  });
});
