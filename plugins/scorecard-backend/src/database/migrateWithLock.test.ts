import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import knexFactory, { Knex } from 'knex';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const migrationFiles = fs
  .readdirSync(
    resolvePackagePath('@paved-road/plugin-scorecard-backend', 'migrations'),
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
      DatabaseScorecardStore.create({
        database: { getClient: async () => client },
      });

    try {
      await Promise.all([create(knex), create(other), create(knex)]);

      const applied = await knex('knex_migrations').pluck('name');
      expect([...applied].sort()).toEqual([...migrationFiles].sort());
    } finally {
      if (other !== knex) await other.destroy();
    }
  });
});
