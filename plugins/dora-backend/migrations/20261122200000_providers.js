// @ts-check

/**
 * Provider runtime: saved cursors per (provider, scope) and the status of
 * each provider's last run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_provider_cursors', table => {
    table.comment('Saved progress of a provider per scope');
    table.string('provider', 255).notNullable();
    table.string('scope', 255).notNullable();
    table.text('cursor').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['provider', 'scope']);
  });
  await knex.schema.createTable('dora_provider_status', table => {
    table.comment('Last run of each provider');
    table.string('provider', 255).primary();
    table.bigInteger('last_started_at').nullable();
    table.bigInteger('last_finished_at').nullable();
    table.text('last_error').nullable();
    table.integer('last_accepted').notNullable().defaultTo(0);
    table.integer('last_updated').notNullable().defaultTo(0);
    table.integer('last_unmatched').notNullable().defaultTo(0);
    table.integer('runs').notNullable().defaultTo(0);
    table.integer('failed_runs').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_provider_status');
  await knex.schema.dropTable('dora_provider_cursors');
};
