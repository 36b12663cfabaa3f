// @ts-check

/**
 * Build events (CI runs): one row per (source, id). Times are epoch
 * milliseconds in bigint columns like the other event tables. Builds feed
 * only the build figures, never the four keys, so they have no derived
 * flags and no rollups.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_builds', table => {
    table.comment('Build events, one row per (source, id)');
    table.bigIncrements('id').primary();
    table.string('source', 255).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('pipeline', 255).notNullable();
    table.string('status', 32).notNullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').notNullable();
    table.string('commit_sha', 255).nullable();
    table.unique(['source', 'external_id']);
    table.index(['entity_ref', 'finished_at'], 'dora_builds_entity_idx');
    table.index(['finished_at'], 'dora_builds_finished_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_builds');
};
