// @ts-check

/**
 * Attribution the user chooses (`dora.linking`, `dora.incidents.exclude`):
 * - dora_incidents: whether the event said it was change-caused, its vendor
 *   attributes (JSON, for re-evaluating filters when the config changes),
 *   whether it is excluded, and why it is unlinked;
 * - dora_deployments: the rollback deployment that rolled it back, and
 *   whether it is itself a rollback (a redeploy of an earlier commit).
 * - dora_entity_linking: an entity's own rules and lookback, read from its
 *   `paved-road.dev/dora-linking` annotation by a scheduled task.
 * Existing rows get the round-1 meaning: nothing excluded, no rollbacks.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_incidents', table => {
    table.integer('change_caused').nullable();
    table.text('attributes').nullable();
    table.integer('excluded').notNullable().defaultTo(0);
    table.string('unlinked_reason', 32).nullable();
  });
  await knex.schema.alterTable('dora_deployments', table => {
    table.bigInteger('rolled_back_by').nullable();
    table.integer('is_rollback').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('dora_entity_linking', table => {
    table.comment('Rules and lookback of an entity, from its annotation');
    table.string('entity_ref', 255).primary();
    // null: the configured rules.
    table.text('rules').nullable();
    // lookback_set = 0: the configured lookback; else lookback_ms (null: none).
    table.integer('lookback_set').notNullable();
    table.bigInteger('lookback_ms').nullable();
    table.text('annotation').notNullable();
  });
  // Existing incidents: 'no-deployment' where unlinked.
  await knex('dora_incidents')
    .whereNull('linked_deployment_id')
    .update({ unlinked_reason: 'no-deployment' });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_entity_linking');
  await knex.schema.alterTable('dora_incidents', table => {
    table.dropColumn('change_caused');
    table.dropColumn('attributes');
    table.dropColumn('excluded');
    table.dropColumn('unlinked_reason');
  });
  await knex.schema.alterTable('dora_deployments', table => {
    table.dropColumn('rolled_back_by');
    table.dropColumn('is_rollback');
  });
};
