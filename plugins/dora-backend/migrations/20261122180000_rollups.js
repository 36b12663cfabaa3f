// @ts-check

/**
 * Per-entity monthly rollups for owner queries: the samples of one entity
 * and UTC month, packed as float64 arrays. A row whose data is NULL is
 * stale and rebuilt on read or by the refresh task.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_rollups', table => {
    table.comment('Packed samples per (entity, UTC month); NULL data = stale');
    table.string('entity_ref', 255).notNullable();
    table.integer('month').notNullable().comment('year * 12 + month - 1');
    table.binary('data').nullable();
    table.primary(['entity_ref', 'month']);
  });
  if (knex.client.config.client === 'pg') {
    // Packed floats barely compress; skip PostgreSQL's compression on read.
    await knex.raw(
      'ALTER TABLE dora_rollups ALTER COLUMN data SET STORAGE EXTERNAL',
    );
  }
  await knex.schema.createTable('dora_entity_versions', table => {
    table.comment(
      'Bumped by every ingest touching the entity; locks rollup builds',
    );
    table.string('entity_ref', 255).primary();
    table.bigInteger('version').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_entity_versions');
  await knex.schema.dropTable('dora_rollups');
};
