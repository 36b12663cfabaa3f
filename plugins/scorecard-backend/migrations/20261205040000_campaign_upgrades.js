// @ts-check

/**
 * Fleet upgrades of a campaign: the latest upgrade state of each entity,
 * stored as soon as it is known so that a rerun after a crash continues
 * where the previous run stopped. Never holds a token.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_campaign_upgrades', table => {
    table.comment('Latest golden-path upgrade state per campaign and entity');
    table.string('campaign_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table
      .string('state', 32)
      .notNullable()
      .comment('opened, already-open, merged, up-to-date, conflicts or failed');
    table.string('repository', 500).notNullable();
    table.string('change_request_url', 1000).nullable();
    table.integer('change_request_number').nullable();
    table.string('reason', 1000).nullable();
    table.string('to_version', 64).nullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['campaign_id', 'entity_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_campaign_upgrades');
};
